import * as assert from 'node:assert/strict';
import { executeFromContextMenu, wizardStep } from './support/executeWizard';
import { startFromTheSeed } from './support/fixtures';
import { e2eSession, workbench } from './support/session';
import { step } from './support/steps';
import { waitUntil } from '../../tools/waitUntil';

const executeOperation = 'ExecuteProvisionedProductServiceAction';
const pendingKey = 'serviceCatalog.execute.pending';
const long = 90_000;

/**
 * A secret parameter of a request that may have started (its connection dropped every time) waits in VS
 * Code's SecretStorage, not in its state: the state the browser keeps for the window holds the pending request
 * without the value, and a reload still sends the request with it.
 */
describe('Security (e2e): the secret parameters of a pending execution', () => {
  startFromTheSeed('each');

  it('keeps the value out of VS Code\'s state while the request is pending, and a reload still sends it with the value', async () => {
    const ui = workbench();
    const { emulator } = e2eSession().sandbox;
    const secret = 'Hunter2-Hunter2-e2e-pending';
    emulator.state.serviceActions.get('act-flush00000001')!.definition.parameters.push({ name: 'MasterPassword', type: 'TEXT_VALUE' });

    await step('run Flush-Cache on alice-web-03 with a master password, while every answer to Execute is lost', async () => {
      await executeFromContextMenu(ui, { product: 'alice-web-03' });
      await ui.pickQuickPickItem('Flush-Cache');
      await ui.waitForQuickInputTitle(wizardStep(2));
      await ui.typeInQuickInput(secret, { accept: true });
      await ui.waitForQuickPickRowWith('Execute Flush-Cache');
      emulator.faults.set([{ kind: 'drop', operation: executeOperation }]);
      await ui.page.keyboard.press('Enter');
    });
    await step('the failure says it may have started', () => ui.waitForNotification(/may have started/, long));
    assert.equal(emulator.counters().executions.total, 0, 'the connections were dropped before Service Catalog ran it');

    // Only the pending requests' key: the extension's state also keeps other records of this product (the runs that ended).
    const pendingForProduct = async () => JSON.stringify((await ui.extensionGlobalState())?.[pendingKey] ?? []).includes('pp-alice00000003');
    const state = await step('VS Code keeps the pending request in its state, without the password', async () => {
      await waitUntil('the pending request in the browser\'s state databases', pendingForProduct, 60_000, 1_000);
      return ui.browserStorageText();
    });
    assert.ok(state.includes('MasterPassword'), 'it names the secret parameter');
    assert.ok(!state.includes(secret), 'no state database or local storage holds the value in clear');
    assert.ok(!state.includes(Buffer.from(secret).toString('base64')), 'nor base64-encoded');

    emulator.faults.clear();
    await step('reload the window', () => ui.reload());
    const record = await step('the interrupted request is sent again with its token and the password', () =>
      waitUntil('the execution', () => [...emulator.state.records.values()].find((candidate) => candidate.execution?.serviceActionId === 'act-flush00000001'), long),
    );
    assert.deepEqual(record.execution?.parameters.MasterPassword, [secret]);
    assert.equal(emulator.counters().executions.total, 1);
    await step('the record is known: the request is no longer pending', () =>
      waitUntil('the pending request to go', async () => (await ui.extensionGlobalState()) !== undefined && !(await pendingForProduct()), 60_000, 1_000),
    );
    assert.ok(!(await ui.browserStorageText()).includes(secret));
  });
});
