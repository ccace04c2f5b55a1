import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { config as configureL10n } from '@vscode/l10n';
import { endMessage, stoppedMessage } from '../../../src/records/endMessages';
import type { RecordSnapshot } from '../../../src/catalog/records';
import { failedSnapshot } from './sampleSnapshot';

const succeeded = (): RecordSnapshot => {
  const snapshot = failedSnapshot();
  return { ...snapshot, record: { ...snapshot.record, Status: 'SUCCEEDED', RecordErrors: [] } };
};

/** The notifications' sentences, in plain Node: no vscode import (this file would not load otherwise). */
describe('record notifications: the sentences', () => {
  afterEach(() => configureL10n({ contents: {} }));

  it('says a record succeeded', () => {
    assert.deepEqual(endMessage(succeeded()), { severity: 'info', text: 'Rotate on web-01 succeeded.' });
  });

  it('says a record failed with its first error, on one line and shortened', () => {
    assert.deepEqual(endMessage(failedSnapshot()), { severity: 'error', text: 'Rotate on web-01 failed: Step one failed' });
    const long = failedSnapshot();
    long.record!.RecordErrors = [{ Code: 'E', Description: `first line\n${'x'.repeat(400)}` }];
    const text = endMessage(long).text;
    assert.ok(!text.includes('\n'), text);
    assert.ok(text.endsWith('…') && text.length < 400, text);
    const noErrors = failedSnapshot();
    noErrors.record!.RecordErrors = [];
    assert.equal(endMessage(noErrors).text, 'Rotate on web-01 failed.');
  });

  it('carries the one-line cause of the first documented error, as the panel explains it', () => {
    const snapshot = failedSnapshot();
    snapshot.record!.RecordErrors = [
      { Code: 'AccessDenied', Description: 'Access denied while assuming the role arn:aws:iam::123456789012:role/Launch.' },
      { Code: 'Rollback', Description: 'Rolled back' },
    ];
    assert.deepEqual(endMessage(snapshot), {
      severity: 'error',
      text: "Rotate on web-01 failed: Access denied while assuming the role arn:aws:iam::123456789012:role/Launch. — Likely cause: Service Catalog could not assume the role of the action's definition (the launch role when the action uses LAUNCH_ROLE).",
    });
  });

  it('shows the cause of the error it shows: the first documented one, with its own text', () => {
    const snapshot = failedSnapshot();
    snapshot.record!.RecordErrors = [
      { Code: 'ExecutionFailed', Description: 'The automation stopped.' },
      { Code: 'ThrottlingException', Description: 'Rate exceeded (Service: AmazonSSM; Status Code: 400; Error Code: ThrottlingException)' },
    ];
    const { text } = endMessage(snapshot);
    assert.match(text, /^Rotate on web-01 failed: Rate exceeded \(Service: AmazonSSM; Status Code: 400; Error Code: ThrottlingException\) — Likely cause: /);
    assert.ok(!text.includes('The automation stopped.'), 'not the text of an error whose cause is not the one shown');
    assert.match(text, /throttled/i);
  });

  it('keeps links in AWS text from becoming links in the notification', () => {
    const snapshot = failedSnapshot();
    snapshot.record!.RecordErrors = [{ Code: 'E', Description: 'see [here](command:workbench.action.terminal.new)' }];
    assert.ok(!/\]\(command:/.test(endMessage(snapshot).text), endMessage(snapshot).text);
  });

  it('says why a record is no longer followed', () => {
    const snapshot: RecordSnapshot = {
      ...failedSnapshot(),
      record: { ...failedSnapshot().record, Status: 'IN_PROGRESS' },
      problem: { kind: 'invalid-config', summary: 'Profile not found', detail: 'Profile "dev" is not in the AWS config or credentials file.', retryable: false },
    };
    assert.equal(stoppedMessage(snapshot), 'Stopped following Rotate on web-01: Profile "dev" is not in the AWS config or credentials file.');
  });

  it('speaks the display language through the bundle @vscode/l10n is configured with', () => {
    const japanese = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.ja.json'), 'utf8')) as Record<string, string>;
    configureL10n({ contents: japanese });
    assert.equal(endMessage(succeeded()).text, 'web-01 での Rotate が成功しました。');
    assert.match(endMessage(failedSnapshot()).text, /^web-01 での Rotate.*Step one failed$/);
    assert.doesNotMatch(endMessage(failedSnapshot()).text, /failed:/);
  });
});
