import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AwsContext } from '../../src/aws/awsContext';
import { SecretRedactor } from '../../src/aws/secrets';
import type { ServiceCatalogExtensionApi } from '../../src/extension';
import type { RecordRef } from '../../src/catalog/records';
import type { TreeNode } from '../../src/tree/nodes';
import sampleSeed from '../../src/emulator/seeds/sample.json';
import { emulatorAdmin, extensionApi } from './helpers/serviceCatalogApi';
import { waitUntil } from '../../tools/waitUntil';

/**
 * "Service Catalog: Start Sandbox" in the real VS Code: the emulator bundled in dist/sandbox.js starts
 * inside the extension host, the tree shows the sample seed, actions run there, and "Stop Sandbox"
 * brings back the runner's AWS files. The suites after this one use those files: whatever happens
 * here, `after` leaves the sandbox stopped and the tree on them.
 */
describe('Sandbox', function () {
  this.timeout(60_000);
  let api: ServiceCatalogExtensionApi;
  let runnerProfiles: string[];
  /** A record of the runner's emulator, started while the sandbox runs: it must come back when the sandbox stops. */
  let runnerRecord: RecordRef | undefined;
  const runnerEnvironment = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };
  const sampleProfiles = sampleSeed.credentials.map((credential) => credential.profileName).sort();

  const label = (node: TreeNode) => {
    const itemLabel = node.getTreeItem().label;
    return typeof itemLabel === 'string' ? itemLabel : (itemLabel?.label ?? '');
  };
  const profileNames = async () => (await api.tree.getChildren()).filter((node) => node.id.startsWith('profile:')).map(label).sort();
  const treeShows = (what: string, names: string[]) =>
    waitUntil(what, async () => {
      const shown = await profileNames();
      return shown.join('\n') === names.join('\n') ? shown : undefined;
    });

  before(async () => {
    api = await extensionApi();
    await vscode.commands.executeCommand('serviceCatalog.provisionedProducts.focus');
    assert.equal(api.sandbox.state, 'off', 'no sandbox runs before this suite');
    runnerProfiles = await profileNames();
    assert.ok(runnerProfiles.length > 0, 'the runner wrote profiles');
    assert.ok(runnerProfiles.every((name) => !sampleProfiles.includes(name)), 'the runner and the sample seed have different profiles');

    // A record of the user's own (here: the runner's) AWS files, started before the sandbox and followed throughout.
    const runnerAws = new AwsContext({ askMfaCode: async () => undefined, acceptLanguage: () => 'en', redactor: new SecretRedactor() });
    try {
      const started = await (await runnerAws.apiFor('main-alice', 'us-east-1')).executeServiceAction({
        provisionedProductId: 'pp-alice00000005',
        serviceActionId: 'act-restart000001',
        executeToken: randomUUID(),
      });
      runnerRecord = { profile: 'main-alice', region: 'us-east-1', recordId: started.RecordId! };
      api.records.tracker.watch(runnerRecord, { provisionedProductId: 'pp-alice00000005', serviceActionName: 'Restart-Instance' }, started);
    } finally {
      runnerAws.dispose();
    }
  });

  after(async () => {
    if (api.sandbox.state !== 'off') {
      await vscode.commands.executeCommand('serviceCatalog.stopSandbox');
    }
    await vscode.commands.executeCommand('serviceCatalog.refresh');
    await treeShows("the runner's profiles again", runnerProfiles);
    if (runnerRecord) {
      // Leave the runner's product AVAILABLE for the suites after this one.
      const ref = runnerRecord;
      await emulatorAdmin().advanceClock(60_000);
      await waitUntil('the runner record to end', () => api.records.tracker.snapshot(ref)?.connection === 'ended');
    }
  });

  it('starts by command: the tree shows the sample profiles, whose products load from the sandbox on 127.0.0.1', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('serviceCatalog.startSandbox') && commands.includes('serviceCatalog.stopSandbox'));

    await vscode.commands.executeCommand('serviceCatalog.startSandbox');
    assert.equal(api.sandbox.state, 'on');
    const sandbox = api.sandbox.current!;
    assert.match(sandbox.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(fs.readFileSync(sandbox.environment.AWS_CONFIG_FILE, 'utf8').includes(sandbox.endpoint));
    assert.ok(sandbox.environment.AWS_CONFIG_FILE.includes(`${path.sep}sandbox${path.sep}`), `in the extension's storage: ${sandbox.environment.AWS_CONFIG_FILE}`);
    assert.deepEqual(
      { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE },
      runnerEnvironment,
      'the process environment is never changed: only the extension reads other files',
    );

    await treeShows('the sample profiles', sampleProfiles);
    await vscode.commands.executeCommand('serviceCatalog.openAwsConfig');
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, sandbox.environment.AWS_CONFIG_FILE, '"Open AWS Config" opens the files in use');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const prod = (await api.tree.getChildren()).find((node) => label(node) === 'acme-payments-prod')!;
    const products = await api.tree.getChildren(prod);
    const credential = sampleSeed.credentials.find((candidate) => candidate.profileName === 'acme-payments-prod')!;
    const expected = sampleSeed.provisionedProducts.filter(
      (product) => product.accountId === credential.accountId && product.region === credential.region && product.userArn === credential.userArn,
    );
    assert.ok(expected.length > 0);
    assert.deepEqual(products.map(label).sort(), expected.map((product) => product.name).sort());
    assert.ok(products.every((node) => node.id.includes('pp-')), 'product nodes, not an error');

    // Starting again keeps the same sandbox.
    await vscode.commands.executeCommand('serviceCatalog.startSandbox');
    assert.equal(api.sandbox.current?.endpoint, sandbox.endpoint);
  });

  it('runs an action in the sandbox, whose record the extension follows', async () => {
    // The runner's record belongs to the user's AWS files: while the sandbox's are read it is not polled, but it is
    // neither given up nor dropped from what a reload resumes: it is still running in AWS.
    const runnerRef = runnerRecord!;
    await waitUntil('the runner record to wait for its AWS files', () => api.records.tracker.snapshot(runnerRef)?.problem?.summary === 'Waiting for your AWS files', 10_000);
    assert.ok(api.records.tracker.inFlight().some((snapshot) => snapshot.ref.recordId === runnerRef.recordId), 'still counted as running');

    const sandbox = api.sandbox.current;
    assert.ok(sandbox, 'the sandbox is on');
    const product = sampleSeed.provisionedProducts.find((candidate) => candidate.name === 'payments-api-prod')!;
    const action = sampleSeed.serviceActions.find((candidate) => candidate.name === 'Rebuild-Search-Index')!;
    const aws = new AwsContext({ env: sandbox.environment, askMfaCode: async () => undefined, acceptLanguage: () => 'en', redactor: new SecretRedactor() });
    try {
      const record = await (await aws.apiFor('acme-payments-prod', product.region)).executeServiceAction({
        provisionedProductId: product.id,
        serviceActionId: action.id,
        executeToken: randomUUID(),
      });
      const ref: RecordRef = { profile: 'acme-payments-prod', region: product.region, recordId: record.RecordId! };
      api.records.tracker.watch(ref, { provisionedProductId: product.id, serviceActionId: action.id, serviceActionName: action.name }, record);
      await waitUntil('the tracker to read the record from the sandbox', () => api.records.tracker.snapshot(ref)?.fetchedAt !== undefined);
      assert.equal(api.records.tracker.snapshot(ref)?.connection, 'live');
      assert.ok(api.records.tracker.inFlight().some((snapshot) => snapshot.ref.recordId === ref.recordId), 'a 5-minute action is in flight');
    } finally {
      aws.dispose();
    }
  });

  it("stops by command: the runner's AWS files again, the sandbox closed, and its records no longer followed", async () => {
    const sandbox = api.sandbox.current;
    assert.ok(sandbox, 'the sandbox is on');
    const sandboxRecords = api.records.tracker.inFlight().filter((snapshot) => sampleProfiles.includes(snapshot.ref.profile));
    assert.equal(api.records.tracker.snapshot(runnerRecord!)?.problem?.summary, 'Waiting for your AWS files', 'the runner record is not polled while the sandbox runs');
    assert.ok(sandboxRecords.length > 0, 'the previous test left a record in flight');

    await vscode.commands.executeCommand('serviceCatalog.stopSandbox');
    assert.equal(api.sandbox.state, 'off');
    assert.equal(api.sandbox.current, undefined);
    await treeShows("the runner's profiles", runnerProfiles);
    assert.deepEqual(
      api.records.tracker.inFlight().filter((snapshot) => sampleProfiles.includes(snapshot.ref.profile)),
      [],
      'records of the sandbox are dropped, not retried forever',
    );
    for (const snapshot of sandboxRecords) {
      assert.equal(api.records.tracker.snapshot(snapshot.ref), undefined);
    }
    await assert.rejects(fetch(sandbox.endpoint, { method: 'POST' }), 'the emulator no longer listens');

    // The runner's record could not be read while the sandbox ran; with the runner's files back it is followed again at once.
    const ref = runnerRecord!;
    const stoppedAt = Date.now();
    const read = await waitUntil("the runner's record read again", () => {
      const snapshot = api.records.tracker.snapshot(ref);
      return snapshot?.fetchedAt !== undefined && snapshot.problem === undefined ? snapshot.fetchedAt : undefined;
    });
    assert.ok(read - stoppedAt < 5_000, `read ${read - stoppedAt} ms after the sandbox stopped`);
    assert.ok(!fs.existsSync(sandbox.environment.AWS_CONFIG_FILE), 'its files are gone');

    // The runner's profiles load their products again.
    const first = (await api.tree.getChildren()).find((node) => label(node) === 'main-alice');
    if (first) {
      const children = await api.tree.getChildren(first);
      assert.ok(children.length > 0 && children.every((node) => !node.id.endsWith('/failure')), children.map(label).join(', '));
    }
  });
});
