import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { echoedSecrets } from '../fixtures/awsConfigCorpus';
import { repoRoot } from '../../tools/paths';
import { executeFromContextMenu, executeUpToReview, wizardStep } from './support/executeWizard';
import { resetEmulator } from './support/fixtures';
import { waitForRecordStatus } from './support/recordPanel';
import { e2eSession, workbench } from './support/session';
import { step } from './support/steps';
import { waitUntil } from '../../tools/waitUntil';
import { readable } from '../../tools/workbenchUi';

const hostileSeed = path.join(repoRoot, 'test', 'fixtures', 'seeds', 'hostile.json');
const long = 90_000;

// Payloads for the fields a valid seed cannot hold (AWS restricts their characters): put into the running emulator's state.
const hostileProductName = '<img src=x onerror="window.__injected=20">inject [x](command:workbench.action.terminal.new) $(zap)';
const hostileActionName = '<svg onload="window.__injected=23">Inject $(zap) [a](command:workbench.action.terminal.new)';
const hostileStatus = '<b>ODD_STATUS</b> $(alert)';
const hostileTags = { '<script>window.__injected=21</script>': '<img src=x onerror=window.__injected=22>' };

/** Elements a payload would create if it were read as HTML (VS Code's own rows hold none of these in their labels). */
const payloadElements = 'img, script, svg, iframe, object, embed, style:not([media]), b, i, u, sup, em, marquee, details, math, a[href^="javascript:"], a[href^="command:"]';

/**
 * Server text in every part of the UI, in the real VS Code: the tree (labels, descriptions, hover
 * tooltips), the wizard's quick picks and input boxes, the record panel and the notifications show
 * HTML, script, Markdown links and $(icons) from AWS as the text it is; no payload runs (window.__injected
 * is never set). Then what the browser keeps (global and workspace state, webview state) and every
 * file of the server hold no secret of the test profiles.
 */
