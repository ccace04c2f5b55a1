import type { RecordDetail, RecordOutput } from '@aws-sdk/client-service-catalog';
import { t } from '@vscode/l10n';
import type { AwsProblem } from '../aws/errors';
import { AwsCallError } from '../aws/errors';
import { silentLogger, type Logger } from '../platform/logger';
import { Emitter } from './emitter';
import type { InFlightEntry, InFlightStore } from './inFlightStore';
import { Poller } from './poller';
import { sanitizeOrigin } from './recordOrigin';
import type { PollScheduleOptions } from './pollSchedule';
import {
  terminalRecordStatuses,
  type Disposable,
  type RecordOrigin,
  type RecordRef,
  type RecordSnapshot,
  type RecordTracker,
} from './recordTypes';
import { systemTimers, type Timers } from '../platform/timers';

export interface DescribedRecord {
  record: RecordDetail;
  outputs: RecordOutput[];
}

export interface LiveRecordTrackerOptions {
  /** One DescribeRecord with every page of outputs (`ServiceCatalogApi.describeRecord` of the ref's profile and region). */
  describe(ref: RecordRef, signal: AbortSignal): Promise<DescribedRecord>;
  store: InFlightStore;
  timers?: Timers;
  log?: Logger;
  schedule?: PollScheduleOptions;
  random?: () => number;
  /** How many ended records `recentlyEnded()` remembers. */
  recentLimit?: number;
  /** Delay between the first polls of records restored after a reload, so they do not all call at once. */
  restoreStaggerMs?: number;
}

interface Watched {
  snapshot: RecordSnapshot;
  /** When watching started (epoch ms), kept across reloads: the poll schedule slows down from there. */
  watchedSince: number;
  poller: Poller<DescribedRecord>;
  /** Seen (or known from an execution or a reload) before it ended: its end is news. */
  seenInFlight: boolean;
  persisted: boolean;
  endAnnounced: boolean;
  endedAt?: number;
}

const maxHistory = 20;

/**
 * The one owner of live record state: one poller per watched record, whoever is looking at it
 * (panels, status bar, notifications). Records in flight are persisted so that a reload resumes them.
 */
export class LiveRecordTracker implements RecordTracker {
  private readonly records = new Map<string, Watched>();
  private readonly changed: Emitter<RecordSnapshot>;
  private readonly ended: Emitter<RecordSnapshot>;
  private readonly lost: Emitter<RecordSnapshot>;
  private readonly timers: Timers;
  private readonly log: Logger;
  private disposed = false;

  constructor(private readonly options: LiveRecordTrackerOptions) {
    this.timers = options.timers ?? systemTimers;
    this.log = options.log ?? silentLogger;
    const onListenerError = (error: unknown) => this.log.error('A record listener failed', error);
    this.changed = new Emitter(onListenerError);
    this.ended = new Emitter(onListenerError);
    this.lost = new Emitter(onListenerError);
  }

  readonly onDidChange = (listener: (snapshot: RecordSnapshot) => void): Disposable => this.changed.event(listener);
  readonly onDidEnd = (listener: (snapshot: RecordSnapshot) => void): Disposable => this.ended.event(listener);
  /** A record that was in flight can no longer be followed (it is not found any more); polling stopped. */
  readonly onDidStopWatching = (listener: (snapshot: RecordSnapshot) => void): Disposable => this.lost.event(listener);

  /** Resumes watching the records that were in flight when the extension last ran. */
  restore(): RecordSnapshot[] {
    const entries = this.options.store.load();
    const stagger = this.options.restoreStaggerMs ?? 250;
    return entries
      .filter((entry) => !this.records.has(keyOf(entry.ref)))
      .map((entry, index) => {
        const history = entry.statusHistory ?? [];
        const watched = this.create(entry.ref, entry.origin, entry.watchedSince, undefined, history);
        watched.seenInFlight = true;
        watched.persisted = true;
        watched.poller.start(index * stagger);
        this.log.info(`Resuming record ${entry.ref.recordId} (${entry.ref.profile}, ${entry.ref.region})`);
        return watched.snapshot;
      });
  }

