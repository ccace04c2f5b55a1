import * as assert from 'node:assert/strict';
import { startFromTheSeed } from './support/fixtures';
import { deliverToPanel, openRecord, rejectedUpdate, waitForRecordStatus, waitForRejectedUpdate } from './support/recordPanel';
import { e2eSession, workbench } from './support/session';
import { step } from './support/steps';

/**
 * The record panel with what AWS (or a bug) could send it that its checks refuse: texts too long are cut by the
 * host and say so, and an update the webview still refuses is said in the panel, never a panel that silently
 * stops on its last view or on "Loading…".
 */
describe('Record panel (e2e) at its limits', () => {
  startFromTheSeed('each');

  it('shows a record with a 150,000-character output, cut and marked, and follows it', async () => {
    const ui = workbench();
    const { emulator } = e2eSession().sandbox;
    emulator.state.records.get('rec-prov000000001')!.outputs.push({ OutputKey: 'HugeDump', OutputValue: `start-${'x'.repeat(150_000)}`, Description: 'A value over the panel\'s limit' });
    const frame = await step('open the record from the palette', () => openRecord(ui, 'rec-prov000000001'));
    await step('it shows its status: the update was not refused', () => waitForRecordStatus(frame, 'SUCCEEDED', 60_000));
    await step('the output says it was cut and where to find it whole', () => ui.waitForWebviewText(/start-x+ … \(truncated: 150,006 characters; Copy as JSON has all\)/, 30_000));
  });

  it('says so in the panel when the webview refuses an update, and the host logs it', async () => {
    const ui = workbench();
    const frame = await step('open a record from the palette', () => openRecord(ui, 'rec-prov000000001'));
    await waitForRecordStatus(frame, 'SUCCEEDED', 60_000);
    const mark = ui.extensionLogMark();
    await step('an update the panel\'s checks refuse arrives', () => deliverToPanel(frame, { type: 'update', view: { ref: { profile: 'x'.repeat(2_000), region: 'us-east-1', recordId: 'rec-prov000000001' } } }));
    const said = await step('the panel says it could not show it', () => waitForRejectedUpdate(frame));
    assert.match(said, /could not show the latest state of the record/);
    assert.match(said, /What is shown below is from before/);
    await step('the host logs it', () => ui.waitForExtensionLog(/could not show an update/, { since: mark }));
    await step('the next good update clears it', () => frame.locator('button[data-key="refresh"]').click());
    await rejectedUpdate(frame).waitFor({ state: 'detached', timeout: 30_000 });
  });
});
