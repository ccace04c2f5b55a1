// The shipped package in the real VS Code: `npm run package` builds the .vsix, code-server's
// `--install-extension` installs it into a fresh extensions folder, and a window that has no extension under
// development (so only installed extensions run) is used as a person would, against the emulator.
//
//   npm run test:vsix
//
// With SERVICE_CATALOG_TEST_VSIX set to a .vsix, the suite installs that package instead of packaging the extension
// itself (how `npm run test:ui:repeat` packages once for all its runs).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { loadSeed } from '../../src/emulator';
import { installExtension } from '../../tools/codeServer';
import { ensureCodeServer } from '../../tools/codeServerInstall';
import { extensionId } from '../../tools/extensionHostLogs';
import { repoRoot, seeds, suiteResultsDir } from '../../tools/paths';
import { selectedVsCode } from '../../tools/vscodeVersions';
import { startWorkbenchSession, type WorkbenchSession } from '../runner/session';
import { waitForWorkbenchReady } from '../../tools/workbench';
import { keepFailureArtifacts } from '../e2e/support/failureArtifacts';
import { waitForRecordStatus } from '../e2e/support/recordPanel';
import { WorkbenchUi } from '../../tools/workbenchUi';

const resultsDir = suiteResultsDir('vsix');
const long = 60_000;

