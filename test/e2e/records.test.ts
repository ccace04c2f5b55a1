import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Frame } from 'playwright-core';
import type { AwsContext } from '../../src/aws/awsContext';
import { repoRoot, testResultsDir } from '../../tools/paths';
import { wizardStep } from './support/executeWizard';
import { openRecord, recordFreshness, recordStatus, recordStatusText, recordTab, waitForAnyRecordStatus, waitForFreshness, waitForRecordStatus } from './support/recordPanel';
import { e2eSession, sandboxAwsContext, workbench } from './support/session';
import { readmeScreenshotPath } from './support/readmeScreenshots';
import { step } from './support/steps';
import type { WorkbenchUi } from '../../tools/workbenchUi';

/**
 * The live record panel as a person sees it: records started in the emulator, opened with
 * "Service Catalog: Show Record...", read inside the webview's frame.
 */
const screenshotsDir = path.join(testResultsDir, 'e2e', 'screenshots');
const injectionSeed = path.join(repoRoot, 'test', 'fixtures', 'seeds', 'injection.json');
const long = 90_000;

describe('Record panel (e2e)', () => {
  let aws: AwsContext;

  before(() => {
    aws = sandboxAwsContext();
  });

  beforeEach(async () => {
    e2eSession().sandbox.emulator.reset();
    await workbench().closeAllEditors();
  });

  after(async () => {
    aws.dispose();
    e2eSession().sandbox.emulator.reset();
    await workbench().closeAllEditors().catch(() => undefined);
  });

  async function execute(provisionedProductId: string, serviceActionId: string, parameters?: Record<string, string[]>): Promise<string> {
    const api = await aws.apiFor('main-alice', 'us-east-1');
    const record = await api.executeServiceAction({ provisionedProductId, serviceActionId, executeToken: randomUUID(), parameters });
    return record.RecordId!;
  }

  it('goes from in progress to succeeded by itself, with the status bar and a notification', async () => {
    const ui = workbench();
    const recordId = await execute('pp-alice00000009', 'act-snapshot00001');
    const frame = await step('open the record from the palette', () => openRecord(ui, recordId));

    // The panel shows the record id before its first DescribeRecord answers: wait for a status.
    const running = await waitForAnyRecordStatus(frame);
    assert.ok(running === 'CREATED' || running === 'IN_PROGRESS', `status while running: ${running}`);
    const statusItem = ui.statusBarItem(/1 action running/).first();
    await step('the status bar says an action runs', () => statusItem.waitFor({ state: 'visible', timeout: 30_000 }));
    await step('clicking it lists the record', async () => {
      await statusItem.click();
      await ui.waitForQuickInputTitle(/Service Catalog actions/);
      await ui.waitForQuickPickRowWith(recordId, 15_000);
      await ui.page.keyboard.press('Enter');
      await ui.waitForQuickInputClosed();
    });
    assert.match(await recordFreshness(frame), /Updated \d+ s ago/);

    const { emulator } = e2eSession().sandbox;
    emulator.faults.set([{ kind: 'throttle', operation: 'DescribeRecord', forMs: 5_000 }]);
    await step('throttled: the panel says it is reconnecting', () => waitForFreshness(frame, /Reconnecting/, 30_000));
    assert.match(await recordFreshness(frame), /Throttled/i);
    emulator.faults.clear();

    await step('wait, without touching anything, until it succeeds', () => waitForRecordStatus(frame, 'SUCCEEDED', long));
    const text = await frame.evaluate(() => document.body.innerText);
    assert.match(text, /Succeeded/);
    assert.match(text, /SnapshotId/);
    assert.match(text, /Final status/);
    const toast = await step('a notification says it succeeded', () => ui.waitForNotification(/succeeded/, 30_000));
    assert.match(await toast.innerText(), /Show Record/);

    const opened = ui.page.context().waitForEvent('request', {
      predicate: (request) => request.url().startsWith('https://us-east-1.console.aws.amazon.com/'),
      timeout: 30_000,
    });
    await step('open the product in the AWS console', async () => {
      await frame.locator('button[data-key="open-console"]').click();
      // VS Code asks before it opens a site that is not trusted yet.
      await ui.dialogButton('Open').click({ timeout: 10_000 }).catch(() => undefined);
    });
    const request = await opened;
    // A request carries no fragment (#/provisioned-products/<id>, checked by the unit tests): the page and the region are what reach the network.
    assert.equal(request.url(), 'https://us-east-1.console.aws.amazon.com/servicecatalog/home?region=us-east-1');
    for (const page of ui.page.context().pages().filter((page) => page !== ui.page)) {
      await page.close().catch(() => undefined);
    }
  });

  it('shows a failing action as failing-but-not-finished, then every error in full', async () => {
    const ui = workbench();
    const recordId = await execute('pp-alice00000002', 'act-rotate0000001');
    const frame = await step('open the record', () => openRecord(ui, recordId));
    await step('failing, not finished', () => waitForRecordStatus(frame, 'IN_PROGRESS_IN_ERROR', long));
    assert.match(await recordStatusText(frame), /Failing, not finished/);
    await step('failed', () => waitForRecordStatus(frame, 'FAILED', long));
    const errors = await frame.locator('[data-testid="errors"] li').allInnerTexts();
    assert.equal(errors.length, 3, errors.join('\n'));
    assert.match(errors[0], /AutomationStepFailed/);
    assert.match(errors[0], /Step rotateSecret failed: AccessDenied on secretsmanager:RotateSecret for i-0alice02/);
    assert.match(errors[1], /RollbackStarted/);
    assert.match(errors[2], /The previous version is current again/);
    const toast = await ui.waitForNotification(/failed: Step rotateSecret failed/, 30_000);
    assert.match(await toast.innerText(), /Show Record/);
  });

  it('shows every output of a record whose outputs span several pages', async () => {
    const ui = workbench();
    const recordId = await execute('pp-alice00000003', 'act-export0000001');
    const frame = await step('open the record', () => openRecord(ui, recordId));
    await waitForRecordStatus(frame, 'SUCCEEDED', long);
    const keys = await frame.locator('[data-testid="outputs"] dt').allInnerTexts();
    assert.equal(keys.length, 45);
    assert.equal(new Set(keys).size, 45);
    assert.match(await frame.locator('[data-testid="outputs"] h2').innerText(), /Outputs \(45\)/);
  });

  it('shows HTML and script from AWS as text, and none of it becomes an element', async () => {
    const ui = workbench();
    const { emulator } = e2eSession().sandbox;
    emulator.reset(injectionSeed);
    const recordId = await execute('pp-injection00001', 'act-injection0001', { Note: ['<img src=x onerror="window.__pwned=5">note'] });
    // Fields whose characters AWS restricts (names, tags) get payloads too, as a server that breaks its own rules would send them.
    const record = emulator.state.records.get(recordId)!;
    record.provisionedProductName = '<img src=x onerror="window.__pwned=6">pp';
    record.tags = [{ Key: '<b>tag</b>', Value: '<script>window.__pwned=7</script>' }];

    const frame = await step('open the record', () => openRecord(ui, recordId));
    await waitForRecordStatus(frame, 'FAILED', long);
    const text = await frame.evaluate(() => document.body.innerText);
    for (const payload of [
      '<b>BoldCode</b>',
      '<img src=x onerror="window.__pwned=1"> failed: <script>window.__pwned=2</script>',
      'See <a href="javascript:window.__pwned=3">details</a>',
      '<style>body{display:none}</style><iframe src="https://example.com"></iframe>',
      '<svg onload="window.__pwned=4">Key</svg>',
      '<object data="x"></object>value',
      '<em>described</em>',
      '<img src=x onerror="window.__pwned=5">note',
      '${alert(5)} {{constructor}} `id` $(id)',
      '<img src=x onerror="window.__pwned=6">pp',
      '<b>tag</b>',
      '<script>window.__pwned=7</script>',
    ]) {
      assert.ok(text.includes(payload), `shown as text: ${payload}`);
    }
    const dom = await frame.evaluate(() => {
      const root = document.getElementById('root')!;
      const all = [...document.querySelectorAll('*')];
      return {
        // Our content holds only the elements the panel builds; none of the payloads' tags.
        injectedInPanel: root.querySelectorAll('img, iframe, object, embed, svg, a, b, i, em, u, sup, marquee, style, script, form, input, video, audio').length,
        // Anywhere in the document (VS Code adds a script and a style of its own): nothing that carries a payload.
        payloadScriptsOrStyles: [...document.querySelectorAll('script, style')].filter((element) => /__pwned|display:\s*none/.test(element.textContent ?? '')).length,
        // Labels of copy buttons name the output they copy: text there is fine, anywhere else it is not.
        payloadAttributes: all.filter((element) =>
          [...element.attributes].some((attribute) => !['aria-label', 'title'].includes(attribute.name) && attribute.value.includes('__pwned')),
        ).length,
        handlers: all.filter((element) => [...element.attributes].some((attribute) => /^on/i.test(attribute.name))).length,
        ourScripts: document.querySelectorAll('script[src$="recordPanel.js"][nonce]').length,
        pwned: (window as unknown as { __pwned?: unknown }).__pwned,
        hidden: getComputedStyle(document.body).display === 'none',
      };
    });
    assert.deepEqual(dom, { injectedInPanel: 0, payloadScriptsOrStyles: 0, payloadAttributes: 0, handlers: 0, ourScripts: 1, pwned: undefined, hidden: false });

    const toast = await ui.waitForNotification(/failed/, 30_000);
    assert.equal(await ui.notificationMessage(toast).locator('a').count(), 0, 'no link from AWS text in the notification');
    await keepScreenshot(ui, 'record-panel-injection');
  });

  it('executes again with the same parameters through the wizard\'s review step; screenshots in dark and light', async () => {
    const ui = workbench();
    const { emulator } = e2eSession().sandbox;
    emulator.clock.setSpeed(5);
    try {
      await step('execute Restart-Instance on alice-web-06 from the palette', async () => {
        await ui.runCommand('Service Catalog: Execute Service Action');
        await ui.waitForQuickInputTitle(wizardStep(1));
        await ui.pickQuickPickItem('main-alice');
        await ui.waitForQuickInputTitle(wizardStep(2));
        await ui.waitForQuickPickRowWith('alice-', long);
        await ui.typeInQuickInput('web-06', { accept: false });
        await ui.pickQuickPickItem(/alice-web-06/);
        await ui.waitForQuickInputTitle(wizardStep(3));
        await ui.pickQuickPickItem('Restart-Instance');
        await ui.waitForQuickInputTitle(wizardStep(4));
        await ui.page.keyboard.press('Enter');
        await ui.waitForQuickInputTitle(wizardStep(5));
        await ui.page.keyboard.press('Enter');
      });
      const frame = await step('the panel opens with the action and the product', () => ui.waitForWebviewText('Restart-Instance on alice-web-06', 60_000));
      await waitForRecordStatus(frame, 'SUCCEEDED', long);
      assert.match(await frame.evaluate(() => document.body.innerText), /RestartedInstance/);
      // The panel of an execution knows its action, product and parameters: the best picture of it, in dark and light.
      await keepScreenshots(ui, frame);

      await step('click Execute again', () => frame.locator('button[data-key="execute-again"]').click());
      await step('the wizard opens at its review step', () => ui.waitForQuickPickRowWith('Execute Restart-Instance'));
      const review = (await ui.quickPickItems()).join('\n');
      assert.ok(review.includes('alice-web-06'), review);
      await ui.page.keyboard.press('Escape');
      await ui.waitForQuickInputClosed();
      assert.equal(emulator.counters().executions.total, 1, 'Escape at the review ran nothing');

      await ui.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await step('click Copy AWS CLI command to execute again', async () => {
        await frame.locator('button[data-key="copy-cli-execute-again"]').click();
        await frame.locator('.toast').filter({ hasText: 'Copied the AWS CLI command to execute again' }).waitFor({ state: 'attached', timeout: 15_000 });
      });
      const command = await ui.page.evaluate(() => navigator.clipboard.readText());
      // The review took the action's defaults, so no parameter was given: the command gives none either (with some, --parameters '{"Name":["value"]}').
      assert.match(command, /^aws servicecatalog execute-provisioned-product-service-action --provisioned-product-id pp-alice00000006 --service-action-id act-restart000001 (--parameters '\{.*\}' )?--region us-east-1 --profile main-alice$/, command);
      const first = [...emulator.state.records.values()].find((record) => record.execution?.executeToken !== undefined && record.provisionedProductId === 'pp-alice00000006');
      assert.ok(first?.execution, 'the first execution is in the emulator');
      const copiedRecordId = await step('paste it into a shell: the AWS CLI runs the action again with the same parameters', async () => {
        const { sandbox } = e2eSession();
        // Not execFileSync: the emulator answers from this process.
        const { stdout } = await promisify(execFile)('/bin/sh', ['-c', `${command} --output json`], {
          env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), AWS_CONFIG_FILE: sandbox.configFile, AWS_SHARED_CREDENTIALS_FILE: sandbox.credentialsFile, AWS_PAGER: '' },
        });
        return (JSON.parse(stdout) as { RecordDetail: { RecordId: string } }).RecordDetail.RecordId;
      });
      assert.deepEqual(emulator.state.records.get(copiedRecordId)?.execution?.parameters, first.execution.parameters);
      assert.equal(emulator.counters().executions.total, 2);
    } finally {
      emulator.clock.setSpeed(1);
    }
  });

  it('comes back after being hidden, and after a window reload keeps following a record in flight', async () => {
    const ui = workbench();
    const recordId = await execute('pp-alice00000012', 'act-snapshot00001');
    await step('open the record', () => openRecord(ui, recordId));

    await step('hide it behind another editor', () => ui.runCommand('File: New Untitled Text File'));
    await step('show it again', () => recordTab(ui, recordId).click());
    const shownAgain = await ui.waitForWebviewText(recordId, 30_000);
    assert.ok((await recordStatus(shownAgain)) !== undefined);

    await step('reload the window', () => ui.reload());
    // Only the visible editor's webview is created; the restored panel's tab brings it up.
    await step('the panel is restored', () => recordTab(ui, recordId).click({ timeout: 60_000 }));
    const restored = await ui.waitForWebviewText(recordId, 60_000);
    await step('it still follows the record to the end', () => waitForRecordStatus(restored, 'SUCCEEDED', long));
    await ui.waitForNotification(/succeeded/, 30_000);
  });
});

