import { t } from '@vscode/l10n';
import { terminalRecordStatuses, type Disposable, type RecordRef, type RecordSnapshot, type RecordTracker } from '../records/recordTypes';
import type { ExecutionPlan } from './executeContext';
import type { NewExecution } from './executionRunner';

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
  }));
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

/** Resolves with the snapshots of `refs` once every one of them has ended. */
export function whenAllEnded(tracker: RecordTracker, refs: RecordRef[]): { ended: Promise<RecordSnapshot[]> } & Disposable {
  let subscription: Disposable | undefined;
  const hasEnded = (snapshot: RecordSnapshot | undefined) =>
    !!snapshot && (snapshot.connection === 'ended' || terminalRecordStatuses.has(snapshot.record?.Status ?? ''));
  const ended = new Promise<RecordSnapshot[]>((resolve) => {
    const check = () => {
      const snapshots = refs.map((ref) => tracker.snapshot(ref));
      if (snapshots.every(hasEnded)) {
        subscription?.dispose();
        resolve(snapshots as RecordSnapshot[]);
        return true;
      }
      return false;
    };
    if (!check()) {
      subscription = tracker.onDidEnd(() => check());
    }
  });
  return { ended, dispose: () => subscription?.dispose() };
}

export interface BatchEntry {
  productName: string;
  /** The ended record, or why the execution did not start. */
  record?: RecordSnapshot;
  notStarted?: string;
}

/** "Restart on 3 products: 2 succeeded, 1 failed." and one line per product. */
export function batchSummary(actionName: string, entries: BatchEntry[]): { message: string; lines: string[] } {
  const succeeded = entries.filter((entry) => entry.record?.record?.Status === 'SUCCEEDED').length;
  const failed = entries.filter((entry) => entry.record && entry.record.record?.Status !== 'SUCCEEDED').length;
  const notStarted = entries.filter((entry) => entry.notStarted !== undefined).length;
  const counts = [
    succeeded > 0 ? t('{0} succeeded', succeeded) : undefined,
    failed > 0 ? t('{0} failed', failed) : undefined,
    notStarted > 0 ? t('{0} did not start', notStarted) : undefined,
  ].filter(Boolean);
  const lines = entries.map((entry) => {
    if (entry.notStarted !== undefined) {
      return t('{0}: did not start: {1}', entry.productName, entry.notStarted);
    }
    const record = entry.record?.record;
    const firstError = record?.RecordErrors?.[0];
    const status = record?.Status ?? t('unknown');
    return firstError
      ? t('{0}: {1} (record {2}): {3}', entry.productName, status, record?.RecordId ?? '', firstError.Description ?? firstError.Code ?? '')
      : t('{0}: {1} (record {2})', entry.productName, status, record?.RecordId ?? '');
  });
  return { message: t('{0} on {1} products: {2}.', actionName, entries.length, counts.join(', ')), lines };
}