describe('The packaged VSIX, installed in VS Code', function () {
  let dir: string;
  let extensionsDir: string;
  let installOutput: string;
  let session: WorkbenchSession | undefined;
  let ui: WorkbenchUi;
  /** While the Restricted Mode window below is open, a failure there is its own, not this window's. */
  let restrictedWindowOpen = false;
  const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

  before(async function () {
    this.timeout(20 * 60_000); // the first run installs code-server
    fs.rmSync(resultsDir, { recursive: true, force: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sca-vsix-'));
    const packaged = async (): Promise<string> => {
      const { packageExtension } = (await import(path.join(repoRoot, 'scripts', 'package.mjs'))) as {
        packageExtension(options: { out: string; quiet: boolean }): string;
      };
      return packageExtension({ out: path.join(dir, `service-catalog-actions-${version}.vsix`), quiet: true });
    };
    const prebuilt = process.env.SERVICE_CATALOG_TEST_VSIX;
    const vsix = prebuilt ? path.resolve(prebuilt) : await packaged();
    const install = await ensureCodeServer();
    extensionsDir = path.join(dir, 'extensions');
    installOutput = installExtension(install, vsix, { extensionsDir, stateDir: path.join(dir, 'install') });
    session = await startWorkbenchSession({ name: 'vsix', extensionDevelopmentPath: null, extensionsDir });
    ui = new WorkbenchUi(session.page, session.server.logsDir);
    await ui.waitUntilReady();
  });

  const artifacts = keepFailureArtifacts(resultsDir, () => (restrictedWindowOpen ? undefined : session));

  after(async function () {
    this.timeout(60_000);
    await artifacts.afterSuite(this);
    await session?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('installs with code-server --install-extension: the packaged files, not the repository', () => {
    assert.match(installOutput, /successfully installed/i);
    const installed = path.join(extensionsDir, `${extensionId}-${version}`);
    assert.ok(fs.existsSync(path.join(installed, 'dist', 'extension.js')), `${installed} holds dist/extension.js`);
    for (const absent of ['src', 'test', 'node_modules', path.join('dist', 'extension.js.map')]) {
      assert.ok(!fs.existsSync(path.join(installed, absent)), `${absent} is not installed`);
    }
  });

  it('activates from the extensions folder, with no extension under development', async () => {
    // No link to the repository (how the other suites load the extension under development): the installed copy is the only one.
    const installed = path.join(extensionsDir, `${extensionId}-${version}`);
    assert.ok(!fs.lstatSync(installed).isSymbolicLink(), `${installed} is the unpacked VSIX, not a link`);
    const registered = JSON.parse(fs.readFileSync(path.join(extensionsDir, 'extensions.json'), 'utf8')) as Array<{ identifier: { id: string }; version: string }>;
    assert.deepEqual(registered.map((entry) => `${entry.identifier.id}@${entry.version}`), [`${extensionId}@${version}`]);
    await ui.openServiceCatalogView();
    await ui.waitForExtensionActive(long);
  });

  it('shows the view with every profile of the emulator', async () => {
    await ui.openServiceCatalogView();
    for (const profile of session!.sandbox.profiles) {
      await ui.treeItem(profile).first().waitFor({ state: 'visible', timeout: long });
    }
  });

  it('lists the provisioned products of a profile with their status', async () => {
    await ui.openServiceCatalogView();
    await ui.expandTreeItem('main-alice');
    // The rows asserted on, not any leaf: a slow first listing shows a "Loading…" row for a moment.
    await ui.treeItem('alice-web-01').first().waitFor({ state: 'visible', timeout: long });
    const labels = await ui.leafTreeItems().evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
    assert.ok(labels.some((label) => /^alice-web-01, Available, /.test(label)), `rows: ${labels.join(' | ')}`);
  });

  it('runs Execute Service Action from a product’s inline button to a record panel that shows the outcome', async () => {
    const { emulator } = session!.sandbox;
    emulator.clock.setSpeed(10);
    await ui.clickTreeItemAction('alice-web-01', 'Execute Service Action');
    await ui.waitForQuickInputTitle(/^Execute Service Action \(1\/\d\)$/);
    await ui.pickQuickPickItem('Restart-Instance');
    await ui.waitForQuickInputTitle('Execute Service Action (2/3)');
    await ui.quickPickItem('Use the value Service Catalog provides').waitFor({ state: 'visible', timeout: long });
    await ui.page.keyboard.press('Enter');
    await ui.waitForQuickInputTitle('Execute Service Action (3/3)');
    await ui.waitForQuickPickRowWith('Execute Restart-Instance', long);
    await ui.page.keyboard.press('Enter');

    await ui.waitForNotification(/Restart-Instance on alice-web-01 succeeded/, long);
    // The record panel: the webview's script and styles come from the VSIX's dist/webview.
    const frame = await ui.waitForWebviewText('Restart-Instance on alice-web-01', long);
    await waitForRecordStatus(frame, 'SUCCEEDED', long);
    const styled = await frame.evaluate(() => [...document.styleSheets].some((sheet) => sheet.href?.includes('recordPanel.css')));
    assert.ok(styled, 'the panel loaded its stylesheet');
    assert.equal(emulator.counters().executions.total, 1);
  });

  // The manifest says `capabilities.untrustedWorkspaces.supported: true`; this shows VS Code honouring it for the
  // installed package: a second window, with workspace trust on (the sessions above run with it off), opens a
  // folder it has never trusted, the person declines to trust its authors, and the extension still works.
  describe('in Restricted Mode, in a folder whose authors are not trusted', function () {
    let restricted: WorkbenchSession | undefined;
    let restrictedUi: WorkbenchUi;
    // A profile of the session's seed and one of the products it launched (the view's default access level: User).
    const seed = loadSeed(seeds.test);
    const profile = seed.credentials[0];
    const product = seed.provisionedProducts.find((pp) => pp.userArn === profile.userArn && pp.region === profile.region);
    const restrictedResultsDir = path.join(resultsDir, 'restricted-mode');

    before(async function () {
      this.timeout(3 * 60_000);
      assert.ok(product, `the seed has a product of ${profile.profileName} in ${profile.region}`);
      restrictedWindowOpen = true;
      restricted = await startWorkbenchSession({ name: 'vsix-restricted', extensionDevelopmentPath: null, extensionsDir, workspaceTrust: true });
      restrictedUi = new WorkbenchUi(restricted.page, restricted.server.logsDir);
      // Not ui.waitUntilReady(): it waits for the extension's activity bar entry, which is what is being tested.
      await waitForWorkbenchReady(restricted.page);
    });

    const restrictedArtifacts = keepFailureArtifacts(restrictedResultsDir, () => restricted);

    after(async function () {
      this.timeout(60_000);
      await restrictedArtifacts.afterSuite(this);
      await restricted?.close();
      restrictedWindowOpen = false;
    });

    const restrictedModeStatus = (): Locator => restrictedUi.statusBarEntry('status.workspaceTrust');

    it('opens the folder it never trusted in Restricted Mode, the trust prompt declined where VS Code asks', async () => {
      // Either way the window ends up in Restricted Mode, with the folder untrusted. Which way is the build's, not a
      // race: VS Code 1.103 shows the Restricted Mode status before its dialog, so the first one seen says nothing.
      if (selectedVsCode().asksWorkspaceTrustIn === 'dialog') {
        const prompt = restrictedUi.dialog('Do you trust the authors of the files in this folder?');
        await prompt.waitFor({ state: 'visible', timeout: long });
        assert.ok((await prompt.innerText()).includes(restricted!.workspaceDir), 'the prompt names the opened folder');
        await prompt.getByRole('button', { name: "No, I don't trust the authors" }).click();
        await prompt.waitFor({ state: 'hidden', timeout: long });
      }

      // VS Code says so in the status bar ("Restricted Mode", with a shield) and in a banner above the editor.
      await restrictedModeStatus().waitFor({ state: 'visible', timeout: long });
      assert.match(await restrictedModeStatus().innerText(), /Restricted Mode/);
      assert.match((await restrictedModeStatus().getAttribute('aria-label')) ?? '', /this folder is not trusted/);
      const banner = restrictedUi.banner();
      await banner.waitFor({ state: 'visible', timeout: long });
      assert.match(await banner.innerText(), /Restricted Mode is intended for safe code browsing/);
    });

    it('activates the installed extension: its view shows every profile, and a profile’s products', async () => {
      await restrictedUi.openServiceCatalogView();
      await restrictedUi.waitForExtensionActive(long);
      for (const name of restricted!.sandbox.profiles) {
        await restrictedUi.treeItem(name).first().waitFor({ state: 'visible', timeout: long });
      }
      await restrictedUi.expandTreeItem(profile.profileName);
      await restrictedUi.treeItem(product!.name).first().waitFor({ state: 'visible', timeout: long });
      // Still untrusted: nothing above trusted the folder on the way.
      assert.match(await restrictedModeStatus().innerText(), /Restricted Mode/);
    });
  });
});
