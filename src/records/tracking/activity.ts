import type { AwsFiles } from '../../aws/configFiles';
import type { DurationEstimate } from '../../catalog/durations';
import type { Disposable } from '../../platform/disposable';
import { Emitter } from '../../platform/emitter';
import type { KeyValueStore } from '../../platform/keyValueStore';
import { recordKey, terminalRecordStatuses, type RecordRef, type RecordSnapshot } from '../../catalog/records';
import type { EndedExecution } from './executionHistory';
import type { InFlightEntry } from './inFlightStore';

/**
 * Every action run from this machine (and any record a window follows while it runs), as the Activity
 * view and the list of running executions show it: one source for both. It holds no state of its own but a "cleared before" time; it reads, at each call,
 * - this window's records as the tracker follows them (the freshest status),
 * - every window's records in flight (`InFlightStore`, in `globalState`),
 * - every window's executions that ended (`ExecutionHistory`, in `globalState`),
 * and keeps of each only ids, names from AWS, its status and times (and, for this window's running records,
 * that it follows them and how long their action usually takes): never a parameter value, never a credential.
 * The status bar of each window counts the running entries it follows and mentions the others. No vscode import.
 */

/** Where an action is in its life: running, ended (succeeded or failed), or no longer followed before it ended. */
export type ActivityState = 'running' | 'succeeded' | 'failed' | 'stopped';

export const activityStates: readonly ActivityState[] = ['running', 'succeeded', 'failed', 'stopped'];

export interface ActivityEntry {
  /** `recordKey(ref)`: one entry per record. */
  key: string;
  ref: RecordRef;
  state: ActivityState;
  /** The record's status as Service Catalog last gave it; undefined before the first answer (or for a record never read). */
  status?: string;
  /** Polling fails for now and is retried (this window's records only). */
  reconnecting?: boolean;
  /**
   * This window follows the record while it runs (its tracker polls it): the status bar of this window
   * counts it. Running entries without it are followed by other windows.
   */
  followedHere?: true;
  /** How long its action usually takes, when this window's tracker knows (progress is measured from `startedAt`). */
  estimate?: DurationEstimate;
  provisionedProductId?: string;
  provisionedProductName?: string;
  productName?: string;
  serviceActionId?: string;
  serviceActionName?: string;
  accountId?: string;
  /** When it started (epoch ms): the record's CreatedTime, else when the extension first saw it. */
  startedAt: number;
  /** When it ended (epoch ms): the record's UpdatedTime at its end. */
  endedAt?: number;
  files: AwsFiles;
}

/** What the model reads; each call reads again, so other windows' changes are seen at the next read. */
export interface ActivitySources {
  /** This window's tracker: every record it holds now (running, ended, stopped). */
  watched(): readonly RecordSnapshot[];
  /** Whose AWS files a record of this window was seen through. */
  filesOf(ref: RecordRef): AwsFiles | undefined;
  /** Every window's records in flight. */
  inFlight(): readonly InFlightEntry[];
  /** Every window's executions that ended. */
  ended(): readonly EndedExecution[];
}

export interface ActivityOptions {
  sources: ActivitySources;
  /** Where "cleared before" is kept: `globalState`, shared by every window. */
  storage: KeyValueStore;
  /** How many entries the activity lists at most (`Settings.activityMaxEntries`). */
  maxEntries(): number;
  now(): number;
}

export const activityClearedStorageKey = 'serviceCatalog.activity.clearedAt.v1';

export class Activity {
  private readonly changes = new Emitter<void>();

  constructor(private readonly options: ActivityOptions) {}

  /** Something this window knows changed (a record's status, an execution that ended, a clear); other windows' changes are seen by reading again. */
  readonly onDidChange = (listener: () => void): Disposable => this.changes.event(listener);

  /** Tells listeners to read again. */
  changed(): void {
    this.changes.fire();
  }

  /** Every entry, newest first, at most `maxEntries`; only those of `states` when given. */
  entries(states?: ReadonlySet<ActivityState>): ActivityEntry[] {
    const { sources } = this.options;
    const snapshots = sources.watched();
    // This window's tracker decides for the records it holds: its saved copy in flight may lag behind.
    const watchedKeys = new Set(snapshots.map((snapshot) => recordKey(snapshot.ref)));
    const merged = mergeActivity({
      watched: snapshots.flatMap((snapshot) => {
        const entry = activityOfSnapshot(snapshot, sources.filesOf(snapshot.ref) ?? 'user');
        return entry ? [entry] : [];
      }),
      inFlight: sources.inFlight().flatMap((entry) => {
        return watchedKeys.has(recordKey(entry.ref)) ? [] : [activityOfInFlight(entry)];
      }),
      ended: sources.ended().map(activityOfEnded),
      clearedAt: this.clearedAt(),
      maxEntries: this.options.maxEntries(),
    });
    return states ? merged.filter((entry) => states.has(entry.state)) : merged;
  }

