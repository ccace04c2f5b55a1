/**
 * The sentences of the record panel that depend on the record and the time: its title and what it
 * says about freshness. Pure and vscode-free: the host uses the title for the tab, the webview the rest.
 */
import { t } from '@vscode/l10n';
import type { RecordView } from './protocol';
import { formatDuration, presentStatus, relativeTime, type StatusPresentation } from './recordFormat';

/** The status the panel shows: the record's, or, when it could never be read and polling stopped, that it is not available. */
export function presentViewStatus(view: Pick<RecordView, 'status' | 'connection'>): StatusPresentation {
  if (view.status === undefined && view.connection === 'ended') {
    return {
      tone: 'unknown',
      label: t('Not available'),
      explanation: t('The record could not be read.'),
      icon: 'circle-slash',
      spin: false,
      terminal: false,
    };
  }
  return presentStatus(view.status);
}

/** "Restart-Instance on web-01", or the best the panel knows so far. */
export function panelTitle(view: Pick<RecordView, 'actionName' | 'provisionedProductName' | 'ref' | 'recordType'>): string {
  const action = view.actionName;
  const product = view.provisionedProductName;
  if (action && product) {
    return t('{0} on {1}', action, product);
  }
  if (action) {
    return action;
  }
  if (product) {
    return t('Record {0} of {1}', view.ref.recordId, product);
  }
  return t('Record {0}', view.ref.recordId);
}

export type FreshnessTone = 'loading' | 'live' | 'reconnecting' | 'final' | 'stopped';

export interface Freshness {
  tone: FreshnessTone;
  /** A codicon name. */
  icon: string;
  /** One line: how fresh the data is. */
  text: string;
  /** Why polling fails or stopped, and what to do. */
  detail?: string;
}

/** How fresh the shown data is: "Updated 3 s ago", "Reconnecting…", "Final status, checked 2 min ago". */
export function freshness(view: RecordView, now: number): Freshness {
  const updated = view.fetchedAt !== undefined ? relativeTime(view.fetchedAt, now) : undefined;
  const problem = view.problem ? [view.problem.summary, view.problem.detail, view.problem.fix].filter(Boolean).join(' — ') : undefined;
  const retry = view.nextPollAt !== undefined ? formatDuration(Math.max(0, view.nextPollAt - now) + 999) : undefined;

  if (view.connection === 'reconnecting') {
    const base = updated
      ? t('Reconnecting: the data below is from {0} and may be out of date', updated)
      : t('Reconnecting: Service Catalog has not answered yet');
    return { tone: 'reconnecting', icon: 'debug-disconnect', text: retry ? t('{0}. Next try in {1}.', base, retry) : `${base}.`, detail: problem };
  }
  if (view.connection === 'ended') {
    if (presentStatus(view.status).terminal) {
      return { tone: 'final', icon: 'lock', text: updated ? t('Final status, checked {0}', updated) : t('Final status') };
    }
    return { tone: 'stopped', icon: 'circle-slash', text: t('Stopped following this record'), detail: problem };
  }
  if (updated === undefined) {
    return { tone: 'loading', icon: 'loading', text: t('Loading the record…') };
  }
  return { tone: 'live', icon: 'broadcast', text: retry ? t('Updated {0}; next check in {1}', updated, retry) : t('Updated {0}', updated) };
}
