import { t } from '@vscode/l10n';
import { recordKey, sameRecord, terminalRecordStatuses, type RecordRef, type RecordSnapshot, type RecordTracker } from '../../catalog/records';
import { withoutLinks } from '../../platform/plainText';
import type { ExecuteCommandResult } from '../../catalog/executeArguments';
import type { ExecutionOutcome, NewExecution } from './executionRunner';
import { executionFailureMessage } from '../failureMessages';
import type { Disposable } from '../../platform/disposable';
import type { ExecutionPlan } from '../executionPlan';

/** One request per product of a confirmed plan. */
export function executionsOf(plan: ExecutionPlan): NewExecution[] {
  return plan.products.map((product) => ({
    profile: product.profile,
    region: product.region,
    provisionedProductId: product.id,
    provisionedProductName: product.name,
    productName: product.productName,
    accountId: product.accountId,
    serviceActionId: plan.action.id,
    serviceActionName: plan.action.name,
    parameters: plan.parameters,
    secretParameterNames: plan.secretParameterNames,
  }));
}

/**
 * The title of the progress notification while the requests are sent. The names come from AWS and
 * notifications make `[text](command:…)` a link: they stay text.
 */
export function startingTitle(plan: ExecutionPlan): string {
  const actionName = plan.action.name ?? plan.action.id;
  return withoutLinks(
    plan.products.length === 1 ? t('Starting {0} on {1}…', actionName, plan.products[0].name) : t('Starting {0} on {1} products…', actionName, plan.products.length),
  );
}

/** A product of a batch: its record once started, or why it did not start. */
export interface BatchProduct {
  name: string;
  ref?: RecordRef;
  notStarted?: string;
}

/** How a batch's requests went: what the command returns, and one entry per product for the summary (skipped ones last). */
export function batchOutcome(plan: ExecutionPlan, outcomes: ExecutionOutcome[]): { result: Extract<ExecuteCommandResult, { outcome: 'executed' }>; products: BatchProduct[] } {
  const result: Extract<ExecuteCommandResult, { outcome: 'executed' }> = { outcome: 'executed', started: [], notStarted: [] };
  const products: BatchProduct[] = [];
  for (const outcome of outcomes) {
    const name = outcome.request.provisionedProductName ?? outcome.request.provisionedProductId;
    if (outcome.ok) {
      result.started.push(outcome.ref);
      products.push({ name, ref: outcome.ref });
    } else {
      const message = executionFailureMessage(outcome.request, outcome.failure, plan.parameterNames).message;
      result.notStarted.push({ provisionedProductId: outcome.request.provisionedProductId, message });
      products.push({ name, notStarted: message });
    }
  }
  for (const { product, reason } of plan.skipped) {
    result.notStarted.push({ provisionedProductId: product.id, message: reason });
    products.push({ name: product.name, notStarted: reason });
  }
  return { result, products };
}

/** Runs `work` on every item, at most `limit` at a time; results in the items' order. */
export async function runWithLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** What `whenAllEnded` listens to: the records' tracker. */
export type BatchTracker = Pick<RecordTracker, 'snapshot' | 'onDidEnd' | 'onDidStopWatching'>;

/** A record of the batch once it is done: its last snapshot, if the tracker still had one. */
export interface BatchRecord {
  ref: RecordRef;
  snapshot?: RecordSnapshot;
}

/**
 * Resolves once every record of `refs` is done, in their order: ended, or no longer followed (not
 * found, forgotten, or dropped from the tracker), so the summary always comes and nothing stays
 * subscribed. A record the tracker no longer has keeps the last snapshot an event gave.
 */
export function whenAllEnded(tracker: BatchTracker, refs: RecordRef[]): { ended: Promise<BatchRecord[]> } & Disposable {
  const subscriptions: Disposable[] = [];
  const lastSeen = new Map<string, RecordSnapshot>();
  const dispose = () => subscriptions.splice(0).forEach((subscription) => subscription.dispose());
  const ended = new Promise<BatchRecord[]>((resolve) => {
    const check = () => {
      const records = refs.map((ref) => ({ ref, current: tracker.snapshot(ref) }));
      if (records.every(({ current }) => isDone(current))) {
        dispose();
        resolve(records.map(({ ref, current }) => ({ ref, snapshot: current ?? lastSeen.get(recordKey(ref)) })));
        return true;
      }
      return false;
    };
    const seen = (snapshot: RecordSnapshot) => {
      if (refs.some((ref) => sameRecord(ref, snapshot.ref))) {
        lastSeen.set(recordKey(snapshot.ref), snapshot);
        check();
      }
    };
    if (!check()) {
      subscriptions.push(tracker.onDidEnd(seen), tracker.onDidStopWatching(seen));
    }
  });
  return { ended, dispose };
}

/** Ended, stopped, or not followed any more (a record the tracker dropped has no snapshot). */
function isDone(snapshot: RecordSnapshot | undefined): boolean {
  return !snapshot || snapshot.connection === 'ended' || terminalRecordStatuses.has(snapshot.record?.Status ?? '');
}

export interface BatchEntry {
  productName: string;
  /** The record of an execution that started, as it was last seen (none when the tracker dropped it unseen). */
  record?: BatchRecord;
  /** Why the execution did not start. */
  notStarted?: string;
}

/** "Restart on 3 products: 2 succeeded, 1 failed." and one line per product. */
export function batchSummary(actionName: string, entries: BatchEntry[]): { message: string; lines: string[] } {
  const statusOf = (entry: BatchEntry) => entry.record?.snapshot?.record?.Status;
  const started = entries.filter((entry) => entry.record);
  const succeeded = started.filter((entry) => statusOf(entry) === 'SUCCEEDED').length;
  const failed = started.filter((entry) => statusOf(entry) === 'FAILED').length;
  const unfollowed = started.length - succeeded - failed;
  const notStarted = entries.filter((entry) => entry.notStarted !== undefined).length;
  const counts = [
    succeeded > 0 ? t('{0} succeeded', succeeded) : undefined,
    failed > 0 ? t('{0} failed', failed) : undefined,
    unfollowed > 0 ? t('{0} not followed to the end', unfollowed) : undefined,
    notStarted > 0 ? t('{0} did not start', notStarted) : undefined,
  ].filter(Boolean);
  const lines = entries.map((entry) => {
    if (entry.notStarted !== undefined || !entry.record) {
      return t('{0}: did not start: {1}', entry.productName, entry.notStarted ?? '');
    }
    const { ref, snapshot } = entry.record;
    const record = snapshot?.record;
    const status = record?.Status;
    if (status !== 'SUCCEEDED' && status !== 'FAILED') {
      const why = snapshot?.problem?.detail;
      return why
        ? t('{0}: not followed to the end (record {1}): {2}', entry.productName, ref.recordId, why)
        : t('{0}: not followed to the end (record {1})', entry.productName, ref.recordId);
    }
    const firstError = record?.RecordErrors?.[0];
    return firstError
      ? t('{0}: {1} (record {2}): {3}', entry.productName, status, ref.recordId, firstError.Description ?? firstError.Code ?? '')
      : t('{0}: {1} (record {2})', entry.productName, status, ref.recordId);
  });
  return { message: t('{0} on {1} products: {2}.', actionName, entries.length, counts.join(', ')), lines };
}
