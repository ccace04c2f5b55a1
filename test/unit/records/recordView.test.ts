import * as assert from 'node:assert/strict';
import { recordAsJson } from '../../../src/records/panel/recordJson';
import { accountIdOf, canExecuteAgain, outputConsoleLink, textToCopy, toRecordView } from '../../../src/records/panel/recordView';
import { isRecordView } from '../../../src/shared/protocol';
import { failedSnapshot } from './sampleSnapshot';

describe('record view', () => {
  it('reduces a snapshot to text and epoch milliseconds that pass the protocol guard', () => {
    const view = toRecordView(failedSnapshot());
    assert.ok(isRecordView(view));
    assert.ok(isRecordView(JSON.parse(JSON.stringify(view))), 'it survives postMessage');
    assert.equal(view.status, 'FAILED');
    assert.equal(view.createdAt, Date.UTC(2025, 0, 1, 12, 0, 0));
    assert.deepEqual(view.errors, [
      { code: 'StepFailed', description: 'Step one failed' },
      { code: 'Rollback', description: 'Rolled back' },
    ]);
    assert.deepEqual(view.outputs, [{ key: 'Log', value: 's3://logs/1', description: 'The log', consoleLink: false }]);
    assert.equal(view.estimate, undefined);
    assert.deepEqual(view.tags, [{ key: 'team', value: 'web' }]);
    assert.deepEqual(view.parameters, [
      { name: 'Target', values: ['i-1'] },
      { name: 'Reason', values: [] },
    ]);
    assert.equal(view.accountId, '123456789012');
    assert.equal(view.canExecuteAgain, true);
    assert.equal(view.hasConsoleLink, true);
  });

  it('explains the documented errors under each, and leaves the others as they are', () => {
    const snapshot = failedSnapshot();
    snapshot.record!.RecordErrors = [
      { Code: 'InvalidParameters', Description: 'Cannot find any resources with type AWS::EC2::Instance in provisioned product pp-xyz.' },
      { Code: 'Rollback', Description: 'Rolled back' },
    ];
    const view = toRecordView(snapshot);
    assert.ok(isRecordView(view));
    assert.equal(view.errors[0].description, 'Cannot find any resources with type AWS::EC2::Instance in provisioned product pp-xyz.', 'the error itself stays');
    assert.match(view.errors[0].explanation?.cause ?? '', /no resource of the type the action works on \(AWS::EC2::Instance\)/);
    assert.ok(view.errors[0].explanation?.fix);
    assert.deepEqual(view.errors[1], { code: 'Rollback', description: 'Rolled back' });
  });

  it('marks the outputs the AWS console can open, and opens only what the host computes from its own record', () => {
    const snapshot = failedSnapshot();
    snapshot.outputs = [
      { OutputKey: 'Instance', OutputValue: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc' },
      { OutputKey: 'Dashboard', OutputValue: 'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name=web' },
      { OutputKey: 'Report', OutputValue: 'https://reports.example.com/web' },
      { OutputKey: 'Count', OutputValue: '3' },
    ];
    const view = toRecordView(snapshot);
    assert.deepEqual(view.outputs.map((output) => output.consoleLink), [true, true, false, false]);
    assert.equal(outputConsoleLink(snapshot, 0), 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#InstanceDetails:instanceId=i-0abc');
    assert.equal(outputConsoleLink(snapshot, 1), snapshot.outputs[1].OutputValue);
    assert.equal(outputConsoleLink(snapshot, 2), undefined);
    assert.equal(outputConsoleLink(snapshot, 99), undefined);
  });

  it('passes the estimate the panel needs, and nothing else of it', () => {
    const view = toRecordView({ ...failedSnapshot(), estimate: { typicalMs: 240_000, lowMs: 200_000, highMs: 280_000, longerAfterMs: 360_000, runs: 7 } });
    assert.deepEqual(view.estimate, { typicalMs: 240_000, runs: 7, longerAfterMs: 360_000 });
    assert.ok(isRecordView(view));
  });

  it('works before the first answer', () => {
    const view = toRecordView({ ref: { profile: 'p', region: 'us-east-1', recordId: 'rec-1' }, origin: {}, outputs: [], statusHistory: [], connection: 'live' });
    assert.ok(isRecordView(view));
    assert.equal(view.status, undefined);
    assert.equal(view.canExecuteAgain, false);
    assert.equal(view.hasConsoleLink, false);
  });

  it('takes the account from the origin first, then from the launch role', () => {
    const snapshot = failedSnapshot();
    assert.equal(accountIdOf(snapshot), '123456789012');
    assert.equal(accountIdOf({ ...snapshot, origin: { accountId: '999999999999' } }), '999999999999');
    assert.equal(accountIdOf({ ...snapshot, record: { ...snapshot.record, LaunchRoleArn: undefined } }), undefined);
  });

  it('offers Execute again only with a product and an action', () => {
    const snapshot = failedSnapshot();
    assert.equal(canExecuteAgain(snapshot), true);
    assert.equal(canExecuteAgain({ ...snapshot, origin: {} }), false);
  });

  it('computes what to copy from the snapshot', () => {
    const snapshot = failedSnapshot();
    assert.equal(textToCopy(snapshot, { kind: 'field', field: 'recordId' }), 'rec-abc123');
    assert.equal(textToCopy(snapshot, { kind: 'field', field: 'launchRoleArn' }), 'arn:aws:iam::123456789012:role/Launch');
    assert.equal(textToCopy(snapshot, { kind: 'output', index: 0 }), 's3://logs/1');
    assert.equal(textToCopy(snapshot, { kind: 'output', index: 7 }), undefined);
    assert.equal(textToCopy(snapshot, { kind: 'cli' }), 'aws servicecatalog describe-record --id rec-abc123 --region eu-west-1 --profile dev');
    assert.equal(textToCopy(snapshot, { kind: 'json' }), recordAsJson(snapshot));
    assert.equal(
      textToCopy(snapshot, { kind: 'cliExecuteAgain' }),
      `aws servicecatalog execute-provisioned-product-service-action --provisioned-product-id pp-xyz --service-action-id act-1 --parameters '{"Target":["i-1"],"Reason":[]}' --region eu-west-1 --profile dev`,
    );
    assert.equal(textToCopy({ ...snapshot, origin: {} }, { kind: 'cliExecuteAgain' }), undefined, 'nothing without the action');
    assert.equal(textToCopy({ ...snapshot, record: undefined }, { kind: 'field', field: 'productId' }), undefined);
  });

  it('copies the record as the AWS CLI prints it', () => {
    const parsed = JSON.parse(recordAsJson(failedSnapshot())) as { RecordDetail: Record<string, unknown>; RecordOutputs: unknown[] };
    assert.equal(parsed.RecordDetail.RecordId, 'rec-abc123');
    assert.equal(parsed.RecordDetail.CreatedTime, '2025-01-01T12:00:00.000Z');
    assert.deepEqual(parsed.RecordOutputs, [{ OutputKey: 'Log', OutputValue: 's3://logs/1', Description: 'The log' }]);
  });
});
