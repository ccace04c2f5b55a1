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

  it('keeps what the panel adds to a record: the explanation under an error, the console link of an output, the estimate', () => {
    const base = failedSnapshot();
    const arn = 'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc1234def567890';
    const full = {
      ...base,
      outputs: [...base.outputs, { OutputKey: 'Instance', OutputValue: arn, Description: 'd'.repeat(20_000) }],
      record: {
        ...base.record,
        RecordErrors: [{ Code: 'ExecutionFailed', Description: `Cannot find any resources with type AWS::EC2::Instance in provisioned product pp-1. ${'e'.repeat(120_000)}` }],
      },
      estimate: { typicalMs: 240_000, lowMs: 200_000, highMs: 300_000, longerAfterMs: 480_000, runs: 7 },
    };
    const view = fitForPanel(toRecordView(full));
    assert.ok(isRecordView(view));
    assert.match(view.errors[0].description, /\(truncated: 120,0\d\d characters; Copy as JSON has all\)$/);
    assert.match(view.errors[0].explanation?.cause ?? '', /no resource of the type the action works on \(AWS::EC2::Instance\)/);
    assert.match(view.errors[0].explanation?.fix ?? '', /Check that this action is meant for this product/);
    const instance = view.outputs.find((output) => output.key === 'Instance')!;
    assert.equal(instance.value, arn);
    assert.equal(instance.consoleLink, true);
    assert.equal(view.outputs.find((output) => output.key === 'Log')?.consoleLink, false);
    assert.deepEqual(view.estimate, { typicalMs: 240_000, runs: 7, longerAfterMs: 480_000 });
  });

  it('cuts an explanation over the limit like any other text', () => {
    const view = toRecordView(failedSnapshot());
    const long = { ...view, errors: [{ code: 'X', description: 'y', explanation: { cause: 'c'.repeat(150_000), fix: 'f' } }] };
    const fitted = fitForPanel(long);
    assert.ok(isRecordView(fitted));
    assert.match(fitted.errors[0].explanation?.cause ?? '', /\(truncated: 150,000 characters; Copy as JSON has all\)$/);
    assert.equal(fitted.errors[0].explanation?.fix, 'f');
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
