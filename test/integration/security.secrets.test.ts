import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExecuteCommandResult } from '../../src/execute/registerExecuteServiceAction';
import type { ServiceCatalogExtensionApi } from '../../src/extension';
import type { RecordRef } from '../../src/catalog/records';
import type { TreeNode } from '../../src/tree/nodes';
import { echoedSecrets, fixtureText, secretEchoingFixture, secretEchoingProfiles } from '../fixtures/awsConfigCorpus';
import { getExtension } from './helpers/extension';
import { emulatorAdmin, extensionApi, testSeed } from './helpers/serviceCatalogApi';
import { waitUntil } from '../../tools/waitUntil';
import { emulatorEndpoint } from './testEnvironment';

const command = 'serviceCatalog.executeServiceAction';
const wrongSecret = 'alice-mistyped-secret-key-0001';
const wrongSecretProfile = 'corpus-wrong-secret';

/** Every file under `dir`, skipping `skip`. */
function filesUnder(dir: string, skip: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (file === skip) return [];
    if (entry.isDirectory()) return filesUnder(file, skip);
    return entry.isFile() ? [file] : [];
  });
}

/**
 * The rule that does not bend: credentials never reach a log, an error message, the webview or a file
 * of the extension. With the log at trace level, the extension runs into every failure that tends to
 * echo a secret (a credential_process that prints its JSON and fails, a signature mismatch, an expired
 * and a rejected session token) and a successful execution with a session token; then every text it
 * showed and every file under the run's folder (VS Code's logs, the extension's log and storage) is
 * searched for the secrets of the test profiles.
 */