  /** The entries still running, newest first (the status bar's list). */
  running(): ActivityEntry[] {
    return this.entries(new Set(['running']));
  }

  /** What the status bar shows: the running entries this window follows, and how many more other windows follow. */
  runningSummary(): RunningSummary {
    return summarizeRunning(this.running());
  }

  /** The entry of a record, when the activity lists it. */
  entry(ref: RecordRef): ActivityEntry | undefined {
    const key = recordKey(ref);
    return this.entries().find((entry) => entry.key === key);
  }

  /**
   * Hides, in every window, every entry that has ended by now; running ones stay, and are listed again
   * with their outcome when they end. The executions themselves are kept for the duration estimates.
   */
  async clear(): Promise<void> {
    // Times of records are AWS's, not this machine's: the mark is at least the last end listed, so a clock ahead of ours still clears them.
    const ends = this.entries()
      .filter((entry) => entry.state !== 'running')
      .map((entry) => entry.endedAt ?? entry.startedAt);
    await this.options.storage.update(activityClearedStorageKey, Math.max(this.options.now(), ...ends));
    this.changed();
  }

  /** When the activity was last cleared (epoch ms), by any window. */
  clearedAt(): number | undefined {
    const value = this.options.storage.get<unknown>(activityClearedStorageKey);
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  }

  dispose(): void {
    this.changes.dispose();
  }
}

export interface RunningSummary {
  /** The running entries this window follows, newest first: what this window counts. */
  here: ActivityEntry[];
  /** How many more run that other windows follow (this window only mentions them). */
  elsewhere: number;
}

/** Splits running entries into those this window follows and a count of the others. */
export function summarizeRunning(entries: readonly ActivityEntry[]): RunningSummary {
  const running = entries.filter((entry) => entry.state === 'running');
  const here = running.filter((entry) => entry.followedHere);
  return { here, elsewhere: running.length - here.length };
}

export interface ActivityParts {
  watched: readonly ActivityEntry[];
  inFlight: readonly ActivityEntry[];
  ended: readonly ActivityEntry[];
  clearedAt?: number;
  maxEntries: number;
}

/**
 * One entry per record: an ended execution's outcome is final; else this window's live view of it; else
 * another window's record in flight. Names missing from the chosen one are taken from the others. Entries
 * that ended before the last clear are left out; newest first; at most `maxEntries`.
 */
export function mergeActivity(parts: ActivityParts): ActivityEntry[] {
  const byKey = new Map<string, ActivityEntry>();
  // Weakest first: each later source wins, keeping the names it lacks.
  for (const entry of [...parts.inFlight, ...parts.watched, ...parts.ended]) {
    const earlier = byKey.get(entry.key);
    byKey.set(entry.key, earlier ? withNames(entry, earlier) : entry);
  }
  const cleared = parts.clearedAt;
  return [...byKey.values()]
    .filter((entry) => cleared === undefined || entry.state === 'running' || (entry.endedAt ?? entry.startedAt) > cleared)
    .sort((a, b) => b.startedAt - a.startedAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, Math.max(0, parts.maxEntries));
}

const nameFields = ['provisionedProductId', 'provisionedProductName', 'productName', 'serviceActionId', 'serviceActionName', 'accountId'] as const;

function withNames(entry: ActivityEntry, other: ActivityEntry): ActivityEntry {
  const missing = nameFields.filter((field) => entry[field] === undefined && other[field] !== undefined);
  return missing.length === 0 ? entry : { ...entry, ...Object.fromEntries(missing.map((field) => [field, other[field]])) };
}

/** Only the fields of an entry, each defined: what the model passes on is exactly this, nothing a source carried besides. */
function entryOf(fields: Omit<ActivityEntry, 'key'>): ActivityEntry {
  const entry: ActivityEntry = { key: recordKey(fields.ref), ref: { profile: fields.ref.profile, region: fields.ref.region, recordId: fields.ref.recordId }, state: fields.state, startedAt: fields.startedAt, files: fields.files };
  if (fields.status !== undefined) entry.status = fields.status;
  if (fields.reconnecting) entry.reconnecting = true;
  if (fields.followedHere && fields.state === 'running') entry.followedHere = true;
  const estimate = fields.estimate && fields.state === 'running' ? estimateOf(fields.estimate) : undefined;
  if (estimate) entry.estimate = estimate;
  for (const field of nameFields) {
    const value = fields[field];
    if (typeof value === 'string' && value !== '') entry[field] = value;
  }
  if (fields.endedAt !== undefined) entry.endedAt = fields.endedAt;
  return entry;
}

