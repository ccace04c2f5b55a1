import type { DurationEstimate } from '../../catalog/durations';

/** Fewer earlier runs than this say nothing about how long the next one takes. */
export const minRuns = 2;

/**
 * The estimate from the durations of earlier runs (ms): the median as the typical duration, the 10th
 * and 90th percentiles as where most runs end. A run is "longer than usual" once it has gone on for
 * half as long again as the typical run and longer than any earlier run.
 */
export function estimateFrom(durationsMs: readonly number[]): DurationEstimate | undefined {
  const sorted = durationsMs.filter((ms) => Number.isFinite(ms) && ms >= 0).sort((a, b) => a - b);
  if (sorted.length < minRuns) {
    return undefined;
  }
  const typicalMs = quantile(sorted, 0.5);
  return {
    typicalMs,
    lowMs: quantile(sorted, 0.1),
    highMs: quantile(sorted, 0.9),
    longerAfterMs: Math.max(typicalMs * 1.5, sorted[sorted.length - 1]),
    runs: sorted.length,
  };
}

/** The q-quantile of sorted values, interpolating between the two nearest. */
export function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return Math.round(sorted[below] + (sorted[above] - sorted[below]) * (position - below));
}
