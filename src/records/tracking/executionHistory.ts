import type { RecordDetail } from '@aws-sdk/client-service-catalog';
import type { AwsFiles } from '../../aws/configFiles';
import type { KeyValueStore } from '../../platform/keyValueStore';
import type { Logger } from '../../platform/logger';
import type { Disposable } from '../../platform/disposable';
import { Emitter } from '../../platform/emitter';
import { OwnedList } from '../../platform/ownedList';
import type { Timers } from '../../platform/timers';
import type { WindowOwner } from '../../platform/windowOwnership';
import { readRecordRef, recordKey, terminalRecordStatuses, type RecordRef, type RecordSnapshot } from '../../catalog/records';

/**
 * An action this machine ran that has ended: which action on which product, and when it ran. Service
 * Catalog's records do not name their action, so this is what ties a record to its action. Ids, times
 * and the names AWS gave the product and the action (for the Activity view; entries of older versions
 * have none): no parameters, nothing typed by the user, never a credential.
 */
export interface EndedExecution {
  ref: RecordRef;
  provisionedProductId: string;
  productId: string;
  provisioningArtifactId?: string;
  serviceActionId: string;
  recordType?: string;
  status: string;
  /** The record's CreatedTime and UpdatedTime (the end), epoch ms as Service Catalog gave them. */
  createdAt: number;
  updatedAt: number;
  /** Whose AWS files it ran with (`AwsContext.files`): the sandbox's runs never count for the user's estimates. */
  files: AwsFiles;
  /** Names as Service Catalog gave them, for display: absent in entries of older versions. */
  provisionedProductName?: string;
  productName?: string;
  serviceActionName?: string;
  accountId?: string;
}

/** The names an entry may carry, each a short text from AWS. */
const nameFields = ['provisionedProductName', 'productName', 'serviceActionName', 'accountId'] as const;
const maxNameLength = 500;

export const executionHistoryStorageKey = 'serviceCatalog.executions.ended.v1';

export interface ExecutionHistoryLimits {
  maxEntries: number;
  /** Executions that ended longer ago are dropped. */
  maxAgeMs: number;
}

export const defaultExecutionHistoryLimits: ExecutionHistoryLimits = { maxEntries: 200, maxAgeMs: 90 * 24 * 60 * 60 * 1000 };

export interface ExecutionHistoryOptions {
  window: WindowOwner;
  timers: Timers;
  /** Read at each use, so a changed setting (`serviceCatalog.activity.maxEntries`) applies at the next read. */
  limits?: ExecutionHistoryLimits | (() => ExecutionHistoryLimits);
  log?: Logger;
}

/**
 * The executions this machine ran that ended, newest last, kept in the extension's global state (so
 * every window and every reload sees them), bounded in count and age. Each window adds its own; reads
 * see every window's.
 */
export class ExecutionHistory {
  private readonly list: OwnedList<EndedExecution>;
  /** Added in this session: seen at once, even before this window's copy of the global state has them. */
  private readonly added = new Map<string, EndedExecution>();
  private readonly addedEvents = new Emitter<void>();

  constructor(storage: KeyValueStore, options: ExecutionHistoryOptions) {
    const limitsOf = typeof options.limits === 'function' ? options.limits : () => (options.limits as ExecutionHistoryLimits | undefined) ?? defaultExecutionHistoryLimits;
    this.list = new OwnedList<EndedExecution>({
      storage,
      key: executionHistoryStorageKey,
      window: () => options.window,
      timers: options.timers,
      log: options.log,
      idOf: (entry) => recordKey(entry.ref),
      parse: readEndedExecution,
      limit: (entries) => {
        const limits = limitsOf();
        const oldest = options.timers.now() - limits.maxAgeMs;
        const recent = entries.filter((entry) => entry.item.updatedAt >= oldest);
        return recent.slice(Math.max(0, recent.length - limits.maxEntries));
      },
    });
  }

  /** Every window's ended executions, oldest first. */
  entries(): EndedExecution[] {
    const stored = this.list.entries().map((entry) => entry.item);
    const keys = new Set(stored.map((entry) => recordKey(entry.ref)));
    return [...stored, ...[...this.added.values()].filter((entry) => !keys.has(recordKey(entry.ref)))];
  }

