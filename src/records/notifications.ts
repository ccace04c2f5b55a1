import * as vscode from 'vscode';
import { endMessage, stoppedMessage } from './endMessages';
import type { RecordRef, RecordTracker, ShowRecord } from '../catalog/records';

/**
 * Tells the user when each record in flight ends, whether or not its panel is open, with "Show Record";
 * and when one can no longer be followed (not found for good, its profile unusable). Records forgotten
 * on purpose (a sandbox that stopped) are announced by whoever forgot them, once for all.
 */
export function registerEndNotifications(tracker: RecordTracker, showRecord: ShowRecord): vscode.Disposable {
  const showRecordButton = vscode.l10n.t('Show Record');
  const offer = async (shown: Thenable<string | undefined>, ref: RecordRef) => {
    if ((await shown) === showRecordButton) {
      showRecord(ref);
    }
  };
  const ended = tracker.onDidEnd((snapshot) => {
    const message = endMessage(snapshot);
    const shown =
      message.severity === 'info' ? vscode.window.showInformationMessage(message.text, showRecordButton) : vscode.window.showErrorMessage(message.text, showRecordButton);
    void offer(shown, snapshot.ref);
  });
  const stopped = tracker.onDidStopWatching((snapshot, reason) => {
    if (reason !== 'forgotten') {
      void offer(vscode.window.showWarningMessage(stoppedMessage(snapshot), showRecordButton), snapshot.ref);
    }
  });
  return vscode.Disposable.from(ended, stopped);
}
