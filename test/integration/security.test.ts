import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExecuteCommandResult } from '../../src/execute/registerExecuteServiceAction';
import type { ServiceCatalogExtensionApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/nodes';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { getExtension, manifest } from './helpers/extension';
import { emulatorAdmin, extensionApi } from './helpers/serviceCatalogApi';
import { waitUntil } from '../../tools/waitUntil';

const command = 'serviceCatalog.executeServiceAction';

interface SettingSchema {
  scope?: string;
}
interface SecurityManifest {
  capabilities?: {
    untrustedWorkspaces?: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] };
  };
  contributes: { configuration: { properties: Record<string, SettingSchema> } };
}

/**
 * What a workspace (a cloned repository) can and cannot do to the extension, in the real VS Code:
 * its .vscode/settings.json cannot send requests anywhere else, change which profiles or regions are
 * used, or skip the confirmation; the manifest says so (scopes, untrusted workspaces); and text from
 * the server is shown in the tree as text.
 */
describe('Security: workspaces, settings and server text', function () {
  this.timeout(120_000);
  const admin = emulatorAdmin();
  let api: ServiceCatalogExtensionApi;
  let extensionPath: string;

  before(async () => {
    api = await extensionApi();
    extensionPath = getExtension().extensionPath;
    await vscode.commands.executeCommand('serviceCatalog.provisionedProducts.focus');
  });

  const label = (node: TreeNode) => {
    const itemLabel = node.getTreeItem().label;
    return typeof itemLabel === 'string' ? itemLabel : (itemLabel?.label ?? '');
  };
  const roots = async () => (await api.tree.getChildren()) as TreeNode[];
  const profileNode = async (name: string) => {
    const node = (await roots()).find((candidate) => candidate.id === `profile:${name}`);
    assert.ok(node, `profile ${name} is shown`);
    return node;
  };

  describe('the manifest', () => {
    const settings = () => (manifest() as unknown as SecurityManifest).contributes.configuration.properties;

    it('scopes every setting that could change what is called, where, or whether it asks first to the machine', () => {
      // These decide the profiles, regions and access level (so the accounts and products), the IAM Identity Center
      // accounts and roles contacted, whether an action runs without a review, how many calls and runs go at once,
      // and what is kept on disk or in the state of every window: a workspace must not set them.
      const mustBeMachine = [
        'profiles',
        'regions',
        'accessLevel',
        'confirmBeforeExecute',
        'maxConcurrentExecutions',
        'identityCenter.discoverAccounts',
        'identityCenter.roles',
        'maxConcurrentRequests',
        'cacheListings',
        'activity.maxEntries',
      ];
      // Only the language Service Catalog answers in may follow the window.
      const harmless = ['acceptLanguage'];
      const names = Object.keys(settings()).map((key) => key.replace(/^serviceCatalog\./, ''));
      assert.deepEqual(names.filter((name) => !mustBeMachine.includes(name) && !harmless.includes(name)), [], 'a new setting must be classified here');
      for (const name of mustBeMachine) {
        assert.ok(['machine', 'application'].includes(settings()[`serviceCatalog.${name}`]?.scope ?? ''), `serviceCatalog.${name} is ${settings()[`serviceCatalog.${name}`]?.scope}`);
      }
      assert.ok(!names.some((name) => /endpoint|url|proxy|credential|key|command|path/i.test(name)), 'no setting names an endpoint, a credential or a program');
      // Machine settings of a remote or dev-container machine come with the machine: they must not turn the review off.
      assert.equal(settings()['serviceCatalog.confirmBeforeExecute']?.scope, 'application', 'only the user\'s own settings can turn off the review');
    });

    it('declares how it behaves in an untrusted workspace', () => {
      const untrusted = (manifest() as unknown as SecurityManifest).capabilities?.untrustedWorkspaces;
      assert.ok(untrusted, 'capabilities.untrustedWorkspaces is declared');
      assert.ok(untrusted.supported === true || untrusted.supported === 'limited', `supported: ${String(untrusted.supported)}`);
      assert.ok((untrusted.description ?? '').length > 20, 'with a description');
      if (untrusted.supported === 'limited') {
        assert.ok((untrusted.restrictedConfigurations ?? []).length > 0, 'limited support names the restricted settings');
      }
    });
  });

  describe('a workspace .vscode/settings.json', () => {
    let attacker: RunningEmulator;
    let settingsFile: string;
    let speedBefore: number;

    before(async () => {
      // A second Service Catalog, the would-be attacker's: every request it gets is a request that went astray.
      attacker = await startEmulator({ seed: path.join(extensionPath, 'test', 'fixtures', 'seeds', 'test.json'), port: 0, quiet: true });
      const folder = vscode.workspace.workspaceFolders?.[0];
      assert.ok(folder, 'the runner opens a workspace folder');
      settingsFile = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
      speedBefore = (await admin.clock()).speed;
      await admin.reset();
      await admin.clearFaults();
      await admin.setClockSpeed(20);
    });

    after(async () => {
      fs.rmSync(path.dirname(settingsFile), { recursive: true, force: true });
      await waitUntil('the workspace settings to be gone', () => vscode.workspace.getConfiguration('editor').inspect('tabSize')?.workspaceValue === undefined);
      await vscode.workspace.getConfiguration('serviceCatalog').update('confirmBeforeExecute', undefined, vscode.ConfigurationTarget.Global);
      await attacker.stop();
      await admin.setClockSpeed(speedBefore);
      await api.tree.reloadProfiles();
    });

    it('cannot send requests elsewhere, change the profiles, regions or access level, or skip the confirmation', async () => {
      const profilesBefore = (await roots()).map(label).sort();
      const elsewhere = attacker.endpoint;
      fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
      fs.writeFileSync(
        settingsFile,
        JSON.stringify(
          {
            // A harmless setting: when it applies, VS Code has read the file.
            'editor.tabSize': 7,
            'serviceCatalog.profiles': ['attacker'],
            'serviceCatalog.regions': ['us-west-2', 'eu-west-1'],
            'serviceCatalog.accessLevel': 'Account',
            'serviceCatalog.confirmBeforeExecute': false,
            'serviceCatalog.maxConcurrentExecutions': 10,
            'serviceCatalog.acceptLanguage': 'jp',
            // Settings the extension does not have, in case it ever read them.
            'serviceCatalog.endpoint': elsewhere,
            'serviceCatalog.endpointUrl': elsewhere,
            'serviceCatalog.serviceCatalogEndpoint': elsewhere,
            'serviceCatalog.awsConfigFile': '/tmp/attacker-config',
            'aws.endpointUrl': elsewhere,
            'aws.profile': 'attacker',
            'aws.region': 'us-west-2',
          },
          null,
          2,
        ),
      );
      await waitUntil('VS Code to read the workspace settings', () => vscode.workspace.getConfiguration('editor').inspect('tabSize')?.workspaceValue === 7);
      const config = vscode.workspace.getConfiguration('serviceCatalog');
      assert.deepEqual(config.get('profiles'), []);
      assert.deepEqual(config.get('regions'), []);
      assert.equal(config.get('accessLevel'), 'User');
      assert.equal(config.get('confirmBeforeExecute'), true);
      assert.equal(config.get('maxConcurrentExecutions'), 3);

      const callsBefore = (await admin.counters()).totalCalls;
      await api.tree.reloadProfiles();
      assert.deepEqual((await roots()).map(label).sort(), profilesBefore, 'the same profiles, and no "not found" for the workspace\'s');
      const alice = await api.tree.getChildren(await profileNode('main-alice'));
      assert.ok(alice.length > 1 && alice.every((node) => node.id.split('/').length === 2), 'alice lists her products, in her own region only');

      // With confirmation still on, the command stops at the review step; Escape there runs nothing.
      let result: ExecuteCommandResult | undefined;
      const running = vscode.commands
        .executeCommand<ExecuteCommandResult>(command, { profile: 'main-alice', region: 'us-east-1', provisionedProductId: 'pp-alice00000003', serviceActionId: 'act-flush00000001', parameters: {} })
        .then((value) => (result = value));
      await waitUntil('the review step, then Escape', async () => {
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        return result !== undefined;
      });
      await running;
      assert.deepEqual(result, { outcome: 'cancelled' }, 'the review was shown and Escape cancelled it');

      // Only the user's own setting turns the review off; the execution goes to the user's endpoint.
      await vscode.workspace.getConfiguration('serviceCatalog').update('confirmBeforeExecute', false, vscode.ConfigurationTarget.Global);
      const executed = await vscode.commands.executeCommand<ExecuteCommandResult>(command, {
        profile: 'main-alice',
        region: 'us-east-1',
        provisionedProductId: 'pp-alice00000003',
        serviceActionId: 'act-flush00000001',
        parameters: {},
      });
      assert.equal(executed.outcome, 'executed', JSON.stringify(executed));
      const ref = executed.outcome === 'executed' ? executed.started[0] : undefined;
      assert.ok(ref);
      await waitUntil('the record to end', () => api.records.tracker.snapshot(ref)?.connection === 'ended');
      for (const panel of [...api.records.panels.openPanels]) panel.panel.dispose();

      const counters = await admin.counters();
      assert.ok(counters.totalCalls > callsBefore, 'the calls reached the emulator of the user\'s AWS files');
      assert.equal(counters.executions.total, 1);
      assert.equal(attacker.counters().totalCalls, 0, 'and nothing reached the other one');
    });
  });

  describe('server text in the tree', () => {
    before(async () => {
      await admin.reset(path.join(extensionPath, 'test', 'fixtures', 'seeds', 'hostile.json'));
      api.tree.refreshNode(await profileNode('main-alice'));
    });

    after(async () => {
      await admin.reset();
      api.tree.refreshNode(await profileNode('main-alice'));
    });

    it('shows names, versions, statuses and status messages with HTML, script and command links as text: labels and descriptions plain, tooltips untrusted Markdown without HTML', async () => {
      const products = await api.tree.getChildren(await profileNode('main-alice'));
      const injected = products.filter((node) => node.id.includes('pp-injection'));
      assert.equal(injected.length, 2, products.map(label).join(', '));
      for (const node of injected) {
        const item = node.getTreeItem();
        assert.equal(typeof item.label, 'string', 'the label is plain text');
        assert.equal(typeof item.description, 'string', 'the description is plain text');
        assert.match(String(item.description), /<img src=x onerror="window.__injected=1">Injected <b>Product<\/b> \[open\]\(command:workbench.action.terminal.new\) <sup>v1<\/sup> \$\(alert\)/);
        const resolved = (api.tree as { resolveTreeItem?: (item: vscode.TreeItem, node: TreeNode) => vscode.TreeItem }).resolveTreeItem?.(item, node) ?? item;
        const tooltip = resolved.tooltip;
        assert.ok(tooltip instanceof vscode.MarkdownString, 'a Markdown tooltip');
        assert.ok(!tooltip.isTrusted, 'not trusted: no command link can run');
        assert.ok(!tooltip.supportHtml, 'no HTML');
        assert.ok(!tooltip.supportThemeIcons, 'no $(icon) from the text');
        assertEscaped(tooltip.value);
      }
      const tainted = injected.find((node) => node.id.endsWith('pp-injection00002'))!;
      const resolved = (api.tree as { resolveTreeItem?: (item: vscode.TreeItem, node: TreeNode) => vscode.TreeItem }).resolveTreeItem?.(tainted.getTreeItem(), tainted) ?? tainted.getTreeItem();
      assert.ok(plainText((resolved.tooltip as vscode.MarkdownString).value).includes('<img src=x onerror="window.__injected=11"> tainted: <script>window.__injected=12</script>'), 'the status message is there, as text');
    });
  });
});

/**
 * Markdown whose server text went through appendText: no tag VS Code could read as HTML (spaces became
 * &nbsp; and ">" is escaped), no link or image syntax, no $(icon).
 */
function assertEscaped(markdown: string): void {
  assert.ok(!/<\/?(img|script|svg|iframe|a|b|i|u|sup|style|marquee|object|em)[\s>/]/i.test(markdown), `raw HTML in ${markdown}`);
  assert.ok(!markdown.includes(']('), `link syntax in ${markdown}`);
  assert.ok(!markdown.includes('$('), `a codicon in ${markdown}`);
}

/** What Markdown's escapes stand for: the text a reader sees. */
function plainText(markdown: string): string {
  return markdown
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\\([\\`*_{}[\]()#+\-.!<>|~$"'=])/g, '$1');
}
