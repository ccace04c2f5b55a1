import { seededRandom } from '../seededRandom';
import { EXECUTE_RECORD_TYPE, fillPlaceholders } from '../state/records';
import type { Seed, SeedProvisionedProduct, SeedRecord, SeedRecordHistory, SeedServiceAction } from './seedTypes';

/**
 * Durations that vary around a typical value, the same at every start: for the runs of an action with
 * `outcome.spreadSeconds` and for the earlier runs of `recordHistories`.
 */

/** A 32-bit seed from a text (FNV-1a), so each action has its own repeatable sequence. */
export function textSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return hash >>> 0;
}

/** `typical` give or take up to `spread` (triangular: most draws near `typical`), in whole milliseconds. */
export function drawSeconds(random: () => number, typical: number, spread: number): number {
  const seconds = typical + spread * (random() + random() - 1);
  return Math.max(0, Math.round(seconds * 1000) / 1000);
}

/** The duration of each next run of an action: `durationSeconds`, or a draw around it when the outcome has a spread. */
export function runDurations(action: SeedServiceAction): () => number {
  const { durationSeconds, spreadSeconds } = action.outcome;
  if (!spreadSeconds) return () => durationSeconds;
  const random = seededRandom(textSeed(`${action.id}/runs`));
  return () => drawSeconds(random, durationSeconds, spreadSeconds);
}

const hourMs = 3_600_000;

/** The records of every `recordHistories` entry, as seed records whose times end before `now`. */
export function historyRecords(seed: Seed, now: number): SeedRecord[] {
  const products = new Map(seed.provisionedProducts.map((pp) => [pp.id, pp]));
  const actions = new Map(seed.serviceActions.map((action) => [action.id, action]));
  return (seed.recordHistories ?? []).flatMap((history, index) => {
    const action = actions.get(history.serviceActionId);
    return action ? historyOf(history, action, products, now, index) : [];
  });
}

function historyOf(
  history: SeedRecordHistory,
  action: SeedServiceAction,
  products: Map<string, SeedProvisionedProduct>,
  now: number,
  index: number,
): SeedRecord[] {
  const typical = history.typicalSeconds ?? action.outcome.durationSeconds;
  const spread = history.spreadSeconds ?? action.outcome.spreadSeconds ?? typical / 10;
  const every = (history.everyHours ?? 6) * hourMs;
  const status = history.status ?? 'SUCCEEDED';
  const random = seededRandom(textSeed(`${action.id}/history/${index}`));
  const ids = seededRandom(textSeed(`${action.id}/history-ids/${index}`));
  return Array.from({ length: history.runs }, (_, run) => {
    const pp = products.get(history.provisionedProductIds[run % history.provisionedProductIds.length])!;
    const created = now - (history.runs - run) * every;
    const seconds = drawSeconds(random, typical, spread);
    const record: SeedRecord = {
      id: `rec-${Array.from({ length: 13 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(ids() * 36)]).join('')}`,
      provisionedProductId: pp.id,
      recordType: EXECUTE_RECORD_TYPE,
      status,
      createdTime: new Date(created).toISOString(),
      updatedTime: new Date(created + Math.round(seconds * 1000)).toISOString(),
    };
    if (status === 'FAILED' && action.outcome.errors?.length) {
      const parameters = defaultParameters(action, pp);
      record.errors = action.outcome.errors.map((error) => ({ code: error.code, description: fillPlaceholders(error.description, parameters) }));
    }
    return record;
  });
}

/** The values a run with no parameters given would have: TARGET from the product, the rest from the action's defaults. */
function defaultParameters(action: SeedServiceAction, pp: SeedProvisionedProduct): Record<string, string[]> {
  return Object.fromEntries(
    action.definition.parameters.map((parameter) => [
      parameter.name,
      parameter.type === 'TARGET' ? [pp.target ?? pp.physicalId] : (action.defaultValues?.[parameter.name] ?? []),
    ]),
  );
}
