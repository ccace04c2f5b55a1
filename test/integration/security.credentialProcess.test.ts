import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExecuteCommandResult } from '../../src/execute/registerExecuteServiceAction';
import type { ServiceCatalogExtensionApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/nodes';
import { getExtension } from './helpers/extension';
import { extensionApi } from './helpers/serviceCatalogApi';
import { waitUntil } from '../../tools/waitUntil';

const leakyProfile = 'corpus-process-leaky';
const hangingProfile = 'corpus-process-hanging';
/** What the leaky helper's command line and stderr hold (test/fixtures/credentialHelper.cjs). */
const leaked = ['hunter2-cmdline-secret', 'eyJhbGciOiJIUzI1NiJ9', 'plain-secret-from-stderr', 'slash+secret-value', 'FwoGZXIvYXdzEncoded', '--password'];

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * `credential_process` helpers in the real extension host: a failing one is told by its program name and
 * exit code, never by its command line or what it printed; a hanging one is ended when the extension gives
 * up on it, and a retry runs one helper again, not one more per click.
 */
describe('Security: credential_process helpers', function () {
  this.timeout(180_000);
  const configFile = process.env.AWS_CONFIG_FILE!;
  let api: ServiceCatalogExtensionApi;
  let originalConfig: string;
  let pidsDir: string;
  const helper = () => path.join(getExtension().extensionPath, 'test', 'fixtures', 'credentialHelper.cjs');
  const commandLine = (mode: string) =>
    [JSON.stringify(process.execPath), JSON.stringify(helper()), mode, '--pids', JSON.stringify(pidsDir), '--password', 'hunter2-cmdline-secret'].join(' ');
  const pids = () => fs.readdirSync(pidsDir).map(Number);
  const roots = async () => (await api.tree.getChildren()) as TreeNode[];
  const profileNode = async (name: string) => (await roots()).find((node) => node.id === `profile:${name}`);

  /** Everything a node shows: label, description, tooltip (also one VS Code asks for later). */
  function textsOf(node: TreeNode): string {
    const item = node.getTreeItem();
    const resolved = (api.tree as { resolveTreeItem?: (item: vscode.TreeItem, node: TreeNode) => vscode.TreeItem }).resolveTreeItem?.(item, node) ?? item;
    const tooltip = typeof resolved.tooltip === 'string' ? resolved.tooltip : (resolved.tooltip?.value ?? '');
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    return [label, String(item.description ?? ''), tooltip].join('\n');
  }

  before(async () => {
    api = await extensionApi();
    pidsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sca-helper-pids-'));
    originalConfig = fs.readFileSync(configFile, 'utf8');
    await vscode.commands.executeCommand('serviceCatalog.provisionedProducts.focus');
    const before = api.tree.getChildren();
    fs.writeFileSync(
      configFile,
      `${originalConfig}\n[profile ${leakyProfile}]\nregion = us-east-1\ncredential_process = ${commandLine('fail')}\n\n` +
        `[profile ${hangingProfile}]\nregion = us-east-1\ncredential_process = ${commandLine('hang')}\n`,
    );
    await waitUntil('the tree to read the helpers\' profiles', async () => api.tree.getChildren() !== before && (await profileNode(hangingProfile)) !== undefined, 30_000);
  });

  after(async () => {
    const before = api.tree.getChildren();
    fs.writeFileSync(configFile, originalConfig);
    await waitUntil('the tree to read the original AWS files', () => api.tree.getChildren() !== before, 30_000);
    for (const pid of pids().filter(alive)) process.kill(pid, 'SIGKILL');
    fs.rmSync(pidsDir, { recursive: true, force: true });
  });

  it('tells a failing helper by its program and exit code in the node, its tooltip, the notification and the log, and none of what it was given or printed', async () => {
    const node = (await profileNode(leakyProfile))!;
    const children = await api.tree.getChildren(node);
    const failure = children.find((child) => child.getTreeItem().contextValue === 'failure');
    assert.ok(failure, `the profile fails: ${children.map(textsOf).join(' | ')}`);
    const shown: Array<[string, string]> = [
      ['the failure node', textsOf(failure)],
      ['the profile node', textsOf((await profileNode(leakyProfile))!)],
      ...children.map((child): [string, string] => [`node ${child.id}`, textsOf(child)]),
    ];
    assert.match(shown[0][1], new RegExp(`${path.basename(process.execPath)} exited with code 3`));

    const result = await vscode.commands.executeCommand<ExecuteCommandResult>('serviceCatalog.executeServiceAction', {
      profile: leakyProfile,
      region: 'us-east-1',
      provisionedProductId: 'pp-alice00000001',
      serviceActionId: 'act-flush00000001',
      parameters: {},
    });
    assert.equal(result.outcome, 'ended', JSON.stringify(result));
    shown.push(['the notification of Execute', result.outcome === 'ended' ? result.message : '']);
    assert.match(shown[shown.length - 1][1], /exited with code 3/);

    const logs = await waitUntil('the output channel to record the failure', () => {
      const text = outputChannelLog();
      return text.includes(leakyProfile) && /exited with code 3/.test(text) ? text : undefined;
    });
    shown.push(['the output channel', logs]);

    for (const [where, text] of shown) {
      for (const secret of [...leaked, helper()]) {
        assert.ok(!text.includes(secret), `"${secret}" in ${where}: ${text.slice(0, 2000)}`);
      }
    }
  });

  it('ends a hanging helper and its child when it gives up, and a retry runs one helper again, not one per request', async () => {
    // How many helpers (each with its child) run at once, sampled throughout.
    let mostAlive = 0;
    const sampler = setInterval(() => (mostAlive = Math.max(mostAlive, pids().filter(alive).length)), 50);
    try {
      await giveUpAndRetry();
    } finally {
      clearInterval(sampler);
    }
    assert.equal(mostAlive, 2, 'never more than one helper (and its child) at a time');
  });

  async function giveUpAndRetry(): Promise<void> {
    const node = (await profileNode(hangingProfile))!;
    const firstLoad = api.tree.getChildren(node);
    const first = await waitUntil('the helper and its child to start', () => (pids().length === 2 ? pids() : undefined), 30_000);
    const children = await firstLoad;
    assert.ok(children.some((child) => /Credentials timed out/.test(textsOf(child))), children.map(textsOf).join(' | '));
    await waitUntil('the given-up helper and its child to be ended', () => first.every((pid) => !alive(pid)), 15_000);

    // Try Again, then asked again (a refresh, an Execute) while the retry's helper still runs.
    api.tree.refreshNode(node);
    const retry = api.tree.getChildren((await profileNode(hangingProfile))!);
    const second = await waitUntil('the retry\'s helper', () => (pids().length === 4 ? pids().filter((pid) => !first.includes(pid)) : undefined), 30_000);
    const execute = vscode.commands.executeCommand<ExecuteCommandResult>('serviceCatalog.executeServiceAction', {
      profile: hangingProfile,
      region: 'us-east-1',
      provisionedProductId: 'pp-alice00000001',
      serviceActionId: 'act-flush00000001',
      parameters: {},
    });
    assert.equal(pids().length, 4, 'no second helper while one runs');
    assert.deepEqual(pids().filter(alive).sort(), [...second].sort(), 'one helper and its child');
    await retry;
    await execute;
    await waitUntil('the retry\'s helper to be ended once given up', () => second.every((pid) => !alive(pid)), 15_000);
  }
});

/** The text of the extension's output channel, from its log files under the run's folder. */
function outputChannelLog(): string {
  const runDir = path.resolve(process.env.AWS_CONFIG_FILE!, '..', '..', '..');
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name === 'Service Catalog.log') found.push(fs.readFileSync(file, 'utf8'));
    }
  };
  walk(runDir);
  return found.join('\n');
}