/** The panel in a dark and a light theme (the light one is also the README's screenshot); then the theme the window had. */
async function keepScreenshots(ui: WorkbenchUi, frame: Frame): Promise<void> {
  const startedLight = await frame.evaluate(() => document.body.classList.contains('vscode-light'));
  await step('switch to a dark theme', () => chooseTheme(ui, frame, 'Dark Modern', 'vscode-dark'));
  await keepScreenshot(ui, 'record-panel-dark');
  await step('switch to a light theme', () => chooseTheme(ui, frame, 'Light Modern', 'vscode-light'));
  const light = await keepScreenshot(ui, 'record-panel-light');
  fs.copyFileSync(light, readmeScreenshotPath('record-panel'));
  if (!startedLight) await chooseTheme(ui, frame, 'Dark Modern', 'vscode-dark');
}

/** Picks a colour theme and waits until the webview has it (VS Code sets a class on the webview's body). */
async function chooseTheme(ui: WorkbenchUi, frame: Frame, theme: string, bodyClass: string): Promise<void> {
  await ui.chooseColorTheme(theme);
  await frame.waitForFunction((name) => document.body.classList.contains(name), bodyClass, { timeout: 15_000 });
}

async function keepScreenshot(ui: WorkbenchUi, name: string): Promise<string> {
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const file = path.join(screenshotsDir, `${name}.png`);
  await ui.dismissTransientUi().catch(() => undefined);
  await ui.page.screenshot({ path: file });
  return file;
}
