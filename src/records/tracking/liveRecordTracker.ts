import type { RecordDetail, RecordOutput } from '@aws-sdk/client-service-catalog';
import type { AwsFiles } from '../../aws/configFiles';
import { problemOf, type AwsProblem } from '../../aws/errors';
import type { SecretRedactor } from '../../aws/secrets';
import { silentLogger, type Logger } from '../../platform/logger';
import { systemTimers, type Timers } from '../../platform/timers';
import { Emitter } from '../../platform/emitter';
import type { InFlightEntry, InFlightStore } from './inFlightStore';
import { Poller } from './poller';
import { judgeFailure, type NotFoundPolicy, type NotFoundStreak } from './pollFailures';
import type { PollScheduleOptions } from './pollSchedule';
import { mergeOrigin, sanitizeOrigin } from './recordOrigin';
import { RecordPersistence } from './recordPersistence';
import { planExpectedEnd, type ExpectedEnd } from './expectedEnd';
import { durationQueryOf } from '../estimates/durationQuery';
import type { EstimateDuration } from '../../catalog/durations';
import { waitingForFiles } from './waitingForFiles';
import { recordKey, terminalRecordStatuses, type RecordOrigin, type RecordRef, type RecordSnapshot, type RecordTracker, type StopReason } from '../../catalog/records';
import type { Disposable } from '../../platform/disposable';

export interface DescribedRecord {
  record: RecordDetail;
  outputs: RecordOutput[];
}

export interface LiveRecordTrackerOptions {
  /** One DescribeRecord with every page of outputs (`ServiceCatalogApi.describeRecord` of the ref's profile and region). */
  describe(ref: RecordRef, signal: AbortSignal): Promise<DescribedRecord>;
  /** Where records in flight are saved for after a reload (`RecordPersistence` decides what and when). */
  store: InFlightStore;
  /** Masks credentials in the text of errors that reach the panel and the log. */
  redactor: SecretRedactor;
  timers?: Timers;
  log?: Logger;
  schedule?: PollScheduleOptions;
  random?: () => number;
  /** How many ended records `recentlyEnded()` remembers. */
  recentLimit?: number;
  /** Delay between the first polls of records restored after a reload, so they do not all call at once. */
  restoreStaggerMs?: number;
  /** When a record that cannot be found is given up (`pollFailures`: 3 answers in a row over 30 s by default). */
  notFound?: NotFoundPolicy;
  /** How long a record's action usually takes (`DurationEstimator`): shown, and polled densely around the expected end. */
  estimate?: EstimateDuration;
  /** Whose AWS files are read now (`AwsContext.files`): records are tied to those they were seen through. */
  files?: () => AwsFiles;
}

interface Watched {
  snapshot: RecordSnapshot;
  /** When watching started (epoch ms), kept across reloads: the poll schedule slows down from there. */
  watchedSince: number;
  poller: Poller<DescribedRecord>;
  /** Seen (or known from an execution or a reload) before it ended: its end is news. */
  seenInFlight: boolean;
  endAnnounced: boolean;
  endedAt?: number;
  /** ResourceNotFound answers in a row. */
  notFound?: NotFoundStreak;
  /** Why polling stopped before the record ended, until it is followed again. */
  stopped?: StopReason;
  /** The estimate was asked for (once the action and the product are known). */
  estimateAsked?: boolean;
  /** Whose AWS files it was seen through: it is polled only while those are read. */
  files: AwsFiles;
  /** Not polled: its files are not the ones read now. */
  paused: boolean;
}

const maxHistory = 20;

/**
 * The one owner of live record state: one poller per watched record, whoever is looking at it
 * (panels, status bar, notifications), and the announcements of how records end. What is saved for
 * after a reload is `RecordPersistence`'s decision: the tracker tells it each record's state.
 */
export class LiveRecordTracker implements RecordTracker {
  private readonly records = new Map<string, Watched>();
  private readonly changed: Emitter<RecordSnapshot>;
  private readonly ended: Emitter<RecordSnapshot>;
  private readonly stops: Emitter<{ snapshot: RecordSnapshot; reason: StopReason }>;
  private readonly persistence: RecordPersistence;
  private readonly timers: Timers;
  private readonly log: Logger;
  private disposed = false;

  constructor(private readonly options: LiveRecordTrackerOptions) {
    this.timers = options.timers ?? systemTimers;
    this.log = options.log ?? silentLogger;
    this.persistence = new RecordPersistence(options.store, this.log);
    const onListenerError = (error: unknown) => this.log.error('A record listener failed', error);
    this.changed = new Emitter(onListenerError);
    this.ended = new Emitter(onListenerError);
    this.stops = new Emitter(onListenerError);
  }

