import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExecuteCommandResult } from '../../src/execute/registerExecuteServiceAction';
import type { ServiceCatalogExtensionApi } from '../../src/extension';
import type { RecordRef, RecordSnapshot } from '../../src/catalog/records';
import type { TreeNode } from '../../src/tree/nodes';
import type { Seed } from '../../src/emulator/seed/seedTypes';
import { getExtension } from './helpers/extension';
import { emulatorAdmin, extensionApi, listWithSdk } from './helpers/serviceCatalogApi';
import { waitUntil } from '../../tools/waitUntil';

const command = 'serviceCatalog.executeServiceAction';
const region = 'us-east-1';

/**
 * Reliability in the real VS Code against the emulator with faults: a throttling storm, the service
 * going away and coming back, credentials that expire mid-session. Everything the user started
 * completes, nothing runs twice, and what cannot work says what to do.
 */
describe('Reliability: throttling, outages and expiring credentials', function () {
  this.timeout(180_000);
  const admin = emulatorAdmin();
  let api: ServiceCatalogExtensionApi;
  let seed: Seed;
  let reliabilitySeed: string;
  let speedBefore: number;
  const settings = () => vscode.workspace.getConfiguration('serviceCatalog');

  before(async () => {
    api = await extensionApi();
    reliabilitySeed = path.join(getExtension().extensionPath, 'test', 'fixtures', 'seeds', 'reliability.json');
    seed = JSON.parse(fs.readFileSync(reliabilitySeed, 'utf8')) as Seed;
    speedBefore = (await admin.clock()).speed;
    await settings().update('confirmBeforeExecute', false, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('serviceCatalog.provisionedProducts.focus');
  });

  beforeEach(async () => {
    await admin.clearFaults();
    await admin.reset(reliabilitySeed);
    await admin.setClockSpeed(2);
  });

  afterEach(async () => {
    await admin.waitUntilUp(30_000);
    await admin.clearFaults();
    await settledRecords();
    for (const panel of [...api.records.panels.openPanels]) panel.panel.dispose();
  });

  after(async () => {
    await settings().update('confirmBeforeExecute', undefined, vscode.ConfigurationTarget.Global);
    await admin.reset();
    await admin.setClockSpeed(speedBefore);
    await api.tree.reloadProfiles();
  });

  /** Lets every record this suite started end, so the next test (or suite) starts from quiet. */
  async function settledRecords(): Promise<void> {
    await admin.setClockSpeed(50);
    await waitUntil('every record to end', () => api.records.tracker.inFlight().length === 0, 90_000);
  }

  async function execute(profile: string, provisionedProductId: string, serviceActionId: string): Promise<ExecuteCommandResult> {
    return (await vscode.commands.executeCommand(command, { profile, region, provisionedProductId, serviceActionId, parameters: {} })) as ExecuteCommandResult;
  }

  function started(result: ExecuteCommandResult): RecordRef {
    assert.equal(result.outcome, 'executed', JSON.stringify(result));
    const refs = result.outcome === 'executed' ? result.started : [];
    assert.equal(refs.length, 1, JSON.stringify(result));
    return refs[0];
  }

  const snapshotWhen = (ref: RecordRef, what: string, condition: (snapshot: RecordSnapshot) => boolean, timeoutMs = 90_000) =>
    waitUntil(
      what,
      () => {
        const snapshot = api.records.tracker.snapshot(ref);
        return snapshot && condition(snapshot) ? snapshot : undefined;
      },
      timeoutMs,
    );

  const label = (node: TreeNode) => {
    const itemLabel = node.getTreeItem().label;
    return typeof itemLabel === 'string' ? itemLabel : (itemLabel?.label ?? '');
  };
  const profileNode = async (name: string) => {
    const node = ((await api.tree.getChildren()) as TreeNode[]).find((candidate) => candidate.id === `profile:${name}`);
    assert.ok(node, `profile ${name} is shown`);
    return node;
  };
  /** Loads a profile again, as clicking its refresh button does, and returns what the tree shows under it. */
  const refreshed = async (name: string) => {
    const node = await profileNode(name);
    api.tree.refreshNode(node);
    return api.tree.getChildren(node);
  };
  const failureOf = (children: TreeNode[]) => children.find((child) => child.getTreeItem().contextValue === 'failure');
  const credentialOf = (profile: string) => seed.credentials.find((credential) => credential.profileName === profile)!;
  /** What the emulator lists for a profile, asked with the real SDK and a seed credential of the same user. */
  const expectedNames = async (profile: string, credentialProfile = profile) =>
    (await listWithSdk(credentialOf(credentialProfile), region, 'User')).map((product) => product.Name!).sort();

  it('completes tree loads and a running record through a 30-second throttling storm, shows no throttle a retry absorbed, and runs nothing twice', async () => {
    // The 10-second Restart-Instance at a quarter of real speed runs about 40 s: through the whole storm.
    await admin.setClockSpeed(0.25);
    const ref = started(await execute('main-alice', 'pp-alice00000004', 'act-restart000001'));
    const seen: RecordSnapshot[] = [];
    const subscription = api.records.tracker.onDidChange((snapshot) => snapshot.ref.recordId === ref.recordId && seen.push(snapshot));
    const profiles = seed.credentials.map((credential) => credential.profileName).filter((name) => name !== 'main-expired' && name !== 'main-bob-renewed');
    const throttledBefore = (await admin.counters()).faults.throttle;
    let loads = 0;
    try {
      await admin.setFaults([{ kind: 'throttle', probability: 0.5, seed: 7, forMs: 30_000 }]);
      const stormEnds = Date.now() + 30_000;
      // Refreshes the whole view and opens every profile, again and again while the storm lasts.
      do {
        await api.tree.reloadProfiles();
        const shown = await Promise.all(profiles.map(async (name) => ({ name, children: await api.tree.getChildren(await profileNode(name)) })));
        for (const { name, children } of shown) {
          const failure = failureOf(children);
          assert.ok(!failure, `${name} shows "${failure && label(failure)}: ${failure?.getTreeItem().description}" during the storm`);
        }
        loads += 1;
      } while (Date.now() < stormEnds);
    } finally {
      subscription.dispose();
    }
    const counters = await admin.counters();
    assert.ok(counters.faults.throttle - throttledBefore >= 20, `the storm throttled ${counters.faults.throttle - throttledBefore} calls`);

    await admin.setClockSpeed(5);
    const ended = await snapshotWhen(ref, 'the record to end after the storm', (snapshot) => snapshot.connection === 'ended');
    assert.equal(ended.record?.Status, 'SUCCEEDED');
    assert.equal(ended.problem, undefined);
    // A poll is shown as failing only when every attempt of the SDK was throttled: never for a throttle a retry absorbed.
    for (const snapshot of seen.filter((candidate) => candidate.connection === 'reconnecting')) {
      assert.equal(snapshot.problem?.kind, 'throttled', JSON.stringify(snapshot.problem));
      assert.match(snapshot.problem?.detail ?? '', /tried 3 times/);
    }
    for (const name of profiles) {
      const names = (await api.tree.getChildren(await profileNode(name))).map(label).sort();
      const expected = await expectedNames(name);
      assert.deepEqual(names, expected.length > 0 ? expected : ['No provisioned products'], `${name} after ${loads} loads in the storm`);
    }
    const after = await admin.counters();
    assert.equal(after.executions.total, 1, 'one execution');
    assert.deepEqual(Object.values(after.executions.byExecuteToken), [1]);
  });

  it('shows nothing for throttles the SDK absorbed, and retries a listing whose every attempt was throttled', async () => {
    const alice = credentialOf('main-alice');
    const ref = started(await execute('main-alice', 'pp-alice00000002', 'act-restart000001'));
    await snapshotWhen(ref, 'a first answer', (snapshot) => snapshot.fetchedAt !== undefined);
    const seen: RecordSnapshot[] = [];
    const subscription = api.records.tracker.onDidChange((snapshot) => snapshot.ref.recordId === ref.recordId && seen.push(snapshot));
    try {
      // Two throttles of each call: the SDK's third attempt gets through.
      await admin.setFaults([
        { kind: 'throttle', operation: 'DescribeRecord', times: 2 },
        { kind: 'throttle', operation: 'SearchProvisionedProducts', accessKeyId: alice.accessKeyId, times: 2 },
      ]);
      await api.records.tracker.refresh(ref);
      const children = await refreshed('main-alice');
      assert.ok(!failureOf(children), 'no failure node');
      assert.deepEqual(children.map(label).sort(), await expectedNames('main-alice'));
      assert.deepEqual(seen.filter((snapshot) => snapshot.connection === 'reconnecting'), [], 'the panel never said reconnecting');

      // Every attempt of one listing throttled (three), and one more: the tree tries again by itself.
      const throttledBefore = (await admin.counters()).faults.throttle;
      await admin.setFaults([{ kind: 'throttle', operation: 'SearchProvisionedProducts', accessKeyId: alice.accessKeyId, times: 4 }]);
      const again = await refreshed('main-alice');
      assert.ok(!failureOf(again), `the tree shows "${failureOf(again) && label(failureOf(again)!)}"`);
      assert.deepEqual(again.map(label).sort(), await expectedNames('main-alice'));
      assert.equal((await admin.counters()).faults.throttle - throttledBefore, 4);
    } finally {
      subscription.dispose();
    }
  });

  it('says reconnecting while the service is down, keeps the record and follows it to its end; the tree recovers on refresh', async () => {
    // The 10-second action at a fifth of real speed: still running when the service is back.
    await admin.setClockSpeed(0.2);
    const ref = started(await execute('main-alice', 'pp-alice00000005', 'act-restart000001'));
    const panel = await waitUntil('the record panel', () => api.records.panels.find(ref));
    await snapshotWhen(ref, 'a first answer', (snapshot) => snapshot.fetchedAt !== undefined && snapshot.connection === 'live');

    await admin.down(15_000);
    const reconnecting = await snapshotWhen(ref, 'reconnecting while down', (snapshot) => snapshot.connection === 'reconnecting', 60_000);
    assert.equal(reconnecting.problem?.kind, 'network', JSON.stringify(reconnecting.problem));
    assert.equal(panel.currentView.connection, 'reconnecting', 'the panel says it is reconnecting');
    assert.ok(panel.currentView.problem?.summary, 'and why');
    assert.ok(['CREATED', 'IN_PROGRESS'].includes(panel.currentView.status ?? ''), 'the last known status stays');
    const down = await refreshed('main-alice');
    assert.equal(failureOf(down) && label(failureOf(down)!), 'Cannot reach AWS');

    await admin.waitUntilUp(60_000);
    const live = await snapshotWhen(ref, 'live again by itself', (snapshot) => snapshot.connection !== 'reconnecting', 120_000);
    assert.equal(live.problem, undefined);
    await admin.setClockSpeed(5);
    const ended = await snapshotWhen(ref, 'the record to end after the outage', (snapshot) => snapshot.connection === 'ended', 120_000);
    assert.equal(ended.record?.Status, 'SUCCEEDED');
    assert.equal(ended.record?.RecordId, ref.recordId, 'the same record');
    assert.equal(ended.problem, undefined);
    assert.equal(panel.currentView.status, 'SUCCEEDED');
    assert.equal((await admin.counters()).executions.total, 1);

    const recovered = await refreshed('main-alice');
    assert.ok(!failureOf(recovered), 'no failure node after the outage');
    assert.deepEqual(recovered.map(label).sort(), await expectedNames('main-alice'));
  });

  it('tells the user what to do when a session token expires mid-session, and works again once the credentials file is fixed, without a reload', async () => {
    const bob = credentialOf('main-bob');
    const renewed = credentialOf('main-bob-renewed');
    const credentialsFile = process.env.AWS_SHARED_CREDENTIALS_FILE!;
    const original = fs.readFileSync(credentialsFile, 'utf8');
    assert.ok(original.includes(bob.sessionToken!), 'the runner wrote bob a session token');
    assert.ok((await refreshed('main-bob')).length > 0);

    await admin.expireSessionToken(bob.accessKeyId);
    try {
      const expired = await refreshed('main-bob');
      assert.equal(label(expired[0]), 'Credentials expired');
      assert.match(String(expired[0].getTreeItem().description), /credentials of profile "main-bob" have expired/);
      assert.equal(expired[0].getTreeItem().command?.command, 'serviceCatalog.refreshItem', 'clicking it tries again');
      const fix = expired.find((child) => child.getTreeItem().command?.command === 'serviceCatalog.openAwsConfig');
      assert.ok(fix, 'a node offers to open the AWS files');
      assert.match(label(fix), /Renew them .* then refresh/);
      assert.match(String((await profileNode('main-bob')).getTreeItem().description), /Credentials expired/);

      const refused = await execute('main-bob', 'pp-bobxx00000013', 'act-restart000001');
      assert.equal(refused.outcome, 'ended', JSON.stringify(refused));
      assert.match(refused.outcome === 'ended' ? refused.message : '', /have expired\. Renew them .* then refresh/);

      // The user pastes a fresh session into the credentials file; the watcher reloads the profiles.
      const before = api.tree.getChildren();
      fs.writeFileSync(
        credentialsFile,
        original.replace(bob.accessKeyId, renewed.accessKeyId).replace(bob.secretAccessKey, renewed.secretAccessKey).replace(bob.sessionToken!, renewed.sessionToken!),
      );
      await waitUntil('the tree to read the fixed credentials file', () => api.tree.getChildren() !== before, 30_000);
      const fixed = await waitUntil(
        'bob to list his products again',
        async () => {
          const children = await refreshed('main-bob');
          return failureOf(children) ? undefined : children;
        },
        30_000,
      );
      assert.deepEqual(fixed.map(label).sort(), await expectedNames('main-bob', 'main-bob-renewed'));
      const ref = started(await execute('main-bob', 'pp-bobxx00000013', 'act-restart000001'));
      await admin.setClockSpeed(20);
      assert.equal((await snapshotWhen(ref, 'bob\'s record to end', (snapshot) => snapshot.connection === 'ended')).record?.Status, 'SUCCEEDED');
    } finally {
      const before = api.tree.getChildren();
      fs.writeFileSync(credentialsFile, original);
      await waitUntil('the tree to read the original credentials file again', () => api.tree.getChildren() !== before, 30_000);
    }
  });
});
