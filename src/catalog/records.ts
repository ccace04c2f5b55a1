import type { RecordDetail, RecordOutput } from '@aws-sdk/client-service-catalog';
import type { AwsFiles } from '../aws/configFiles';
import type { AwsProblem } from '../aws/errors';
import type { Disposable } from '../platform/disposable';
import type { DurationEstimate } from './durations';
import { isServiceCatalogId } from './ids';

/** Which record, seen through which profile and region. */
export interface RecordRef {
  profile: string;
  region: string;
  recordId: string;
}

/** The one key of a record in maps and stores. */
export function recordKey(ref: RecordRef): string {
  return JSON.stringify([ref.profile, ref.region, ref.recordId]);
}

export function sameRecord(a: RecordRef, b: RecordRef): boolean {
  return recordKey(a) === recordKey(b);
}

/** A record reference as it may arrive from outside (a command's argument, a persisted entry): checked, trimmed, nothing else kept. */
export function readRecordRef(value: unknown): RecordRef | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const { profile, region, recordId } = value as Record<string, unknown>;
  if (typeof profile !== 'string' || profile.trim() === '' || profile.length > 1_000) return undefined;
  if (typeof region !== 'string' || !/^[a-z0-9-]{1,50}$/.test(region)) return undefined;
  if (typeof recordId !== 'string' || !isServiceCatalogId(recordId.trim())) return undefined;
  return { profile, region, recordId: recordId.trim() };
}

/** Opens a record's panel. The records feature provides it; the composition root hands it to the others. */
export type ShowRecord = (ref: RecordRef, origin?: RecordOrigin) => void;

/** What the extension knew about a record when it started watching it (from the wizard or the tree). */
export interface RecordOrigin {
  provisionedProductId?: string;
  provisionedProductName?: string;
  productName?: string;
  serviceActionId?: string;
  serviceActionName?: string;
  parameters?: Record<string, string[]>;
  accountId?: string;
}

/** `live`: polling works; `reconnecting`: the last poll failed and is being retried; `ended`: terminal, polling stopped. */
export type RecordConnection = 'live' | 'reconnecting' | 'ended';

export interface RecordSnapshot {
  ref: RecordRef;
  origin: RecordOrigin;
  record?: RecordDetail;
  outputs: RecordOutput[];
  /** Every status change the extension has seen, oldest first. */
  statusHistory: Array<{ status: string; seenAt: number }>;
  /** When the last successful DescribeRecord answered (epoch ms). */
  fetchedAt?: number;
  connection: RecordConnection;
  /** Why the last poll failed, while reconnecting (or why polling stopped, when `ended` without a terminal status). */
  problem?: AwsProblem;
  /** When the next poll is due (epoch ms), while polling. */
  nextPollAt?: number;
  /** How long its action usually takes, from earlier runs, when the extension knows the action and they say. */
  estimate?: DurationEstimate;
}

/** The single owner of record state: it polls each watched record and tells everyone who listens. */
export interface RecordTracker {
  /** Starts watching a record until it ends (persisted, so a reload resumes it); returns its current snapshot. */
  watch(ref: RecordRef, origin?: RecordOrigin, initial?: RecordDetail): RecordSnapshot;
  snapshot(ref: RecordRef): RecordSnapshot | undefined;
  /**
   * Resolves once what is saved of a record watched in flight has reached storage (from then on a reload
   * resumes it), at once for a record that is not saved; rejects when saving it failed.
   */
  saved(ref: RecordRef): Promise<void>;
  /** Records that have not ended yet. */
  inFlight(): RecordSnapshot[];
  /** Polls now, whatever the schedule says. */
  refresh(ref: RecordRef): Promise<void>;
  onDidChange(listener: (snapshot: RecordSnapshot) => void): Disposable;
  /** A record the extension saw in flight has ended (SUCCEEDED or FAILED); not fired for records first seen already ended. */
  onDidEnd(listener: (snapshot: RecordSnapshot) => void): Disposable;
  /**
   * The tracker gave up a record it saw in flight before it ended; no `onDidEnd` follows. Fired once per
   * stop, with the last snapshot (`problem` says why) and the reason (`StopReason`). The record is no
   * longer saved for after a reload; watching it again, a refresh, or for `cannot-follow` a change of
   * the AWS files follows it anew.
   */
  onDidStopWatching(listener: (snapshot: RecordSnapshot, reason: StopReason) => void): Disposable;
  /**
   * The AWS files changed: records stopped because their profile or region could not be used are
   * polled again, and followed again if that works. Returns how many were tried.
   */
  retryAfterConfigChange(): number;
  /**
   * Stops following the records `matches` selects and forgets them, also for after a reload (records
   * of a sandbox that stopped). Those in flight end with `problem` and fire `onDidStopWatching`
   * (`forgotten`). Returns how many were still in flight.
   */
  forget(matches: (ref: RecordRef, files: AwsFiles) => boolean, problem: AwsProblem): number;
}

/**
 * Why the tracker stopped following a record before it ended:
 * - `not-found`: ResourceNotFound several times in a row over a while (a new record may not be readable at once);
 * - `cannot-follow`: the profile is gone or misconfigured, its region unknown, or the request invalid;
 * - `forgotten`: `forget` dropped it (a sandbox that stopped).
 */
export type StopReason = 'not-found' | 'cannot-follow' | 'forgotten';

export const terminalRecordStatuses: ReadonlySet<string> = new Set(['SUCCEEDED', 'FAILED']);