  watch(ref: RecordRef, anyOrigin: RecordOrigin = {}, initial?: RecordDetail): RecordSnapshot {
    const key = keyOf(ref);
    const origin = sanitizeOrigin(anyOrigin);
    const existing = this.records.get(key);
    if (existing) {
      const merged = mergeOrigin(existing.snapshot.origin, origin);
      if (merged !== existing.snapshot.origin || (initial && !existing.snapshot.record)) {
        this.update(existing, {
          origin: merged,
          ...(initial && !existing.snapshot.record ? { record: initial } : {}),
        });
        if (existing.persisted) {
          void this.persist(existing);
        }
      }
      const stoppedByFailure = existing.snapshot.connection === 'ended' && !isTerminal(existing.snapshot.record?.Status);
      if (stoppedByFailure) {
        existing.poller.start();
      }
      return existing.snapshot;
    }

    const now = this.timers.now();
    const history = initial?.Status ? [{ status: initial.Status, seenAt: now }] : [];
    const watched = this.create({ profile: ref.profile, region: ref.region, recordId: ref.recordId }, origin, now, initial, history);
    if (initial?.Status && !isTerminal(initial.Status)) {
      watched.seenInFlight = true;
      void this.persist(watched);
    }
    watched.poller.start();
    return watched.snapshot;
  }

  snapshot(ref: RecordRef): RecordSnapshot | undefined {
    return this.records.get(keyOf(ref))?.snapshot;
  }

  flushed(): Promise<void> {
    return this.options.store.flushed();
  }

  inFlight(): RecordSnapshot[] {
    return [...this.records.values()].filter((watched) => watched.snapshot.connection !== 'ended').map((watched) => watched.snapshot);
  }

