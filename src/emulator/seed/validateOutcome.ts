import type { SeedChecker } from './seedChecker';
import { RECORD_STATUSES, type RecordStatus } from './seedTypes';

// The order a record moves through; a timeline may skip steps but never go back.
const STATUS_ORDER: Record<RecordStatus, number> = { CREATED: 0, IN_PROGRESS: 1, IN_PROGRESS_IN_ERROR: 2, SUCCEEDED: 3, FAILED: 3 };

export function validateActionOutcome(check: SeedChecker, path: string, outcome: unknown): void {
  if (!check.isObject(path, outcome)) return;
  const status = outcome.status;
  check.string(`${path}.status`, status, { oneOf: ['SUCCEEDED', 'FAILED'] });
  const duration = outcome.durationSeconds;
  check.number(`${path}.durationSeconds`, duration, { min: 0 });
  if (check.number(`${path}.inErrorSeconds`, outcome.inErrorSeconds, { optional: true, min: 0 })) {
    if (status !== 'FAILED') check.fail(`${path}.inErrorSeconds`, 'only a FAILED outcome goes through IN_PROGRESS_IN_ERROR');
    if (typeof duration === 'number' && (outcome.inErrorSeconds as number) >= duration) check.fail(`${path}.inErrorSeconds`, 'must be less than durationSeconds');
  }
  if (check.number(`${path}.spreadSeconds`, outcome.spreadSeconds, { optional: true, min: 0 }) && typeof duration === 'number') {
    const spread = outcome.spreadSeconds as number;
    if (outcome.timeline !== undefined) check.fail(`${path}.spreadSeconds`, 'varies a derived timeline: it cannot go with an explicit timeline');
    const floor = typeof outcome.inErrorSeconds === 'number' ? outcome.inErrorSeconds : 0;
    if (spread > 0 && spread >= duration - floor) check.fail(`${path}.spreadSeconds`, `must be less than durationSeconds${floor ? ' minus inErrorSeconds' : ''} (${duration - floor}s)`);
  }
  check.string(`${path}.productStatusAfter`, outcome.productStatusAfter, { optional: true, oneOf: ['AVAILABLE', 'TAINTED', 'ERROR'] });
  check.string(`${path}.productStatusMessageAfter`, outcome.productStatusMessageAfter, { optional: true });
  validateErrorsAndOutputs(check, path, outcome);
  if (outcome.timeline !== undefined) validateTimeline(check, `${path}.timeline`, outcome.timeline, status, duration);
}

function validateTimeline(check: SeedChecker, path: string, timeline: unknown, finalStatus: unknown, duration: unknown): void {
  if (!check.isArray(path, timeline, { nonEmpty: true })) return;
  let previous: { status: RecordStatus; atSeconds: number } | undefined;
  timeline.forEach((step, i) => {
    const spath = `${path}[${i}]`;
    if (!check.isObject(spath, step)) return;
    const okStatus = check.string(`${spath}.status`, step.status, { oneOf: RECORD_STATUSES });
    const okTime = check.number(`${spath}.atSeconds`, step.atSeconds, { min: 0 });
    if (!okStatus || !okTime) return;
    const current = { status: step.status as RecordStatus, atSeconds: step.atSeconds as number };
    if (i === 0 && (current.status !== 'CREATED' || current.atSeconds !== 0)) check.fail(spath, 'a timeline starts with { "status": "CREATED", "atSeconds": 0 }');
    if (previous) {
      if (current.atSeconds < previous.atSeconds) check.fail(`${spath}.atSeconds`, `goes back in time (${previous.atSeconds} before it)`);
      if (STATUS_ORDER[current.status] <= STATUS_ORDER[previous.status]) {
        check.fail(`${spath}.status`, `${current.status} cannot follow ${previous.status}`);
      }
      if (STATUS_ORDER[previous.status] === 3) check.fail(spath, `nothing can follow the terminal status ${previous.status}`);
    }
    previous = current;
  });
  if (previous && previous.status !== finalStatus) check.fail(path, `must end with the outcome status ${String(finalStatus)}, ends with ${previous.status}`);
  if (previous && typeof duration === 'number' && previous.atSeconds !== duration) {
    check.fail(path, `its last step (at ${previous.atSeconds}s) must be at durationSeconds (${duration}s)`);
  }
}

export function validateErrorsAndOutputs(check: SeedChecker, path: string, holder: { errors?: unknown; outputs?: unknown }): void {
  if (check.isArray(`${path}.errors`, holder.errors, { optional: true })) {
    holder.errors.forEach((e, i) => {
      if (!check.isObject(`${path}.errors[${i}]`, e)) return;
      check.string(`${path}.errors[${i}].code`, e.code);
      check.string(`${path}.errors[${i}].description`, e.description);
    });
  }
  if (check.isArray(`${path}.outputs`, holder.outputs, { optional: true })) {
    holder.outputs.forEach((o, i) => {
      if (!check.isObject(`${path}.outputs[${i}]`, o)) return;
      check.string(`${path}.outputs[${i}].key`, o.key);
      if (typeof o.value !== 'string') check.fail(`${path}.outputs[${i}].value`, 'must be a string');
      check.string(`${path}.outputs[${i}].description`, o.description, { optional: true });
    });
  }
}
