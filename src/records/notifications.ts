import * as vscode from 'vscode';
import { panelTitle } from '../shared/panelText';
import type { LiveRecordTracker } from './liveRecordTracker';
import { withoutLinks } from './plainText';
import type { RecordRef, RecordSnapshot } from './recordTypes';
import { toRecordView } from './recordView';

export const showRecordCommand = 'serviceCatalog.showRecord';

const maxDetailLength = 300;

/** The sentence a notification shows when a record ends: how it ended, and for a failure the first error. */
export function endMessage(snapshot: RecordSnapshot): { severity: 'info' | 'error'; text: string } {
  const view = toRecordView(snapshot);
  const title = withoutLinks(panelTitle(view));
  if (view.status === 'SUCCEEDED') {
    return { severity: 'info', text: vscode.l10n.t('{0} succeeded.', title) };
  }
  const first = view.errors[0];
  const reason = first ? withoutLinks(shorten(first.description || first.code)) : undefined;
  return { severity: 'error', text: reason ? vscode.l10n.t('{0} failed: {1}', title, reason) : vscode.l10n.t('{0} failed.', title) };
}

/** Tells the user when each record in flight ends, whether or not its panel is open, with "Show Record". */
export function registerEndNotifications(tracker: LiveRecordTracker): vscode.Disposable {
  const showRecord = vscode.l10n.t('Show Record');
  const offer = async (shown: Thenable<string | undefined>, ref: RecordRef) => {
    if ((await shown) === showRecord) {
      await vscode.commands.executeCommand(showRecordCommand, ref);
    }
  };
  const ended = tracker.onDidEnd((snapshot) => {
    const message = endMessage(snapshot);
    const shown =
      message.severity === 'info' ? vscode.window.showInformationMessage(message.text, showRecord) : vscode.window.showErrorMessage(message.text, showRecord);
    void offer(shown, snapshot.ref);
  });
  const lost = tracker.onDidStopWatching((snapshot) => {
    const title = withoutLinks(panelTitle(toRecordView(snapshot)));
    const detail = snapshot.problem ? withoutLinks(shorten(snapshot.problem.detail)) : '';
    void offer(vscode.window.showWarningMessage(vscode.l10n.t('Stopped following {0}: {1}', title, detail), showRecord), snapshot.ref);
  });
  return vscode.Disposable.from(ended, lost);
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > maxDetailLength ? `${oneLine.slice(0, maxDetailLength - 1)}…` : oneLine;
}
