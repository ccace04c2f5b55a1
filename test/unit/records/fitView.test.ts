import * as assert from 'node:assert/strict';
import { fitForPanel, shownTextLength } from '../../../src/records/panel/fitView';
import { recordAsJson } from '../../../src/records/panel/recordJson';
import { textToCopy, toRecordView } from '../../../src/records/panel/recordView';
import { isHostMessage, isRecordView, isRejectedUpdate, isWebviewMessage, viewLimits } from '../../../src/shared/protocol';
import { failedSnapshot } from './sampleSnapshot';

/**
 * What the host sends the record panel always passes the webview's checks: texts over the panel's limit are
 * cut and say so, a profile name over the reference's limit too, and the copy buttons still give them whole.
 */
describe('record view fitted for the panel', () => {
  const longValue = 'v'.repeat(150_000);
  const longProfile = `p${'r'.repeat(1_499)}`;
  const snapshot = () => {
    const base = failedSnapshot();
    return {
      ...base,
      ref: { ...base.ref, profile: longProfile },
      outputs: [...base.outputs, { OutputKey: 'Dump', OutputValue: longValue, Description: 'd'.repeat(20_000) }],
      record: { ...base.record, RecordErrors: [{ Code: 'Huge', Description: 'e'.repeat(120_000) }] },
    };
  };

  it('is what the webview rejected whole before: a 150,000-character output or a 1,500-character profile name', () => {
    assert.equal(isRecordView(toRecordView(snapshot())), false);
    assert.equal(isHostMessage({ type: 'update', view: toRecordView(snapshot()) }), false);
  });

  it('cuts long texts and marks them, so the view passes the webview\'s checks', () => {
    const view = fitForPanel(toRecordView(snapshot()));
    assert.ok(isRecordView(view));
    assert.ok(isHostMessage(JSON.parse(JSON.stringify({ type: 'update', view }))), 'it survives postMessage and the guard');
    const dump = view.outputs.find((output) => output.key === 'Dump')!;
    assert.ok(dump.value.length <= shownTextLength, `${dump.value.length}`);
    assert.match(dump.value, /^v+ … \(truncated: 150,000 characters; Copy as JSON has all\)$/);
    assert.match(dump.description, /\(truncated: 20,000 characters; Copy as JSON has all\)$/);
    assert.match(view.errors[0].description, /\(truncated: 120,000 characters; Copy as JSON has all\)$/);
    assert.ok(view.ref.profile.length <= viewLimits.profile);
    assert.match(view.ref.profile, /^pr+ … \(truncated: 1,500 characters; Copy as JSON has all\)$/);
  });

  it('leaves texts within the limits as they are', () => {
    const view = toRecordView(failedSnapshot());
    assert.deepEqual(fitForPanel(view), view);
  });

  it('copies an output and the record whole', () => {
    const full = snapshot();
    const index = toRecordView(full).outputs.findIndex((output) => output.key === 'Dump');
    assert.equal(textToCopy(full, { kind: 'output', index }), longValue);
    assert.ok(recordAsJson(full).includes(longValue));
  });

  it('lets the webview tell the host it could not show an update', () => {
    assert.ok(isWebviewMessage({ type: 'viewRejected' }));
    assert.ok(isRejectedUpdate({ type: 'update', view: { ref: 'bad' } }));
    assert.ok(!isRejectedUpdate({ type: 'copied' }));
  });
});