  add(entry: EndedExecution): Promise<void> {
    const clean = readEndedExecution(entry);
    if (!clean) {
      return Promise.resolve();
    }
    this.added.set(recordKey(clean.ref), clean);
    const write = this.list.put(clean);
    this.addedEvents.fire();
    return write;
  }

  /** An entry was added in this window (other windows' additions are seen by reading again). */
  readonly onDidAdd = (listener: () => void): Disposable => this.addedEvents.event(listener);

  flushed(): Promise<void> {
    return this.list.flushed();
  }

  dispose(): void {
    this.list.dispose();
    this.addedEvents.dispose();
  }
}

/**
 * The entry for a record that ended, seen through `files`, when the extension knows which action it ran
 * (it ran it from this machine) and Service Catalog gave its product and times; undefined otherwise.
 */
export function endedExecutionOf(snapshot: RecordSnapshot, files: AwsFiles): EndedExecution | undefined {
  const record: RecordDetail | undefined = snapshot.record;
  const serviceActionId = snapshot.origin.serviceActionId;
  const provisionedProductId = record?.ProvisionedProductId;
  if (!record || !serviceActionId || !record.ProductId || !provisionedProductId || !terminalRecordStatuses.has(record.Status ?? '')) {
    return undefined;
  }
  if (snapshot.origin.provisionedProductId && snapshot.origin.provisionedProductId !== provisionedProductId) {
    return undefined;
  }
  return readEndedExecution({
    ref: snapshot.ref,
    provisionedProductId,
    productId: record.ProductId,
    provisioningArtifactId: record.ProvisioningArtifactId,
    serviceActionId,
    recordType: record.RecordType,
    status: record.Status,
    createdAt: time(record.CreatedTime),
    updatedAt: time(record.UpdatedTime),
    files,
    provisionedProductName: record.ProvisionedProductName ?? snapshot.origin.provisionedProductName,
    productName: snapshot.origin.productName,
    serviceActionName: snapshot.origin.serviceActionName,
    accountId: snapshot.origin.accountId,
  });
}

function time(value: Date | string | number | undefined): number {
  return value === undefined ? Number.NaN : new Date(value).getTime();
}

const idPattern = /^[A-Za-z0-9_-]{1,100}$/;

/** A stored value as an entry with only its known fields, each checked; undefined for anything else. */
export function readEndedExecution(value: unknown): EndedExecution | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const source = value as Record<string, unknown>;
  const ref = readRecordRef(source.ref);
  const id = (field: unknown) => (typeof field === 'string' && idPattern.test(field) ? field : undefined);
  const optionalId = (field: unknown) => (field === undefined ? undefined : id(field));
  const [provisionedProductId, productId, serviceActionId] = [id(source.provisionedProductId), id(source.productId), id(source.serviceActionId)];
  const provisioningArtifactId = optionalId(source.provisioningArtifactId);
  const recordType = typeof source.recordType === 'string' && source.recordType.length <= 100 ? source.recordType : undefined;
  const { createdAt, updatedAt, status, files } = source;
  if (
    !ref ||
    !provisionedProductId ||
    !productId ||
    !serviceActionId ||
    (source.provisioningArtifactId !== undefined && !provisioningArtifactId) ||
    typeof status !== 'string' ||
    !terminalRecordStatuses.has(status) ||
    typeof createdAt !== 'number' ||
    typeof updatedAt !== 'number' ||
    !Number.isFinite(createdAt) ||
    !Number.isFinite(updatedAt) ||
    updatedAt < createdAt ||
    (files !== 'user' && files !== 'sandbox')
  ) {
    return undefined;
  }
  return {
    ref,
    provisionedProductId,
    productId,
    ...(provisioningArtifactId ? { provisioningArtifactId } : {}),
    serviceActionId,
    ...(recordType ? { recordType } : {}),
    status,
    createdAt,
    updatedAt,
    files,
    ...readNames(source),
  };
}

/** The names an entry carries that are short texts; a damaged one is left out, the entry kept (it shows the id instead). */
function readNames(source: Record<string, unknown>): Partial<Pick<EndedExecution, (typeof nameFields)[number]>> {
  const names: Partial<Pick<EndedExecution, (typeof nameFields)[number]>> = {};
  for (const field of nameFields) {
    const value = source[field];
    if (typeof value === 'string' && value.trim() !== '' && value.length <= maxNameLength) {
      names[field] = value;
    }
  }
  return names;
}
