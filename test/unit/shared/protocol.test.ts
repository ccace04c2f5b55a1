import * as assert from 'node:assert/strict';
import { toRecordView } from '../../../src/records/panel/recordView';
import {
  describeMessage,
  isCopyItem,
  isHostMessage,
  isPanelState,
  isRecordView,
  isWebviewMessage,
  panelStateVersion,
} from '../../../src/shared/protocol';
import { failedSnapshot } from '../records/sampleSnapshot';

describe('panel protocol guards', () => {
  it('accepts every message the webview sends', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'refresh' },
      { type: 'openConsole' },
      { type: 'executeAgain' },
      { type: 'copy', item: { kind: 'json' } },
      { type: 'copy', item: { kind: 'cli' } },
      { type: 'copy', item: { kind: 'field', field: 'recordId' } },
      { type: 'copy', item: { kind: 'output', index: 3 } },
      { type: 'openOutput', index: 0 },
    ]) {
      assert.ok(isWebviewMessage(message), JSON.stringify(message));
    }
  });

  it('rejects malformed and unknown messages from the webview', () => {
    for (const message of [
      undefined,
      null,
      'ready',
      42,
      [],
      [{ type: 'ready' }],
      {},
      { type: 'READY' },
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'copy' },
      { type: 'copy', item: { kind: 'text', text: 'anything' } },
      { type: 'copy', item: { kind: 'field', field: '__proto__' } },
      { type: 'copy', item: { kind: 'field', field: 'secretAccessKey' } },
      { type: 'copy', item: { kind: 'output', index: -1 } },
      { type: 'copy', item: { kind: 'output', index: 1.5 } },
      { type: 'copy', item: { kind: 'output', index: '0' } },
      { type: 'copy', item: null },
      { type: 'openOutput' },
      { type: 'openOutput', index: -1 },
      { type: 'openOutput', index: 0.5 },
      { type: 'openOutput', url: 'https://us-east-1.console.aws.amazon.com/' },
      { type: 'openUrl', url: 'https://us-east-1.console.aws.amazon.com/' },
    ]) {
      assert.equal(isWebviewMessage(message), false, JSON.stringify(message));
    }
  });

  it('checks the messages the host sends', () => {
    const view = toRecordView(failedSnapshot());
    assert.ok(isHostMessage({ type: 'init' }));
    assert.ok(isHostMessage({ type: 'init', l10nBundle: { Refresh: 'Aktualisieren' } }));
    assert.ok(isHostMessage({ type: 'update', view }));
    assert.ok(isHostMessage({ type: 'copied', item: { kind: 'cli' } }));
    assert.equal(isHostMessage({ type: 'init', l10nBundle: { Refresh: 3 } }), false);
    assert.equal(isHostMessage({ type: 'update' }), false);
    assert.equal(isHostMessage({ type: 'update', view: { ...view, errors: [{ code: 1 }] } }), false);
    assert.equal(isHostMessage({ type: 'update', view: { ...view, connection: 'maybe' } }), false);
    assert.equal(isHostMessage({ type: 'update', view: { ...view, ref: { profile: 'p', region: 'x/../y', recordId: 'r' } } }), false);
    assert.equal(isHostMessage({ type: 'eval', code: 'alert(1)' }), false);
  });

  it('validates every field of a view', () => {
    const view = toRecordView(failedSnapshot());
    assert.ok(isRecordView(view));
    for (const broken of [
      { ...view, status: 5 },
      { ...view, createdAt: 'yesterday' },
      { ...view, createdAt: Number.NaN },
      { ...view, outputs: [{ key: 'k', value: 'v' }] },
      { ...view, tags: 'team=web' },
      { ...view, parameters: [{ name: 'p', values: [1] }] },
      { ...view, statusHistory: [{ status: 'CREATED' }] },
      { ...view, problem: { summary: 'x' } },
      { ...view, canExecuteAgain: 'yes' },
      { ...view, ref: undefined },
      { ...view, errors: [{ code: 'E', description: 'd', explanation: { cause: 'c' } }] },
      { ...view, errors: [{ code: 'E', description: 'd', explanation: 'c' }] },
      { ...view, outputs: [{ key: 'k', value: 'v', description: '', consoleLink: 'https://evil.example/' }] },
      { ...view, estimate: { typicalMs: 60_000, runs: 0, longerAfterMs: 90_000 } },
      { ...view, estimate: { typicalMs: '1 min', runs: 3, longerAfterMs: 90_000 } },
      { ...view, estimate: { typicalMs: 60_000, runs: 3 } },
    ]) {
      assert.equal(isRecordView(broken), false, JSON.stringify(broken).slice(0, 120));
    }
  });

  it('accepts views with explanations, console links and an estimate, and those saved before them', () => {
    const view = toRecordView(failedSnapshot());
    assert.ok(isRecordView({ ...view, errors: [{ code: 'E', description: 'd', explanation: { cause: 'c', fix: 'f' } }] }));
    assert.ok(isRecordView({ ...view, outputs: [{ key: 'k', value: 'v', description: '', consoleLink: true }] }));
    assert.ok(isRecordView({ ...view, outputs: [{ key: 'k', value: 'v', description: '' }] }), 'a view saved by the version before');
    assert.ok(isRecordView({ ...view, estimate: { typicalMs: 60_000, runs: 3, longerAfterMs: 90_000 } }));
  });

  it('accepts only panel states of this version', () => {
    const view = toRecordView(failedSnapshot());
    assert.ok(isPanelState({ version: panelStateVersion, ref: view.ref, view }));
    assert.ok(isPanelState({ version: panelStateVersion, ref: view.ref }));
    assert.equal(isPanelState({ version: 0, ref: view.ref }), false);
    assert.equal(isPanelState({ ref: view.ref }), false);
    assert.equal(isPanelState({ version: panelStateVersion, ref: { profile: '', region: 'us-east-1', recordId: 'r' } }), false);
    assert.equal(isPanelState({ version: panelStateVersion, ref: view.ref, view: { broken: true } }), false);
    assert.equal(isPanelState(undefined), false);
  });

  it('knows the copy items', () => {
    assert.ok(isCopyItem({ kind: 'field', field: 'provisionedProductId' }));
    assert.ok(isCopyItem({ kind: 'cliExecuteAgain' }));
    assert.equal(isCopyItem({ kind: 'cliExecute' }), false);
    assert.equal(isCopyItem({ kind: 'field', field: 'toString' }), false);
  });

  it('describes a rejected message without its content', () => {
    assert.equal(describeMessage({ type: 'steal', secret: 'AKIA...' }), 'message of type "steal"');
    assert.equal(describeMessage('text'), 'message of kind string');
    assert.equal(describeMessage(null), 'message of kind null');
    assert.equal(describeMessage([1]), 'message of kind array');
  });
});