describe('Security: secrets stay out of logs, messages, the webview and files', function () {
  this.timeout(180_000);
  const admin = emulatorAdmin();
  const configFile = process.env.AWS_CONFIG_FILE!;
  const credentialsFile = process.env.AWS_SHARED_CREDENTIALS_FILE!;
  /** The runner's folder for this run: the AWS files in sandbox/, code-server's user data, logs and storage beside them. */
  const runDir = path.resolve(configFile, '..', '..', '..');
  let api: ServiceCatalogExtensionApi;
  let originalConfig: string;
  let originalCredentials: string;
  let secrets: string[];
  let speedBefore: number;

  before(async () => {
    api = await extensionApi();
    const seed = testSeed();
    secrets = [
      ...seed.credentials.flatMap((credential) => [credential.secretAccessKey, credential.sessionToken ?? '']).filter(Boolean),
      ...echoedSecrets,
      wrongSecret,
    ];
    originalConfig = fs.readFileSync(configFile, 'utf8');
    originalCredentials = fs.readFileSync(credentialsFile, 'utf8');
    speedBefore = (await admin.clock()).speed;
    await admin.reset();
    await admin.clearFaults();
    await admin.setClockSpeed(20);
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'trace');
    await vscode.workspace.getConfiguration('serviceCatalog').update('confirmBeforeExecute', false, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('serviceCatalog.provisionedProducts.focus');

    const alice = seed.credentials.find((credential) => credential.profileName === 'main-alice')!;
    const before = api.tree.getChildren();
    fs.writeFileSync(
      configFile,
      `${originalConfig}\n${fixtureText(secretEchoingFixture, { endpoint: emulatorEndpoint(), services: 'service-catalog-emulator', alice }, path.join(getExtension().extensionPath, 'test', 'fixtures', 'aws-config'))}\n` +
        `[profile ${wrongSecretProfile}]\nregion = us-east-1\nservices = service-catalog-emulator\n`,
    );
    fs.writeFileSync(credentialsFile, `${originalCredentials}\n[${wrongSecretProfile}]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${wrongSecret}\n`, { mode: 0o600 });
    await waitUntil('the tree to read the AWS files with the failing profiles', async () => {
      if (api.tree.getChildren() === before) return false;
      return ((await api.tree.getChildren()) as TreeNode[]).some((node) => node.id === `profile:${wrongSecretProfile}`);
    });
  });

  after(async () => {
    const before = api.tree.getChildren();
    fs.writeFileSync(configFile, originalConfig);
    fs.writeFileSync(credentialsFile, originalCredentials, { mode: 0o600 });
    await waitUntil('the tree to read the original AWS files', () => api.tree.getChildren() !== before);
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'info');
    await vscode.workspace.getConfiguration('serviceCatalog').update('confirmBeforeExecute', undefined, vscode.ConfigurationTarget.Global);
    await admin.setClockSpeed(speedBefore);
  });

  /** Everything a node shows: label, description, tooltip (also one VS Code asks for later). */
  function textsOf(node: TreeNode): string[] {
    const item = node.getTreeItem();
    const resolved = (api.tree as { resolveTreeItem?: (item: vscode.TreeItem, node: TreeNode) => vscode.TreeItem }).resolveTreeItem?.(item, node) ?? item;
    const tooltip = typeof resolved.tooltip === 'string' ? resolved.tooltip : (resolved.tooltip?.value ?? '');
    const itemLabel = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    return [itemLabel, String(item.description ?? ''), tooltip, JSON.stringify(item.command?.arguments?.filter((argument) => typeof argument !== 'object') ?? [])];
  }

  function assertFree(where: string, text: string): void {
    for (const secret of secrets) {
      const at = text.indexOf(secret);
      assert.equal(at, -1, `"${secret}" appears in ${where}: …${text.slice(Math.max(0, at - 200), at + 100)}…`);
    }
  }

  it('never shows, logs, posts or writes a secret, through failures that echo them and a successful execution', async () => {
    const shown: Array<[string, string]> = [];

    // The tree: every profile, every node under it (failures with their details and fixes).
    const roots = (await api.tree.getChildren()) as TreeNode[];
    for (const root of roots) {
      shown.push([`tree node ${root.id}`, textsOf(root).join('\n')]);
      for (const child of await api.tree.getChildren(root)) {
        shown.push([`tree node ${child.id}`, textsOf(child).join('\n')]);
      }
      shown.push([`tree node ${root.id} after loading`, textsOf(root).join('\n')]);
    }
    const failing = [...secretEchoingProfiles, wrongSecretProfile];
    for (const name of failing) {
      const children = await api.tree.getChildren(roots.find((node) => node.id === `profile:${name}`)!);
      assert.ok(
        children.some((node) => node.getTreeItem().contextValue === 'failure'),
        `${name} fails: ${children.map((node) => textsOf(node)[0]).join(', ')}`,
      );
    }

    // Execute Service Action with each failing profile, and with the expired session token: the messages it shows.
    for (const profile of [...failing, 'main-expired']) {
      const result = await vscode.commands.executeCommand<ExecuteCommandResult>(command, {
        profile,
        region: 'us-east-1',
        provisionedProductId: 'pp-alice00000001',
        serviceActionId: 'act-flush00000001',
        parameters: {},
      });
      assert.equal(result.outcome, 'ended', JSON.stringify(result));
      shown.push([`the message of Execute with ${profile}`, JSON.stringify(result)]);
    }

    // A successful execution with a session token: the panel, its messages and state, the stores.
    const result = await vscode.commands.executeCommand<ExecuteCommandResult>(command, {
      profile: 'main-bob',
      region: 'us-east-1',
      provisionedProductId: 'pp-bobxx00000013',
      serviceActionId: 'act-restart000001',
      parameters: {},
    });
    assert.equal(result.outcome, 'executed', JSON.stringify(result));
    const ref: RecordRef = result.outcome === 'executed' ? result.started[0] : (undefined as never);
    const panel = await waitUntil('the record panel', () => api.records.panels.find(ref));
    await waitUntil('the webview to be ready', () => panel.isReady);
    shown.push(['the panel while running', JSON.stringify(panel.currentView)]);
    shown.push(['the pending executions (globalState)', JSON.stringify(api.execute.pending.mine())]);
    shown.push(['the records in flight', JSON.stringify(api.records.tracker.inFlight())]);
    await waitUntil('the record to end', () => api.records.tracker.snapshot(ref)?.connection === 'ended', 60_000);
    shown.push(['the panel once ended (its last message and saved state)', JSON.stringify(panel.currentView)]);
    shown.push(['the records that ended', JSON.stringify(api.records.tracker.recentlyEnded())]);
    shown.push(['the status bar', String(api.records.statusBar.text)]);
    shown.push(['the Activity view', JSON.stringify([api.records.activity.entries(), api.records.activityView.items()])]);
    for (const open of [...api.records.panels.openPanels]) open.panel.dispose();

    for (const [where, text] of shown) assertFree(where, text);

    // The extension's log, at trace level, says what failed (so the failures were logged)...
    const logs = await waitUntil('the extension\'s log to record the failures', () => {
      const files = filesUnder(runDir, path.dirname(configFile)).filter((file) => path.basename(file) === 'Service Catalog.log');
      const text = files.map((file) => fs.readFileSync(file, 'utf8')).join('\n');
      return files.length > 0 && failing.every((name) => text.includes(name)) ? files : undefined;
    });
    assert.ok(logs.some((file) => fs.readFileSync(file, 'utf8').includes('Execute Service Action ended')));

    // ... and no file under the run's folder holds a secret: logs of VS Code and the extension, its storage, settings.
    const files = filesUnder(runDir, path.dirname(configFile));
    assert.ok(files.some((file) => file.includes(path.join('User', 'globalStorage')) || file.includes('workspaceStorage')), 'storage folders are searched too');
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      for (const secret of secrets) {
        assert.equal(bytes.indexOf(secret), -1, `"${secret}" is in ${path.relative(runDir, file)}`);
      }
    }
  });

  it('keeps the extension\'s storage free of credentials', () => {
    const storage = filesUnder(runDir, path.dirname(configFile)).filter((file) => file.includes(getExtension().id));
    for (const file of storage) {
      const text = fs.readFileSync(file, 'latin1');
      assert.ok(!/aws_secret_access_key|SecretAccessKey|aws_session_token/i.test(text) || path.basename(file) === 'Service Catalog.log', `${file} holds credential settings`);
    }
  });
});