describe('Security (e2e)', () => {
  before(async () => {
    hostileState();
    await workbench().closeAllEditors();
    await workbench().runCommand('Service Catalog: Refresh');
  });

  after(async () => {
    // The test seed again, and a tree that no longer shows the hostile one, for the suites that follow.
    resetEmulator();
    await workbench().closeAllEditors();
    await workbench().runCommand('Service Catalog: Refresh');
  });

  it('shows names, statuses, status messages and tags with payloads as text in the tree and its tooltips', async () => {
    const ui = workbench();
    await ui.openServiceCatalogView();
    await step('expand main-alice', () => ui.expandTreeItem('main-alice'));
    const row = ui.treeItem(hostileProductName).first();
    await step('the product row shows its name as text', () => row.waitFor({ state: 'visible', timeout: long }));
    await assertInert(row.locator('.monaco-icon-label-container'), [hostileProductName, 'Injected <b>Product</b>']);

    await step('hover: the tooltip shows every field as text', async () => {
      const hover = await ui.hoverTreeItem(hostileProductName, 'inject');
      await assertInert(hover, [hostileProductName, '<script>window.__injected=21</script>: <img src=x onerror=window.__injected=22>', '<sup>v1</sup> $(alert)']);
    });
    await ui.page.mouse.move(0, 0);

    const tainted = ui.treeItem('inject-web-02').first();
    await assertInert(tainted.locator('.monaco-icon-label-container'), ['inject-web-02']);
    await step('hover the product with an odd status and a hostile status message', async () => {
      const hover = await ui.hoverTreeItem('inject-web-02', 'inject-web-02');
      await assertInert(hover, [hostileStatus, '<img src=x onerror="window.__injected=11"> tainted: <script>window.__injected=12</script> [fix](command:workbench.action.terminal.new) $(zap)']);
    });
    await ui.page.mouse.move(0, 0);
    await assertNothingRan(ui.page);
  });

  it('shows action names and descriptions, parameter names and values as text in the wizard, then the record and its notification', async () => {
    const ui = workbench();
    await step('Execute Service Action from the hostile product\'s context menu', () => executeFromContextMenu(ui, { product: hostileProductName }));
    await step('the action step lists the actions as text', async () => {
      await ui.waitForQuickPickRowWith('Inject-Markdown');
      await assertInert(ui.quickPickList(), [
        hostileActionName,
        '<script>window.__injected=4</script> [run](command:workbench.action.terminal.new) $(zap) **bold**',
        '[Open terminal](command:workbench.action.terminal.new) <a href="javascript:window.__injected=10">a</a> $(alert)',
      ]);
      await ui.quickPickRowWith('act-injection0001').click();
    });
    // Each parameter in turn: its name in the prompt, its default in the box, Enter keeps it.
    for (const [index, name] of ['Note', '<img src=x onerror=window.__injected=5>', '[p](command:workbench.action.terminal.new)'].entries()) {
      await step(`parameter ${name} is asked for as text`, async () => {
        await ui.waitForQuickInputTitle(wizardStep(index + 2));
        await ui.waitForQuickInputMessage(name.slice(0, 12), 30_000);
        await assertInert(ui.quickInput(), [name]);
        await ui.page.keyboard.press('Enter');
      });
    }
    await step('the TARGET parameter keeps the value Service Catalog provides', async () => {
      await ui.waitForQuickInputTitle(wizardStep(5));
      await ui.waitForQuickPickRowWith('Use the value Service Catalog provides');
      await assertInert(ui.quickInput(), ['$(alert)Target']);
      await ui.page.keyboard.press('Enter');
    });
    await step('the review shows the product, the action and the values as text', async () => {
      await ui.waitForQuickInputTitle(wizardStep(6, 6));
      await ui.waitForQuickPickRowWith('Parameter');
      await assertInert(ui.quickPickList(), [hostileProductName, '<b>default</b>', '[v](command:workbench.action.terminal.new)']);
      await ui.page.keyboard.press('Enter');
    });

    const frame = await step('the record panel opens', () => ui.waitForWebviewText('window.__injected=23', 60_000));
    await step('it fails, showing every error and output as text', () => waitForRecordStatus(frame, 'FAILED', long));
    const text = readable(await frame.evaluate(() => document.body.innerText));
    for (const payload of [
      hostileActionName,
      hostileProductName,
      '<img src=x onerror="window.__injected=7"> failed: <script>window.__injected=8</script> — see [open a terminal](command:workbench.action.terminal.new) $(zap)',
      '[link](command:workbench.action.terminal.new) **bold** $(alert)',
      '<iframe src="javascript:parent.__injected=9"></iframe>',
      '<script>window.__injected=21</script>',
      '<img src=x onerror=window.__injected=22>',
      '<img src=x onerror=window.__injected=5>',
      '[v](command:workbench.action.terminal.new)',
    ]) {
      assert.ok(text.includes(payload), `the panel shows ${payload}`);
    }
    const dom = await frame.evaluate((selector) => {
      const root = document.getElementById('root')!;
      const all = [...document.querySelectorAll('*')];
      return {
        injectedInPanel: root.querySelectorAll(selector).length,
        links: root.querySelectorAll('a').length,
        handlers: all.filter((element) => [...element.attributes].some((attribute) => /^on/i.test(attribute.name))).length,
        payloadAttributes: all.filter((element) =>
          [...element.attributes].some((attribute) => !['aria-label', 'title'].includes(attribute.name) && attribute.value.includes('__injected')),
        ).length,
        injected: (window as unknown as { __injected?: unknown }).__injected,
        hidden: getComputedStyle(document.body).display === 'none',
      };
    }, payloadElements);
    assert.deepEqual(dom, { injectedInPanel: 0, links: 0, handlers: 0, payloadAttributes: 0, injected: undefined, hidden: false });

    const toast = await step('a notification says it failed, with the error as text', () => ui.waitForNotification(/failed/, long));
    const message = ui.notificationMessage(toast);
    assert.equal(await message.locator('a').count(), 0, 'no link from AWS text in the notification');
    assert.ok(readable(await message.innerText()).includes('[open a terminal](command:workbench.action.terminal.new)'), await message.innerText());
    await assertInert(message, [hostileActionName]);
    await assertNothingRan(ui.page);
  });

  it('keeps server text in the message of an execution Service Catalog refused as text: no link, no command', async () => {
    const ui = workbench();
    const { state } = hostileState();
    await ui.closeAllEditors();
    await step('Execute the hostile action up to its review', async () => {
      await executeFromContextMenu(ui, { product: hostileProductName });
      await ui.waitForQuickPickRowWith('act-injection0001');
      await ui.quickPickRowWith('act-injection0001').click();
      for (let step = 2; step <= 5; step++) {
        await ui.waitForQuickInputTitle(wizardStep(step));
        await ui.page.keyboard.press('Enter');
      }
      await ui.waitForQuickInputTitle(wizardStep(6, 6));
      await ui.waitForQuickPickRowWith('Parameter');
    });
    // Meanwhile the catalog's administrator drops a parameter: Service Catalog refuses the request, naming it.
    const action = state.serviceActions.get('act-injection0001')!;
    action.definition.parameters = action.definition.parameters.filter((parameter) => !parameter.name.startsWith('[p]'));
    await step('confirm: Service Catalog refuses it', () => ui.page.keyboard.press('Enter'));
    const toast = await step('the error says so, with the parameter\'s name as text', () => ui.waitForNotification(/refused/, long));
    const message = ui.notificationMessage(toast);
    assert.ok(readable(await message.innerText()).includes('[p](command:workbench.action.terminal.new)'), await message.innerText());
    assert.equal(await message.locator('a').count(), 0, 'no link from AWS text in the notification');
    await assertInert(message, []);
    assert.equal(e2eSession().sandbox.emulator.counters().executions.total, 0);
    await assertNothingRan(ui.page);
  });

  it('keeps every secret of the test profiles out of the browser\'s storage (global, workspace and webview state) and out of the server\'s files', async () => {
    const ui = workbench();
    const { sandbox, server } = e2eSession();
    const secrets = sandbox.emulator.state.seed.credentials.flatMap((credential) => [credential.secretAccessKey, credential.sessionToken ?? '']).filter(Boolean);
    assert.ok(secrets.includes('bob-session-token'), 'the session token of main-bob is one of them');
    sandbox.emulator.reset();
    sandbox.emulator.clock.setSpeed(5);
    await step('run an action with the session-token profile main-bob', async () => {
      await ui.runCommand('Service Catalog: Refresh');
      await executeUpToReview(ui, { profile: 'main-bob', product: 'bob-web-02', action: 'Restart-Instance' });
      await ui.page.keyboard.press('Enter');
    });
    const frame = await ui.waitForWebviewText('Restart-Instance on bob-web-02', 60_000);
    await waitForRecordStatus(frame, 'SUCCEEDED', long);
    const shownInPanel = await frame.evaluate(() => document.body.innerText);
    // A reload makes VS Code write its state (the extension's global state, the panel's webview state) to storage.
    await step('reload the window', () => ui.reload());
    const stored = await browserStorage(ui.page);
    assert.ok(stored.includes('service-catalog-actions.service-catalog-actions'), 'the extension\'s global state is among what was read');
    assert.ok(stored.includes('rec-'), 'and so is the state of its record panel');
    for (const secret of [...secrets, ...echoedSecrets]) {
      assert.ok(!stored.includes(secret), `"${secret}" is in the browser's storage`);
      assert.ok(!shownInPanel.includes(secret), `"${secret}" is shown in the record panel`);
    }

    const userData = path.dirname(server.logsDir);
    const files = filesUnder(userData);
    assert.ok(files.some((file) => file.endsWith('Service Catalog.log')), 'the extension\'s log is among the files');
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      for (const secret of secrets) {
        assert.equal(bytes.indexOf(secret), -1, `"${secret}" is in ${path.relative(userData, file)}`);
      }
    }
  });
});