  readonly onDidChange = (listener: (snapshot: RecordSnapshot) => void): Disposable => this.changed.event(listener);
  readonly onDidEnd = (listener: (snapshot: RecordSnapshot) => void): Disposable => this.ended.event(listener);
  readonly onDidStopWatching = (listener: (snapshot: RecordSnapshot, reason: StopReason) => void): Disposable =>
    this.stops.event(({ snapshot, reason }) => listener(snapshot, reason));

  /** Whose AWS files a watched record was seen through; undefined for a record not watched. */
  filesOf(ref: RecordRef): AwsFiles | undefined {
    return this.records.get(recordKey(ref))?.files;
  }

  private get activeFiles(): AwsFiles {
    return this.options.files?.() ?? 'user';
  }

  /**
   * The AWS files read now changed (the sandbox started or stopped): records of the other files stop
   * polling (still saved, still in flight, saying why) and those of these files are polled again. A
   * record is never given up because its files are not the ones read.
   */
  useFiles(): void {
    const active = this.activeFiles;
    for (const watched of this.records.values()) {
      if (watched.snapshot.connection === 'ended' && !watched.paused) {
        continue;
      }
      if (watched.files !== active && !watched.paused) {
        this.pause(watched);
      } else if (watched.files === active && watched.paused) {
        this.log.info(`Following record ${watched.snapshot.ref.recordId} again: its AWS files are read again`);
        watched.paused = false;
        watched.poller = this.newPoller(watched);
        this.update(watched, { problem: undefined, connection: 'live', nextPollAt: undefined });
        watched.poller.start();
      }
    }
  }

  /** Resumes watching the records this window had in flight when it last ran (before a reload or a restart). */
  restore(): RecordSnapshot[] {
    return this.resume(this.persistence.restore());
  }

  /** Takes over the records in flight of windows that are gone, and resumes watching them; resolves with those. */
  async adoptOrphans(): Promise<RecordSnapshot[]> {
    const entries = await this.persistence.adoptOrphans();
    return this.disposed ? [] : this.resume(entries);
  }

  private resume(entries: InFlightEntry[]): RecordSnapshot[] {
    const stagger = this.options.restoreStaggerMs ?? 250;
    const resumed: RecordSnapshot[] = [];
    for (const entry of entries) {
      const existing = this.records.get(recordKey(entry.ref));
      if (existing) {
        // Already open (a panel restored first): it was in flight, so its end is news.
        existing.seenInFlight ||= existing.snapshot.connection !== 'ended';
        continue;
      }
      const watched = this.create(entry.ref, entry.origin, entry.watchedSince, undefined, entry.statusHistory ?? [], entry.files ?? 'user');
      watched.seenInFlight = true;
      if (watched.files === this.activeFiles) {
        watched.poller.start(resumed.length * stagger);
        this.log.info(`Resuming record ${entry.ref.recordId} (${entry.ref.profile}, ${entry.ref.region})`);
      } else {
        this.pause(watched);
      }
      resumed.push(watched.snapshot);
    }
    return resumed;
  }

  watch(ref: RecordRef, anyOrigin: RecordOrigin = {}, initial?: RecordDetail): RecordSnapshot {
    const key = recordKey(ref);
    const origin = sanitizeOrigin(anyOrigin);
    const existing = this.records.get(key);
    if (existing) {
      const merged = mergeOrigin(existing.snapshot.origin, origin);
      if (merged !== existing.snapshot.origin || (initial && !existing.snapshot.record)) {
        this.update(existing, {
          origin: merged,
          ...(initial && !existing.snapshot.record ? { record: initial } : {}),
        });
      }
      const stoppedByFailure = existing.snapshot.connection === 'ended' && !isTerminal(existing.snapshot.record?.Status);
      if (stoppedByFailure && !existing.paused) {
        existing.notFound = undefined;
        existing.poller.start();
      }
      return existing.snapshot;
    }

    const now = this.timers.now();
    const history = initial?.Status ? [{ status: initial.Status, seenAt: now }] : [];
    const watched = this.create({ profile: ref.profile, region: ref.region, recordId: ref.recordId }, origin, now, initial, history, this.activeFiles);
    if (initial?.Status && !isTerminal(initial.Status)) {
      watched.seenInFlight = true;
      this.keep(watched);
    }
    watched.poller.start();
    this.askEstimate(watched);
    return watched.snapshot;
  }

