import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { AwsContext } from '../../src/aws/awsContext';
import { SecretRedactor } from '../../src/aws/secrets';
import type { RecordRef } from '../../src/catalog/records';
import type { ExecuteCommandResult } from '../../src/execute/registerExecuteServiceAction';
import type { ServiceCatalogExtensionApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/nodes';
import { emulatorAdmin, extensionApi } from './helpers/serviceCatalogApi';
import { waitUntil } from '../../tools/waitUntil';

const workloadsRole = 'sso acme-sso/444444444444/ServiceCatalogEndUser';

/**
 * IAM Identity Center in the real VS Code: the runner wrote the seed's sso-sessions, the token cache `aws sso login`
 * leaves in HOME, and AWS_ENDPOINT_URL_SSO for the emulator's portal. Sessions, accounts, roles and their products,
 * an action run through a discovered role, an expired session and a denied account.
 */
describe('IAM Identity Center accounts and roles', function () {
  this.timeout(90_000);
  const admin = emulatorAdmin();
  let api: ServiceCatalogExtensionApi;
  const settings = () => vscode.workspace.getConfiguration('serviceCatalog');

  before(async () => {
    api = await extensionApi();
    await vscode.commands.executeCommand('serviceCatalog.provisionedProducts.focus');
  });

  beforeEach(async () => {
    await admin.reset();
    await admin.clearFaults();
  });

  after(async () => {
    await admin.reset();
    await settings().update('identityCenter.roles', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('confirmBeforeExecute', undefined, vscode.ConfigurationTarget.Global);
    api.aws.identityCenter.reset();
    api.tree.rebuild();
  });

  const label = (node: TreeNode) => {
    const itemLabel = node.getTreeItem().label;
    return typeof itemLabel === 'string' ? itemLabel : (itemLabel?.label ?? '');
  };
  const description = (node: TreeNode) => String(node.getTreeItem().description ?? '');
  const child = async (parent: TreeNode | undefined, name: string) => {
    const children = await api.tree.getChildren(parent);
    const found = children.find((candidate) => label(candidate) === name);
    assert.ok(found, `${name} under ${parent ? label(parent) : 'the roots'}: ${children.map(label).join(', ')}`);
    return found;
  };
  /** A record the extension follows, once it has ended. */
  const recordEnd = (ref: RecordRef) =>
    waitUntil(`record ${ref.recordId} to end`, () => {
      const snapshot = api.records.tracker.snapshot(ref);
      return snapshot?.connection === 'ended' && snapshot;
    }, 60_000);
  /** The view as a new window shows it: the directory forgotten, the nodes rebuilt. */
  const freshView = async () => {
    api.aws.identityCenter.reset();
    api.tree.rebuild();
    return api.tree.getChildren();
  };

  it('shows each session with its account count, contacting only the portal’s account listing to do so', async () => {
    const before = await admin.counters();
    const roots = await freshView();
    const session = roots.find((node) => node.id === 'sso-session:acme-sso');
    assert.ok(session, roots.map(label).join(', '));
    await waitUntil('the session to say how many accounts it reaches', () => description(session) === '3 accounts');
    const after = await admin.counters();
    const delta = (operation: string) => (after.calls[operation] ?? 0) - (before.calls[operation] ?? 0);
    assert.equal(delta('sso:ListAccounts'), 1, 'one listing for acme-sso; acme-expired’s token is expired in the cache, so nothing is sent');
    assert.equal(delta('sso:ListAccountRoles'), 0, 'no account is contacted before it is expanded');
    assert.equal(delta('SearchProvisionedProducts'), 0, 'no Service Catalog call to show the top level');
    assert.deepEqual((await api.tree.getChildren(session)).map(label), ['Main', 'Workloads', 'Restricted']);
  });

  it('filters a session’s accounts by name or id with Filter Accounts, without listing them again, and clears the filter', async () => {
    await freshView();
    await waitUntil('the session to say how many accounts it reaches', async () => description(await child(undefined, 'acme-sso')) === '3 accounts');
    const before = await admin.counters();
    /** Waits for the session to show `expected` and these accounts (the view rebuilds after each filter), and returns it. */
    const filtered = async (expected: string, accounts: string[]) => {
      let seen = '';
      return waitUntil(
        () => `the session to say "${expected}" over ${accounts.join(', ')}; last seen: ${seen}`,
        async () => {
          const session = await child(undefined, 'acme-sso');
          const children = (await api.tree.getChildren(session)).map(label);
          seen = `"${description(session)}" over ${children.join(', ')}`;
          return description(session) === expected && JSON.stringify(children) === JSON.stringify(accounts) && session;
        },
      );
    };
    try {
      await vscode.commands.executeCommand('serviceCatalog.filterAccounts', await child(undefined, 'acme-sso'), 'WORK');
      await filtered('1 of 3 accounts', ['Workloads']);
      await vscode.commands.executeCommand('serviceCatalog.filterAccounts', await child(undefined, 'acme-sso'), '5555');
      await filtered('1 of 3 accounts', ['Restricted']);
      await vscode.commands.executeCommand('serviceCatalog.filterAccounts', await child(undefined, 'acme-sso'), 'no-such-account');
      const session = await filtered('0 of 3 accounts', ['No account matches "no-such-account"']);
      const [empty] = await api.tree.getChildren(session);
      assert.equal(empty.getTreeItem().command?.command, 'serviceCatalog.filterAccounts', 'the empty row offers to change the filter');
      const after = await admin.counters();
      assert.equal((after.calls['sso:ListAccounts'] ?? 0) - (before.calls['sso:ListAccounts'] ?? 0), 0, 'filtering uses the accounts already listed');
    } finally {
      await vscode.commands.executeCommand('serviceCatalog.clearFilter', await child(undefined, 'acme-sso'));
    }
    await filtered('3 accounts', ['Main', 'Workloads', 'Restricted']);
  });

  it('lists an account’s roles when it is expanded, and a role’s products like a profile’s', async () => {
    await freshView();
    const session = await child(undefined, 'acme-sso');
    const workloads = await child(session, 'Workloads');
    assert.match(description(workloads), /^444444444444/);
    const before = await admin.counters();
    const roles = await api.tree.getChildren(workloads);
    assert.deepEqual(roles.map(label), ['ServiceCatalogEndUser', 'ReadOnlyAccess']);
    assert.equal(((await admin.counters()).calls['sso:ListAccountRoles'] ?? 0) - (before.calls['sso:ListAccountRoles'] ?? 0), 1);
    const role = roles[0];
    assert.equal(role.getTreeItem().contextValue, 'profile.ssoRole');
    const products = await api.tree.getChildren(role);
    assert.deepEqual(products.map(label), ['sso-web-01', 'sso-web-02', 'sso-web-03']);
    assert.equal(description(role), 'us-east-1 · 3 products');
    assert.equal((products[0] as unknown as { productTarget: { profile: string } }).productTarget.profile, workloadsRole);
    assert.deepEqual((await api.tree.getChildren(roles[1])).map(label), ['No provisioned products']);
  });

  it('shows a role that a profile already names as that profile, once', async () => {
    await freshView();
    const main = await child(await child(undefined, 'acme-sso'), 'Main');
    const [role] = await api.tree.getChildren(main);
    assert.equal(label(role), 'ServiceCatalogEndUser');
    assert.equal(description(role), 'profile main-sso');
    assert.deepEqual(await api.tree.getChildren(role), [], 'its products are under the profile main-sso');
  });

  it('runs an action on a discovered role’s product with executeServiceAction arguments, and follows its record', async () => {
    await settings().update('confirmBeforeExecute', false, vscode.ConfigurationTarget.Global);
    await admin.setClockSpeed(20);
    const result = (await vscode.commands.executeCommand('serviceCatalog.executeServiceAction', {
      profile: workloadsRole,
      region: 'us-east-1',
      provisionedProductId: 'pp-ssoweb00000001',
      serviceActionId: 'act-restart000001',
      parameters: {},
    })) as ExecuteCommandResult;
    assert.equal(result.outcome, 'executed', JSON.stringify(result));
    const ref = result.outcome === 'executed' ? result.started[0] : undefined;
    assert.deepEqual(ref && { profile: ref.profile, region: ref.region }, { profile: workloadsRole, region: 'us-east-1' });
    const ended = await recordEnd(ref!);
    assert.equal(ended.record?.Status, 'SUCCEEDED');
    assert.equal(ended.record?.ProvisionedProductId, 'pp-ssoweb00000001');
    for (const panel of [...api.records.panels.openPanels]) panel.panel.dispose();
  });

  it('completes a discovered role’s request that a reload left pending before its record was known, with its own token', async () => {
    // The request reached Service Catalog through the role, then the window reloaded before the answer was
    // handled: globalState still holds the pending request, named by the role's scope name.
    await admin.setClockSpeed(20);
    const executeToken = randomUUID();
    const aws = new AwsContext({ askMfaCode: async () => undefined, acceptLanguage: () => 'en', redactor: new SecretRedactor() });
    let original;
    try {
      original = await (await aws.apiFor(workloadsRole, 'us-east-1')).executeServiceAction({ provisionedProductId: 'pp-ssoweb00000001', serviceActionId: 'act-restart000001', executeToken });
    } finally {
      aws.dispose();
    }
    await api.execute.pending.put({
      executeToken,
      profile: workloadsRole,
      region: 'us-east-1',
      provisionedProductId: 'pp-ssoweb00000001',
      serviceActionId: 'act-restart000001',
      parameters: {},
      createdAt: Date.now(),
    });

    await api.execute.resumePending(); // what activation does after the reload

    assert.deepEqual(api.execute.pending.mine(), []);
    const counters = await admin.counters();
    assert.deepEqual(counters.executions.byExecuteToken, { [executeToken]: 1 }, 'sent again with its token: no second record');
    assert.equal(counters.calls.ExecuteProvisionedProductServiceAction, 2);
    const ref = { profile: workloadsRole, region: 'us-east-1', recordId: original.RecordId! };
    const ended = await recordEnd(ref);
    assert.equal(ended.record?.Status, 'SUCCEEDED');
    for (const panel of [...api.records.panels.openPanels]) panel.panel.dispose();
  });

  it('offers one "Sign in with AWS SSO" for a session whose token expired, not one per account', async () => {
    await freshView();
    const expired = await child(undefined, 'acme-expired');
    await waitUntil('the expired session to say so', () => description(expired) === 'SSO session expired');
    const children = await api.tree.getChildren(expired);
    assert.deepEqual(children.map(label), ['SSO session expired', 'Sign in with AWS SSO']);
    const signIn = children[1].getTreeItem().command;
    assert.equal(signIn?.command, 'serviceCatalog.ssoLogin');
    assert.deepEqual(signIn?.arguments, ['sso acme-expired']);
    assert.equal(String(children[1].getTreeItem().description), 'aws sso login --sso-session acme-expired');
  });

  it('when the portal stops accepting the token, the session offers the sign-in once, and its roles only say why they fail', async () => {
    await freshView();
    const session = await child(undefined, 'acme-sso');
    await api.tree.getChildren(session);
    await admin.setSsoSessionExpired('acme-sso', true);
    api.tree.refreshNode(session);
    await waitUntil('the session to say it needs signing in', () => description(session) === 'SSO session expired');
    const children = await api.tree.getChildren(session);
    assert.deepEqual(children.map(label), ['SSO session expired', 'Sign in with AWS SSO', 'Main', 'Workloads', 'Restricted'], 'the accounts it listed stay');
    // An account not listed yet asks the portal for its roles, which it refuses: the account says so, without a second "Sign in".
    const restricted = await api.tree.getChildren(await child(session, 'Restricted'));
    assert.deepEqual(restricted.map(label), ['SSO session expired']);
    assert.equal(restricted[0].getTreeItem().command?.command, 'serviceCatalog.refreshItem');
    assert.equal((await api.tree.getChildren(session)).filter((node) => label(node) === 'Sign in with AWS SSO').length, 1);
  });

  it('says a role is denied by Service Catalog without touching the others', async () => {
    await freshView();
    const restricted = await child(await child(undefined, 'acme-sso'), 'Restricted');
    const [role] = await api.tree.getChildren(restricted);
    const children = await api.tree.getChildren(role);
    assert.equal(label(children[0]), 'Access denied');
    assert.equal(children[0].getTreeItem().command?.command, 'serviceCatalog.refreshItem');
  });

  it('shows only the roles the setting names', async () => {
    await settings().update('identityCenter.roles', ['readonlyaccess'], vscode.ConfigurationTarget.Global);
    await waitUntil('the view to rebuild', async () => {
      const workloads = await child(await child(undefined, 'acme-sso'), 'Workloads');
      const roles = (await api.tree.getChildren(workloads)).map(label);
      return roles.length === 1 && roles[0] === 'ReadOnlyAccess';
    });
    await settings().update('identityCenter.roles', undefined, vscode.ConfigurationTarget.Global);
  });
});