/** The hostile seed in the emulator, with payloads also in the fields whose characters AWS restricts. */
function hostileState() {
  const emulator = resetEmulator(hostileSeed);
  const { state } = emulator;
  const product = state.provisionedProducts.get('pp-injection00001')!;
  product.name = hostileProductName;
  product.tags = { ...hostileTags };
  state.provisionedProducts.get('pp-injection00002')!.status = hostileStatus as never;
  state.serviceActions.get('act-injection0001')!.name = hostileActionName;
  return emulator;
}

/** The element shows each text as text, holds no element a payload would create, and runs nothing. */
async function assertInert(locator: Locator, texts: string[]): Promise<void> {
  const shown = readable(await locator.first().innerText());
  for (const text of texts) {
    assert.ok(shown.includes(text), `shown as text: ${text}\nin: ${shown.slice(0, 2000)}`);
  }
  const found = await locator.first().evaluate((element, selector) => {
    const icons = [...element.querySelectorAll('.codicon')].map((icon) => icon.className).filter((name) => /codicon-(zap|alert)\b/.test(name));
    return { elements: [...element.querySelectorAll(selector)].map((node) => node.outerHTML.slice(0, 120)), icons };
  }, payloadElements);
  assert.deepEqual(found, { elements: [], icons: [] }, 'no element or icon made from server text');
}

