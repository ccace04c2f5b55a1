/**
 * How the estimate of an action's duration reads: in the record panel, the status bar and the review
 * of Execute Service Action. Pure and vscode-free; the estimate itself is computed by the host
 * (records/estimates), this only words it.
 */
import { t } from '@vscode/l10n';
import { formatDuration } from './recordFormat';

/** What the earlier runs say (the part of the host's `DurationEstimate` that the texts use). */
export interface EstimateView {
  typicalMs: number;
  runs: number;
  /** A run still going after this long is longer than usual. */
  longerAfterMs: number;
}

/** "Usually takes about 4 min (7 earlier runs)". */
export function usuallyTakesText(estimate: Pick<EstimateView, 'typicalMs' | 'runs'>): string {
  return t('Usually takes about {0} ({1} earlier runs)', approximateDuration(estimate.typicalMs), estimate.runs);
}

export type ProgressTone = 'running' | 'due' | 'long';

export interface ProgressEstimate {
  tone: ProgressTone;
  /** "About 2 min left", "Should end any moment (usually about 4 min)", "Longer than usual: 9 min, usually 4 min". */
  text: string;
  /** How far along a usual run would be, 0 to 1. */
  fraction: number;
}

/** Where a run that has gone on for `elapsedMs` stands against the usual. */
export function progressOf(estimate: EstimateView, elapsedMs: number): ProgressEstimate {
  const elapsed = Math.max(0, elapsedMs);
  const usual = approximateDuration(estimate.typicalMs);
  if (elapsed > estimate.longerAfterMs) {
    return { tone: 'long', text: t('Longer than usual: {0}, usually {1}', approximateDuration(elapsed), usual), fraction: 1 };
  }
  const left = estimate.typicalMs - elapsed;
  if (left < 5_000) {
    return { tone: 'due', text: t('Should end any moment (usually about {0})', usual), fraction: 1 };
  }
  return { tone: 'running', text: t('About {0} left (usually about {1})', approximateDuration(left), usual), fraction: Math.min(1, elapsed / estimate.typicalMs) };
}

/** The few words of the status bar: "about 2 min left", "ending soon", "longer than usual". */
export function shortProgressText(estimate: EstimateView, elapsedMs: number): string {
  const progress = progressOf(estimate, elapsedMs);
  switch (progress.tone) {
    case 'long':
      return t('longer than usual');
    case 'due':
      return t('ending soon');
    case 'running':
      return t('about {0} left', approximateDuration(estimate.typicalMs - Math.max(0, elapsedMs)));
  }
}

/** A duration as "about" it reads: whole seconds under 20 s, 5 s steps under 2 min, minutes under an hour, then 5-minute steps. */
export function approximateDuration(ms: number): string {
  const step = ms < 20_000 ? 1_000 : ms < 120_000 ? 5_000 : ms < 3_600_000 ? 60_000 : 300_000;
  return formatDuration(Math.max(step === 1_000 ? 1_000 : step, Math.round(ms / step) * step));
}