  /** Records that ended while watched in this session, newest first. */
  recentlyEnded(): RecordSnapshot[] {
    return [...this.records.values()]
      .filter((watched) => watched.endAnnounced && watched.endedAt !== undefined)
      .sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0))
      .slice(0, this.options.recentLimit ?? 10)
      .map((watched) => watched.snapshot);
  }

  /** What the tracker holds, for leak checks: records kept, pollers scheduled or polling, listeners of its events. */
  usage(): { records: number; activePollers: number; listeners: number } {
    const watched = [...this.records.values()];
    return {
      records: watched.length,
      activePollers: watched.filter((entry) => entry.poller.state === 'waiting' || entry.poller.state === 'polling').length,
      listeners: this.changed.listenerCount + this.ended.listenerCount + this.lost.listenerCount,
    };
  }

  async refresh(ref: RecordRef): Promise<void> {
    const watched = this.records.get(keyOf(ref));
    if (!watched) {
      this.watch(ref);
      return this.records.get(keyOf(ref))?.poller.pollNow();
    }
    return watched.poller.pollNow();
  }

  /**
   * Stops following the records `matches` selects and forgets them, also for after a reload: for
   * records that can no longer exist anywhere (those of a sandbox that stopped). Records still in
   * flight end with `problem`, without an end or a lost event; watching one again starts afresh.
   * Returns how many were still in flight.
   */
  forget(matches: (ref: RecordRef) => boolean, problem: AwsProblem): number {
    let inFlight = 0;
    for (const [key, watched] of [...this.records]) {
      if (!matches(watched.snapshot.ref)) {
        continue;
      }
      watched.poller.dispose();
      this.records.delete(key);
      if (watched.persisted) {
        watched.persisted = false;
        void this.options.store.remove(watched.snapshot.ref).catch(() => undefined);
      }
      if (watched.snapshot.connection !== 'ended') {
        inFlight += 1;
        this.update(watched, { connection: 'ended', problem, nextPollAt: undefined });
      }
    }
    return inFlight;
  }

  dispose(): void {
    this.disposed = true;
    for (const watched of this.records.values()) {
      watched.poller.dispose();
    }
    this.changed.dispose();
    this.ended.dispose();
    this.lost.dispose();
  }

  private create(
    ref: RecordRef,
    origin: RecordOrigin,
    watchedSince: number,
    initial: RecordDetail | undefined,
    statusHistory: RecordSnapshot['statusHistory'],
  ): Watched {
    const watched: Watched = {
      snapshot: { ref, origin, record: initial, outputs: [], statusHistory, connection: 'live' },
      watchedSince,
      seenInFlight: false,
      persisted: false,
      endAnnounced: false,
      poller: new Poller<DescribedRecord>({
        timers: this.timers,
        startedAt: watchedSince,
        poll: (signal) => this.options.describe(ref, signal),
        isFinal: (result) => isTerminal(result.record.Status),
        onResult: (result) => this.received(watched, result),
        onFailure: (error, failures, retryInMs) => this.failed(watched, error, failures, retryInMs),
        isThrottling: (error) => problemOf(error).kind === 'throttled',
        schedule: this.options.schedule,
        random: this.options.random,
      }),
    };
    this.records.set(keyOf(ref), watched);
    this.evictOldEnded();
    return watched;
  }

  private received(watched: Watched, result: DescribedRecord): void {
    if (this.disposed) {
      return;
    }
    const now = this.timers.now();
    const status = result.record.Status;
    const history = watched.snapshot.statusHistory;
    const statusChanged = status !== undefined && history[history.length - 1]?.status !== status;
    const terminal = isTerminal(status);
    this.update(watched, {
      record: result.record,
      outputs: result.outputs,
      statusHistory: statusChanged ? [...history, { status, seenAt: now }].slice(-maxHistory) : history,
      fetchedAt: now,
      connection: terminal ? 'ended' : 'live',
      problem: undefined,
      nextPollAt: watched.poller.nextPollAt,
    });

    if (!terminal) {
      watched.seenInFlight = true;
      if (!watched.persisted || statusChanged) {
        void this.persist(watched);
      }
      return;
    }
    if (watched.persisted) {
      watched.persisted = false;
      void this.options.store.remove(watched.snapshot.ref).catch((error: unknown) => this.log.warn('Could not forget an ended record', error));
    }
    if (watched.seenInFlight && !watched.endAnnounced) {
      watched.endAnnounced = true;
      watched.endedAt = now;
      this.log.info(`Record ${watched.snapshot.ref.recordId} ended: ${status}`);
      this.ended.fire(watched.snapshot);
    }
  }

  private failed(watched: Watched, error: unknown, failures: number, retryInMs: number): 'retry' | 'stop' {
    if (this.disposed) {
      return 'stop';
    }
    const problem = problemOf(error);
    const { recordId } = watched.snapshot.ref;
    // A record that is not there (a mistyped id, or one this profile can no longer see) will not appear by waiting.
    if (problem.kind === 'not-found') {
      this.log.warn(`Record ${recordId} cannot be found; stopped watching it: ${problem.detail}`);
      this.update(watched, { connection: 'ended', problem, nextPollAt: undefined });
      if (watched.persisted) {
        watched.persisted = false;
        void this.options.store.remove(watched.snapshot.ref).catch(() => undefined);
      }
      if (watched.seenInFlight) {
        this.lost.fire(watched.snapshot);
      }
      return 'stop';
    }
    this.log.warn(`Polling record ${recordId} failed (${failures} in a row, next try in ${Math.round(retryInMs / 1000)} s): ${problem.summary}: ${problem.detail}`);
    this.update(watched, { connection: 'reconnecting', problem, nextPollAt: this.timers.now() + retryInMs });
    return 'retry';
  }

  private update(watched: Watched, changes: Partial<RecordSnapshot>): void {
    watched.snapshot = { ...watched.snapshot, ...changes };
    this.changed.fire(watched.snapshot);
  }

  private async persist(watched: Watched): Promise<void> {
    watched.persisted = true;
    const entry: InFlightEntry = {
      ref: watched.snapshot.ref,
      origin: watched.snapshot.origin,
      watchedSince: watched.watchedSince,
      statusHistory: watched.snapshot.statusHistory,
    };
    try {
      await this.options.store.save(entry);
    } catch (error) {
      this.log.warn(`Could not save record ${entry.ref.recordId} for after a reload`, error);
    }
  }

  /** Keeps memory bounded in a long session: ended records beyond the recent ones are forgotten. */
  private evictOldEnded(): void {
    const limit = Math.max(50, (this.options.recentLimit ?? 10) * 2);
    const ended = [...this.records.entries()].filter(([, watched]) => watched.snapshot.connection === 'ended');
    for (const [key, watched] of ended.slice(0, Math.max(0, ended.length - limit))) {
      watched.poller.dispose();
      this.records.delete(key);
    }
  }
}

export function isTerminal(status: string | undefined): boolean {
  return status !== undefined && terminalRecordStatuses.has(status);
}

function keyOf(ref: RecordRef): string {
  return `${ref.profile}\u0000${ref.region}\u0000${ref.recordId}`;
}

/** Fills what the first origin did not know; returns the same object when nothing is new. */
function mergeOrigin(current: RecordOrigin, next: RecordOrigin): RecordOrigin {
  const additions = Object.entries(next).filter(
    ([key, value]) => value !== undefined && current[key as keyof RecordOrigin] === undefined,
  );
  return additions.length === 0 ? current : { ...current, ...Object.fromEntries(additions) };
}

export function problemOf(error: unknown): AwsProblem {
  if (error instanceof AwsCallError) {
    return error.problem;
  }
  return {
    kind: 'unknown',
    summary: t('Request failed'),
    detail: error instanceof Error ? error.message : String(error),
    retryable: true,
  };
}