/**
 * No payload ran in any frame of the page (the workbench, each webview's host frame and content frame):
 * window.__injected is unset in each. A frame that cannot be looked into fails the assertion, since it could
 * hide a payload that ran; only a frame that is gone, detached because its panel was closed meanwhile, is
 * passed over (nothing runs in it any more). A frame between two documents is asked again for a moment.
 */
async function assertNothingRan(page: Page): Promise<void> {
  const checked: string[] = [];
  for (const frame of page.frames()) {
    const name = frame === page.mainFrame() ? 'the workbench' : frame.name() || frame.url();
    let lastError: unknown;
    const injected = await waitUntil(
      `to look into the frame ${name}`,
      async () => {
        if (frame.isDetached()) return { detached: true as const };
        try {
          return { value: await frame.evaluate(() => (window as unknown as { __injected?: unknown }).__injected) };
        } catch (error) {
          lastError = error;
          return undefined;
        }
      },
      1_000,
      200,
    ).catch(() => undefined);
    if (injected && 'value' in injected) {
      assert.equal(injected.value, undefined, `a payload ran in ${name}`);
      checked.push(name);
    } else if (!frame.isDetached()) {
      assert.fail(`could not look into the frame ${name} (${frame.url()}), so a payload may have run there unseen: ${String(lastError)}`);
    }
  }
  assert.ok(checked.includes('the workbench'), `the workbench itself was looked into (frames: ${checked.join(', ')})`);
}

/** Everything the workbench keeps in the browser: every IndexedDB database (global, workspace, webview state) and localStorage. */
async function browserStorage(page: Page): Promise<string> {
  // A string, not a function: the test's compiler would wrap inner functions in helpers the page does not have.
  return page.evaluate<string>(`(async () => {
    const request = (req) => new Promise((resolve, reject) => { req.onsuccess = () => resolve(req.result); req.onerror = () => reject(req.error); });
    const decode = (value) => typeof value === 'string' ? value : (value instanceof Uint8Array || value instanceof ArrayBuffer) ? new TextDecoder().decode(value) : JSON.stringify(value);
    const out = [];
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await request(indexedDB.open(name));
      for (const storeName of [...db.objectStoreNames]) {
        const store = db.transaction(storeName, 'readonly').objectStore(storeName);
        const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
        out.push('== ' + name + '/' + storeName, ...keys.map(decode), ...values.map(decode));
      }
      db.close();
    }
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      out.push(key, localStorage.getItem(key) ?? '');
    }
    return out.join('\\n');
  })()`);
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(file);
    return entry.isFile() ? [file] : [];
  });
}
