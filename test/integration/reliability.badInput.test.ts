import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ServiceCatalogExtensionApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/nodes';
import type { Seed } from '../../src/emulator/seed/seedTypes';
import { caseBytes, configCorpus, controlSection, credentialsFor, type ConfigCase, type FixtureValues } from '../fixtures/awsConfigCorpus';
import { getExtension } from './helpers/extension';
import { emulatorAdmin, extensionApi, listWithSdk, testSeed } from './helpers/serviceCatalogApi';
import { waitUntil } from '../../tools/waitUntil';
import { emulatorEndpoint } from './testEnvironment';

/** At most this many warnings above the profiles, however broken a file is. */
const maxRootWarnings = 25;

/**
 * The bad-input corpus in the real VS Code: each broken AWS config file of test/fixtures/aws-config/
 * is put in place of (or into) the files the runner wrote; the tree must say what is wrong in a node,
 * and the profiles the breakage does not touch must keep listing their products.
 */
describe('Reliability: broken AWS config files', function () {
  this.timeout(120_000);
  const admin = emulatorAdmin();
  const configFile = process.env.AWS_CONFIG_FILE!;
  const credentialsFile = process.env.AWS_SHARED_CREDENTIALS_FILE!;
  let api: ServiceCatalogExtensionApi;
  let seed: Seed;
  let originalConfig: Buffer;
  let originalCredentials: Buffer;
  let values: FixtureValues;
  let aliceProducts: string[];

  before(async () => {
    api = await extensionApi();
    seed = testSeed();
    originalConfig = fs.readFileSync(configFile);
    originalCredentials = fs.readFileSync(credentialsFile);
    const alice = seed.credentials.find((credential) => credential.profileName === 'main-alice')!;
    values = { endpoint: emulatorEndpoint(), services: 'service-catalog-emulator', alice };
    await admin.clearFaults();
    await admin.reset();
    aliceProducts = (await listWithSdk(alice, 'us-east-1', 'User')).map((product) => product.Name!).sort();
    await vscode.commands.executeCommand('serviceCatalog.provisionedProducts.focus');
  });

  after(async () => {
    await rewrite(() => {
      fs.rmSync(configFile, { recursive: true, force: true });
      fs.writeFileSync(configFile, originalConfig);
      fs.writeFileSync(credentialsFile, originalCredentials, { mode: 0o600 });
    });
  });

  const label = (node: TreeNode) => {
    const itemLabel = node.getTreeItem().label;
    return typeof itemLabel === 'string' ? itemLabel : (itemLabel?.label ?? '');
  };
  /** Everything a node says: label, description and tooltip. */
  const textOf = (node: TreeNode) => {
    const item = node.getTreeItem();
    const tooltip = typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '');
    return [label(node), String(item.description ?? ''), tooltip].join('\n');
  };
  const roots = async () => (await api.tree.getChildren()) as TreeNode[];
  const profileNode = async (name: string) => {
    const node = (await roots()).find((candidate) => candidate.id === `profile:${name}`);
    assert.ok(node, `profile ${name} is shown`);
    return node;
  };

  /**
   * Makes the change, then waits until the tree has read the files again (the watcher polls them about
   * once a second, each on its own) and no other reload followed for a while.
   */
  async function rewrite(change: () => void): Promise<void> {
    const before = api.tree.getChildren();
    const filesBefore = [configFile, credentialsFile].map(readIfFile);
    change();
    if ([configFile, credentialsFile].map(readIfFile).every((text, index) => text === filesBefore[index])) {
      return; // the same files: an edit that changes nothing leaves the tree as it is
    }
    await waitUntil('the tree to read the AWS files again', () => api.tree.getChildren() !== before, 30_000);
    let current = api.tree.getChildren();
    let since = Date.now();
    await waitUntil(
      'the tree to settle on the new files',
      () => {
        const now = api.tree.getChildren();
        if (now !== current) {
          current = now;
          since = Date.now();
        }
        return Date.now() - since > 2_500;
      },
      30_000,
    );
  }

  function readIfFile(file: string): string | undefined {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  }

  function putInPlace(testCase: ConfigCase): void {
    const fixturesDir = path.join(getExtension().extensionPath, 'test', 'fixtures', 'aws-config');
    const bytes = testCase.placement === 'directory' ? Buffer.alloc(0) : caseBytes(testCase, values, fixturesDir);
    const control = Buffer.from(`\n${controlSection(values)}\n${credentialsFor(testCase.credentialsFor ?? [], values)}`);
    let config = originalConfig;
    let credentials = Buffer.concat([originalCredentials, control]);
    if (testCase.placement === 'append') config = Buffer.concat([originalConfig, Buffer.from('\n'), bytes]);
    if (testCase.placement === 'prepend') config = Buffer.concat([bytes, originalConfig]);
    if (testCase.placement === 'replace') config = bytes;
    if (testCase.placement === 'credentials') credentials = Buffer.concat([credentials, Buffer.from('\n'), bytes]);
    fs.rmSync(configFile, { recursive: true, force: true });
    if (testCase.placement === 'directory') {
      fs.mkdirSync(configFile);
    } else {
      fs.writeFileSync(configFile, config);
    }
    fs.writeFileSync(credentialsFile, credentials, { mode: 0o600 });
  }

  async function assertLists(profile: string, expected: string[]): Promise<void> {
    const children = await api.tree.getChildren(await profileNode(profile));
    const failure = children.find((child) => child.getTreeItem().contextValue === 'failure');
    assert.ok(!failure, `${profile} shows "${failure && textOf(failure)}"`);
    assert.deepEqual(children.map(label).sort(), expected, `${profile} lists its products`);
  }

  it('has a corpus of at least 15 broken files', () => {
    assert.ok(configCorpus.filter((testCase) => !testCase.loads).length >= 15);
  });

  for (const testCase of configCorpus) {
    it(`${testCase.name}: the tree says what is wrong and the other profiles keep working`, async function () {
      this.timeout((testCase.timeoutMs ?? 30_000) + 60_000);
      await rewrite(() => putInPlace(testCase));
      const rootNodes = await roots();
      const warnings = rootNodes.filter((node) => node.getTreeItem().contextValue === 'configProblem');
      assert.ok(warnings.length <= maxRootWarnings, `${warnings.length} warnings above the profiles`);

      if (testCase.loads) {
        assert.ok(rootNodes.some((node) => label(node) === testCase.loads), 'the profile is shown with its whole name');
        await assertLists(testCase.loads, aliceProducts);
      } else if (testCase.where === 'root') {
        assert.ok(
          warnings.some((node) => testCase.message.test(textOf(node))),
          `a node says ${testCase.message}; the tree shows:\n${rootNodes.map(textOf).join('\n---\n').slice(0, 3000)}`,
        );
      } else {
        const children = await api.tree.getChildren(await profileNode(testCase.where.profile));
        assert.ok(
          children.some((node) => testCase.message.test(textOf(node))),
          `a node under ${testCase.where.profile} says ${testCase.message}; it shows:\n${children.map(textOf).join('\n---\n')}`,
        );
      }
      for (const survivor of testCase.survivors) {
        await assertLists(survivor, aliceProducts);
      }
    });
  }

  it('shows names at the limits and in unicode exactly: a 128-character product name, unicode product, version and tag', async () => {
    const reliabilitySeed = path.join(getExtension().extensionPath, 'test', 'fixtures', 'seeds', 'reliability.json');
    const limits = (JSON.parse(fs.readFileSync(reliabilitySeed, 'utf8')) as Seed).provisionedProducts.find((product) => product.id === 'pp-limits0000001')!;
    await rewrite(() => {
      fs.writeFileSync(configFile, originalConfig);
      fs.writeFileSync(credentialsFile, originalCredentials, { mode: 0o600 });
    });
    await admin.reset(reliabilitySeed);
    try {
      const alice = await profileNode('main-alice');
      api.tree.refreshNode(alice);
      const node = (await api.tree.getChildren(alice)).find((child) => label(child) === limits.name);
      assert.ok(node, `a product labelled with all ${limits.name.length} characters of its name`);
      const item = node.getTreeItem();
      assert.equal(item.description, 'Caché-Datenbank 日本語 データベース 🚀 (Ünïcödé) v1 — 初版');
      // The tooltip may be filled in only when VS Code asks for it (resolveTreeItem).
      const resolved = (api.tree as { resolveTreeItem?: (item: vscode.TreeItem, node: TreeNode) => vscode.TreeItem }).resolveTreeItem?.(item, node) ?? item;
      const tooltip = (resolved.tooltip as vscode.MarkdownString).value.replace(/\\/g, '').replace(/&nbsp;/g, ' ');
      assert.ok(tooltip.includes('Ünïcödé: 値 über'), tooltip);
      assert.ok(tooltip.includes(limits.name), tooltip);
    } finally {
      await admin.reset();
      api.tree.refreshNode(await profileNode('main-alice'));
    }
  });
});
