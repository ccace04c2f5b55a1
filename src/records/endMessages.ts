import { t } from '@vscode/l10n';
import { panelTitle } from '../shared/panelText';
import { withoutLinks } from '../platform/plainText';
import type { RecordSnapshot } from '../catalog/records';
import { toRecordView } from './panel/recordView';

/**
 * The sentences of the notifications about records: how a record ended, or why it is no longer
 * followed. Pure and vscode-free (`t` of @vscode/l10n, configured with VS Code's bundle at activation),
 * so they are tested in plain Node. Text from AWS cannot become a link (`withoutLinks`).
 */

const maxDetailLength = 300;

/**
 * How a record ended, and for a failure one error: the first the documentation explains, with its cause,
 * or else the first. The cause shown is always that of the error shown.
 */
export function endMessage(snapshot: RecordSnapshot): { severity: 'info' | 'error'; text: string } {
  const view = toRecordView(snapshot);
  const title = withoutLinks(panelTitle(view));
  if (view.status === 'SUCCEEDED') {
    return { severity: 'info', text: t('{0} succeeded.', title) };
  }
  const shown = view.errors.find((error) => error.explanation) ?? view.errors[0];
  const reason = shown ? withoutLinks(shorten(shown.description || shown.code)) : undefined;
  // As the record panel shows it under that error.
  const cause = shown?.explanation?.cause;
  if (reason && cause) {
    return { severity: 'error', text: t('{0} failed: {1} — Likely cause: {2}', title, reason, withoutLinks(shorten(cause))) };
  }
  return { severity: 'error', text: reason ? t('{0} failed: {1}', title, reason) : t('{0} failed.', title) };
}

/** Why the extension stopped following a record before it ended. */
export function stoppedMessage(snapshot: RecordSnapshot): string {
  const title = withoutLinks(panelTitle(toRecordView(snapshot)));
  const detail = snapshot.problem ? withoutLinks(shorten(snapshot.problem.detail)) : '';
  return t('Stopped following {0}: {1}', title, detail);
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > maxDetailLength ? `${oneLine.slice(0, maxDetailLength - 1)}…` : oneLine;
}