const estimateFields = ['typicalMs', 'lowMs', 'highMs', 'longerAfterMs', 'runs'] as const;

/** The estimate's numbers only, each finite; undefined when one is not. */
function estimateOf(estimate: DurationEstimate): DurationEstimate | undefined {
  const values = estimateFields.map((field) => estimate[field]);
  if (!values.every((value) => typeof value === 'number' && Number.isFinite(value))) return undefined;
  const [typicalMs, lowMs, highMs, longerAfterMs, runs] = values;
  return { typicalMs, lowMs, highMs, longerAfterMs, runs };
}

function stateOfStatus(status: string | undefined): ActivityState {
  return status === 'SUCCEEDED' ? 'succeeded' : status === 'FAILED' ? 'failed' : 'running';
}

/**
 * This window's record as an activity entry: an action run from this machine (its origin names the
 * action), or any other record this window follows while it runs (opened by its id as it ran: the status
 * bar counts it). A record only looked at after it ended is not activity.
 */
export function activityOfSnapshot(snapshot: RecordSnapshot, files: AwsFiles): ActivityEntry | undefined {
  const { origin, record } = snapshot;
  const status = record?.Status;
  const terminal = status !== undefined && terminalRecordStatuses.has(status);
  if (!origin.serviceActionId && (status === undefined || terminal || snapshot.connection === 'ended')) {
    return undefined;
  }
  const created = time(record?.CreatedTime);
  const startedAt = created ?? snapshot.statusHistory[0]?.seenAt ?? snapshot.fetchedAt;
  if (startedAt === undefined) {
    return undefined;
  }
  const state: ActivityState = terminal ? stateOfStatus(status) : snapshot.connection === 'ended' ? 'stopped' : 'running';
  return entryOf({
    ref: snapshot.ref,
    state,
    status,
    reconnecting: snapshot.connection === 'reconnecting',
    followedHere: state === 'running' ? true : undefined,
    // Progress is measured from `startedAt`: only when it is the record's CreatedTime.
    estimate: created !== undefined ? snapshot.estimate : undefined,
    provisionedProductId: record?.ProvisionedProductId ?? origin.provisionedProductId,
    provisionedProductName: record?.ProvisionedProductName ?? origin.provisionedProductName,
    productName: origin.productName,
    serviceActionId: origin.serviceActionId,
    serviceActionName: origin.serviceActionName,
    accountId: origin.accountId,
    startedAt,
    endedAt: terminal ? time(record?.UpdatedTime) : undefined,
    files,
  });
}

/** A record in flight that a window follows (saved only once seen running). */
export function activityOfInFlight(entry: InFlightEntry): ActivityEntry {
  const { origin } = entry;
  const history = entry.statusHistory ?? [];
  return entryOf({
    ref: entry.ref,
    state: 'running',
    status: history[history.length - 1]?.status,
    provisionedProductId: origin.provisionedProductId,
    provisionedProductName: origin.provisionedProductName,
    productName: origin.productName,
    serviceActionId: origin.serviceActionId,
    serviceActionName: origin.serviceActionName,
    accountId: origin.accountId,
    startedAt: history[0]?.seenAt ?? entry.watchedSince,
    files: entry.files ?? 'user',
  });
}

export function activityOfEnded(entry: EndedExecution): ActivityEntry {
  return entryOf({
    ref: entry.ref,
    state: stateOfStatus(entry.status),
    status: entry.status,
    provisionedProductId: entry.provisionedProductId,
    provisionedProductName: entry.provisionedProductName,
    productName: entry.productName,
    serviceActionId: entry.serviceActionId,
    serviceActionName: entry.serviceActionName,
    accountId: entry.accountId,
    startedAt: entry.createdAt,
    endedAt: entry.updatedAt,
    files: entry.files,
  });
}

/** How long it ran: to its end, or until `now` while it runs; undefined for a record stopped before it ended. */
export function activityDuration(entry: ActivityEntry, now: number): number | undefined {
  if (entry.endedAt !== undefined) return Math.max(0, entry.endedAt - entry.startedAt);
  return entry.state === 'running' ? Math.max(0, now - entry.startedAt) : undefined;
}

function time(value: Date | string | number | undefined): number | undefined {
  const ms = value === undefined ? Number.NaN : new Date(value).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}