  snapshot(ref: RecordRef): RecordSnapshot | undefined {
    return this.records.get(recordKey(ref))?.snapshot;
  }

  saved(ref: RecordRef): Promise<void> {
    return this.persistence.whenSaved(ref);
  }

  inFlight(): RecordSnapshot[] {
    return [...this.records.values()].filter((watched) => watched.snapshot.connection !== 'ended').map((watched) => watched.snapshot);
  }

  /** Every record held now: in flight, ended, or given up (the Activity reads this window's freshest state here). */
  watched(): RecordSnapshot[] {
    return [...this.records.values()].map((watched) => watched.snapshot);
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
      listeners: this.changed.listenerCount + this.ended.listenerCount + this.stops.listenerCount,
    };
  }

  /**
   * The AWS files changed (edited, or switched to or from the sandbox): the records stopped because
   * their profile or region could not be used are polled again now, and followed again if that works;
   * those still unusable stay stopped, without a second announcement. Returns how many were tried.
   */
  retryAfterConfigChange(): number {
    const stopped = [...this.records.values()].filter((watched) => watched.stopped === 'cannot-follow');
    for (const watched of stopped) {
      void watched.poller.pollNow();
    }
    return stopped.length;
  }

  async refresh(ref: RecordRef): Promise<void> {
    const watched = this.records.get(recordKey(ref));
    if (!watched) {
      this.watch(ref);
      return this.records.get(recordKey(ref))?.poller.pollNow();
    }
    return watched.paused ? undefined : watched.poller.pollNow();
  }

  /**
   * Stops following the records `matches` selects and forgets them, also for after a reload: for
   * records that can no longer exist anywhere (those of a sandbox that stopped). Records still in
   * flight end with `problem`, without an end event; those seen in flight fire `onDidStopWatching`
   * (`forgotten`). Watching one again starts afresh. Returns how many were still in flight.
   */
  forget(matches: (ref: RecordRef, files: AwsFiles) => boolean, problem: AwsProblem): number {
    let inFlight = 0;
    for (const [key, watched] of [...this.records]) {
      if (!matches(watched.snapshot.ref, watched.files)) {
        continue;
      }
      watched.poller.dispose();
      this.records.delete(key);
      if (watched.snapshot.connection === 'ended') {
        this.keep(watched);
        continue;
      }
      inFlight += 1;
      this.stop(watched, problem, 'forgotten');
    }
    return inFlight;
  }

  dispose(): void {
    this.disposed = true;
    for (const watched of this.records.values()) {
      watched.poller.dispose();
    }
    this.persistence.dispose();
    this.changed.dispose();
    this.ended.dispose();
    this.stops.dispose();
  }

  private create(
    ref: RecordRef,
    origin: RecordOrigin,
    watchedSince: number,
    initial: RecordDetail | undefined,
    statusHistory: RecordSnapshot['statusHistory'],
    files: AwsFiles,
  ): Watched {
    const watched: Watched = {
      snapshot: { ref, origin, record: initial, outputs: [], statusHistory, connection: 'live' },
      watchedSince,
      seenInFlight: false,
      endAnnounced: false,
      files,
      paused: false,
      poller: undefined as unknown as Poller<DescribedRecord>,
    };
    watched.poller = this.newPoller(watched);
    this.records.set(recordKey(ref), watched);
    this.evictOldEnded();
    return watched;
  }

  private newPoller(watched: Watched): Poller<DescribedRecord> {
    const { ref } = watched.snapshot;
    const poller = new Poller<DescribedRecord>({
      timers: this.timers,
      startedAt: watched.watchedSince,
      poll: (signal) => this.options.describe(ref, signal),
      isFinal: (result) => isTerminal(result.record.Status),
      onResult: (result) => this.received(watched, result),
      onFailure: (error, failures, retryInMs) => this.failed(watched, error, failures, retryInMs),
      isThrottling: (error) => this.problemOf(ref, error).kind === 'throttled',
      schedule: this.options.schedule,
      random: this.options.random,
    });
    // A record followed again (its AWS files read again) keeps its dense polling around the expected end.
    poller.expectEnd(this.expectedEndOf(watched, watched.snapshot.estimate));
    return poller;
  }

  private expectedEndOf(watched: Watched, estimate: RecordSnapshot['estimate']): ExpectedEnd | undefined {
    const createdAt = time(watched.snapshot.record?.CreatedTime);
    return estimate && createdAt !== undefined && watched.snapshot.connection !== 'ended'
      ? planExpectedEnd(estimate, createdAt, watched.watchedSince, this.options.schedule)
      : undefined;
  }

  /** Stops polling a record whose AWS files are not the ones read: it stays in flight and saved, and says why. */
  private pause(watched: Watched): void {
    watched.paused = true;
    watched.poller.dispose();
    this.log.info(`Record ${watched.snapshot.ref.recordId} waits: it belongs to the ${watched.files === 'sandbox' ? 'sandbox\'s' : 'user\'s'} AWS files, which are not read now`);
    this.update(watched, { connection: 'reconnecting', problem: waitingForFiles(watched.files), nextPollAt: undefined });
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
    watched.notFound = undefined;
    watched.stopped = undefined;
    watched.seenInFlight ||= !terminal;
    this.update(watched, {
      record: result.record,
      outputs: result.outputs,
      statusHistory: statusChanged ? [...history, { status, seenAt: now }].slice(-maxHistory) : history,
      fetchedAt: now,
      connection: terminal ? 'ended' : 'live',
      problem: undefined,
      nextPollAt: watched.poller.nextPollAt,
    });
    this.askEstimate(watched);
    if (terminal && watched.seenInFlight && !watched.endAnnounced) {
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
    const { ref } = watched.snapshot;
    const problem = this.problemOf(ref, error);
    const now = this.timers.now();
    const verdict = judgeFailure(problem.kind, watched.notFound, now, this.options.notFound);
    watched.notFound = verdict.notFound;
    if (verdict.stop) {
      this.stop(watched, problem, verdict.stop);
      return 'stop';
    }
    this.log.warn(
      `Polling record ${ref.recordId} failed (${failures} in a row, next try in ${Math.round(retryInMs / 1000)} s): ${problem.summary}: ${problem.detail}`,
    );
    this.update(watched, { connection: 'reconnecting', problem, nextPollAt: now + retryInMs });
    return 'retry';
  }

  /** Asks once how long the record's action usually takes; the answer is shown and makes polling dense around the expected end. */
  private askEstimate(watched: Watched): void {
    const query = this.options.estimate && !watched.estimateAsked ? durationQueryOf(watched.snapshot) : undefined;
    if (!query) {
      return;
    }
    watched.estimateAsked = true;
    this.options.estimate!(query).then(
      (estimate) => {
        if (!estimate || this.disposed || this.records.get(recordKey(watched.snapshot.ref)) !== watched) {
          return;
        }
        const expected = this.expectedEndOf(watched, estimate);
        if (expected) {
          watched.poller.expectEnd(expected);
        }
        this.update(watched, { estimate, nextPollAt: watched.poller.nextPollAt ?? watched.snapshot.nextPollAt });
      },
      (error: unknown) => this.log.warn(`Could not estimate how long record ${watched.snapshot.ref.recordId} takes`, error),
    );
  }

  /** Polling stopped before the record ended: the problem stays on show, the record is no longer saved, and listeners learn it will not end. */
  private stop(watched: Watched, problem: AwsProblem, reason: StopReason): void {
    const { ref } = watched.snapshot;
    this.log.warn(`Stopped following record ${ref.recordId} (${ref.profile}, ${ref.region}): ${problem.summary}: ${problem.detail}`);
    // Tried again after a change of the AWS files and still unusable: already announced.
    const announced = watched.stopped === reason;
    watched.stopped = reason;
    this.update(watched, { connection: 'ended', problem, nextPollAt: undefined });
    if (watched.seenInFlight && !announced) {
      this.stops.fire({ snapshot: watched.snapshot, reason });
    }
  }

  private update(watched: Watched, changes: Partial<RecordSnapshot>): void {
    watched.snapshot = { ...watched.snapshot, ...changes };
    this.keep(watched);
    this.changed.fire(watched.snapshot);
  }

  /** Tells the persistence policy the record's state; it saves or removes what needs it. */
  private keep(watched: Watched): void {
    const { ref, origin, statusHistory, connection } = watched.snapshot;
    const followed = this.records.get(recordKey(ref)) === watched;
    this.persistence.sync({
      ref,
      origin,
      statusHistory,
      watchedSince: watched.watchedSince,
      files: watched.files,
      inFlight: followed && watched.seenInFlight && connection !== 'ended',
    });
  }

  private problemOf(ref: RecordRef, error: unknown): AwsProblem {
    return problemOf(error, this.options.redactor, { profile: ref.profile, region: ref.region });
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

function time(value: Date | string | number | undefined): number | undefined {
  const ms = value === undefined ? Number.NaN : new Date(value).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

export function isTerminal(status: string | undefined): boolean {
  return status !== undefined && terminalRecordStatuses.has(status);
}
