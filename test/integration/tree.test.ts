import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { TreeNode } from '../../src/tree/nodes';
import type { ProvisionedProductsProvider } from '../../src/tree/provisionedProductsProvider';
import type { Seed } from '../../src/emulator/seed/seedTypes';
import { emulatorAdmin, extensionApi, listWithSdk, testSeed } from './helpers/serviceCatalogApi';
import { waitUntil } from '../../tools/waitUntil';

/** The Provisioned Products tree in a real VS Code, against the emulator through the AWS files the runner wrote. */
describe('Provisioned Products tree', function () {
  this.timeout(60_000);
  let tree: ProvisionedProductsProvider;
  let seed: Seed;
  const admin = emulatorAdmin();

  before(async () => {
    tree = (await extensionApi()).tree;
    seed = testSeed();
    await vscode.commands.executeCommand('serviceCatalog.provisionedProducts.focus');
  });

  afterEach(async () => {
    await admin.clearFaults();
  });

  const label = (node: TreeNode) => {
    const itemLabel = node.getTreeItem().label;
    return typeof itemLabel === 'string' ? itemLabel : (itemLabel?.label ?? '');
  };
  const roots = async () => tree.getChildren();
  const profileNode = async (name: string) => {
    const node = (await roots()).find((candidate) => label(candidate) === name && candidate.id.startsWith('profile:'));
    assert.ok(node, `profile ${name} is shown`);
    return node;
  };
  /** What the emulator itself lists for a profile, asked with the real SDK and the seed's keys, not through the extension. */
  const expectedProducts = async (profile: string, region?: string, accessLevel: 'User' | 'Account' = 'User') => {
    const credential = seed.credentials.find((candidate) => candidate.profileName === profile)!;
    return (await listWithSdk(credential, region ?? credential.region ?? 'us-east-1', accessLevel)).map((product) => product.Name!);
  };
  /** Writes an AWS file and waits until the tree has re-read the files (the file watcher rebuilds it). */
  const rewrite = async (file: string, content: string) => {
    await roots();
    const before = tree.profiles()[0];
    fs.writeFileSync(file, content);
    await waitUntil('the tree to re-read the AWS files', async () => {
      await roots();
      return tree.profiles()[0] !== before;
    });
  };

  it('shows every profile of the multi-account seed, and each one loads its products or says why not', async () => {
    const names = (await roots()).filter((node) => node.id.startsWith('profile:')).map(label);
    // The keys' profiles, and the profile the runner wrote for an IAM Identity Center role.
    const ssoProfiles = seed.identityCenter!.assignments.flatMap((assignment) => (assignment.profileName ? [assignment.profileName] : []));
    assert.deepEqual(names.sort(), [...seed.credentials.map((credential) => credential.profileName), ...ssoProfiles].sort());

    const loads = names.map(async (profile) => {
      const children = await tree.getChildren(await profileNode(profile));
      return { profile, labels: children.map(label), ids: children.map((child) => child.id) };
    });
    for (const { profile, labels, ids } of await Promise.all(loads)) {
      // main-sso signs in through the emulator's IAM Identity Center portal; its user launched nothing in that account.
      const expected = profile === 'main-expired' || profile === 'main-sso' ? [] : await expectedProducts(profile);
      if (profile === 'main-expired') {
        assert.equal(labels[0], 'Credentials expired');
      } else if (expected.length === 0) {
        assert.deepEqual(labels, ['No provisioned products']);
      } else {
        assert.deepEqual(labels.sort(), expected.sort(), `products of ${profile}`);
        assert.equal(new Set(ids).size, ids.length, 'ids are unique');
      }
    }
  });

  it('describes each product with its status, product, version and a tooltip of text', async () => {
    const products = await tree.getChildren(await profileNode('main-alice'));
    const byName = new Map(products.map((node) => [label(node), tree.resolveTreeItem(node.getTreeItem(), node)]));
    const underChange = byName.get('alice-db-10')!;
    assert.equal((underChange.iconPath as vscode.ThemeIcon).id, 'sync~spin');
    assert.match(underChange.contextValue ?? '', /^product\.busy/);
    const available = byName.get('alice-web-01')!;
    assert.equal((available.iconPath as vscode.ThemeIcon).id, 'pass');
    assert.match(available.contextValue ?? '', /^product\.actionable/);
    const seeded = seed.provisionedProducts.find((product) => product.name === 'alice-web-01')!;
    assert.ok(String(available.description).length > 0);
    const tooltip = available.tooltip as vscode.MarkdownString;
    assert.ok(tooltip.value.replace(/\\/g, '').includes(seeded.id), 'the tooltip names the id (Markdown-escaped)');
    assert.equal(tooltip.isTrusted, undefined);
    assert.ok(!tooltip.supportHtml);
  });

  it('shows the error of a profile whose secret is wrong while the others load', async () => {
    const credentialsFile = process.env.AWS_SHARED_CREDENTIALS_FILE!;
    const original = fs.readFileSync(credentialsFile, 'utf8');
    const alice = seed.credentials.find((credential) => credential.profileName === 'main-alice')!;
    try {
      await rewrite(credentialsFile, original.replace(alice.secretAccessKey, 'wrong-secret-for-the-test'));
      const aliceChildren = await tree.getChildren(await profileNode('main-alice'));
      assert.equal(label(aliceChildren[0]), 'Credentials rejected');
      assert.equal(aliceChildren[0].getTreeItem().command?.command, 'serviceCatalog.refreshItem', 'the failure retries on click');
      const erin = await tree.getChildren(await profileNode('other-erin'));
      assert.equal(erin.length, (await expectedProducts('other-erin')).length);
    } finally {
      await rewrite(credentialsFile, original);
    }
    const recovered = await tree.getChildren(await profileNode('main-alice'));
    assert.equal(recovered.length, (await expectedProducts('main-alice')).length);
  });

  it('retries a throttled profile and still completes', async () => {
    const alice = seed.credentials.find((credential) => credential.profileName === 'main-alice')!;
    const before = (await admin.counters()).faults.throttle;
    await admin.setFaults([{ kind: 'throttle', accessKeyId: alice.accessKeyId, operation: 'SearchProvisionedProducts', times: 2 }]);
    const node = await profileNode('main-alice');
    tree.refreshNode(node);
    const children = await tree.getChildren(node);
    assert.equal(children.length, (await expectedProducts('main-alice')).length);
    assert.equal((await admin.counters()).faults.throttle - before, 2);
  });

  it('adds a profile when the config file gains one, without a reload', async () => {
    const configFile = process.env.AWS_CONFIG_FILE!;
    const original = fs.readFileSync(configFile, 'utf8');
    try {
      fs.writeFileSync(configFile, `${original}\n[profile added-later]\nregion = us-east-1\n`);
      await waitUntil('the new profile in the tree', async () => (await roots()).some((node) => label(node) === 'added-later'));
    } finally {
      fs.writeFileSync(configFile, original);
    }
    await waitUntil('the profile to go away again', async () => !(await roots()).some((node) => label(node) === 'added-later'));
  });

  it('shows one node per region when serviceCatalog.regions adds regions', async () => {
    const config = vscode.workspace.getConfiguration('serviceCatalog');
    try {
      await config.update('regions', ['eu-west-1'], vscode.ConfigurationTarget.Global);
      const alice = await waitUntil('region nodes under main-alice', async () => {
        const children = await tree.getChildren(await profileNode('main-alice'));
        return children.length === 2 && children.every((child) => child.id.includes('/')) ? children : undefined;
      });
      assert.deepEqual(alice.map(label), ['us-east-1', 'eu-west-1']);
      const europe = await tree.getChildren(alice[1]);
      assert.deepEqual(europe.map(label).sort(), (await expectedProducts('main-alice', 'eu-west-1')).sort());
    } finally {
      await config.update('regions', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('falls back to the user level with a note when the Account level is denied', async () => {
    const config = vscode.workspace.getConfiguration('serviceCatalog');
    try {
      await config.update('accessLevel', 'Account', vscode.ConfigurationTarget.Global);
      await waitUntil('the setting to apply', () => vscode.workspace.getConfiguration('serviceCatalog').get('accessLevel') === 'Account');
      const carol = await profileNode('main-carol');
      const children = await tree.getChildren(carol);
      assert.equal(children.length, (await expectedProducts('main-carol')).length);
      const description = String((await profileNode('main-carol')).getTreeItem().description);
      assert.match(description, /your own only/);
      const aliceAll = await tree.getChildren(await profileNode('main-alice'));
      assert.equal(aliceAll.length, (await expectedProducts('main-alice', undefined, 'Account')).length, 'alice may list the whole account');
    } finally {
      await config.update('accessLevel', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('shows a product under change while an action runs on it, and available again when its record ends', async () => {
    const settings = vscode.workspace.getConfiguration('serviceCatalog');
    const speed = (await admin.clock()).speed;
    const iconOf = async () => {
      const products = await tree.getChildren(await profileNode('main-alice'));
      const node = products.find((candidate) => label(candidate) === 'alice-web-05');
      return node && (node.getTreeItem().iconPath as vscode.ThemeIcon).id;
    };
    try {
      await settings.update('confirmBeforeExecute', false, vscode.ConfigurationTarget.Global);
      await admin.setClockSpeed(1);
      assert.equal(await iconOf(), 'pass');
      const result = (await vscode.commands.executeCommand('serviceCatalog.executeServiceAction', {
        profile: 'main-alice',
        region: 'us-east-1',
        provisionedProductId: 'pp-alice00000005',
        serviceActionId: 'act-restart000001',
        parameters: {},
      })) as { outcome: string };
      assert.equal(result.outcome, 'executed');
      await waitUntil('the product to show it is under change', async () => (await iconOf()) === 'sync~spin');
      await admin.setClockSpeed(60);
      await waitUntil('the product to be available again', async () => (await iconOf()) === 'pass', 40_000);
    } finally {
      await settings.update('confirmBeforeExecute', undefined, vscode.ConfigurationTarget.Global);
      await admin.setClockSpeed(speed);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('keeps the nodes of the latest rebuild when rebuilds overlap', async () => {
    const answers = [tree.getChildren()];
    tree.rebuild();
    answers.push(tree.getChildren());
    const reload = tree.reloadProfiles();
    answers.push(tree.getChildren());
    await reload;
    answers.push(tree.getChildren());
    const settled = await Promise.all(answers);
    const latest = settled[settled.length - 1];
    const profiles = latest.filter((node) => node.id.startsWith('profile:'));
    assert.deepEqual(tree.profiles(), profiles, 'the provider acts on the nodes the view shows');
    for (const earlier of settled.slice(1)) {
      assert.deepEqual(earlier.map((node) => node.id), latest.map((node) => node.id));
    }
    const alice = profiles.find((node) => label(node) === 'main-alice')!;
    assert.equal((await tree.getChildren(alice)).length, (await expectedProducts('main-alice')).length);
  });

  it('says what to install when signing in with SSO needs an AWS CLI that is not there, and opens no terminal', async () => {
    const path = process.env.PATH;
    const terminals = vscode.window.terminals.length;
    process.env.PATH = '';
    try {
      const signingIn = vscode.commands.executeCommand('serviceCatalog.ssoLogin', 'main-alice');
      await new Promise((resolve) => setTimeout(resolve, 500));
      await vscode.commands.executeCommand('notifications.clearAll');
      await signingIn;
    } finally {
      process.env.PATH = path;
    }
    assert.equal(vscode.window.terminals.length, terminals);
  });
});
