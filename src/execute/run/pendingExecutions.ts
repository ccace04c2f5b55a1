import type { ExecutionParameters } from '../../aws/serviceCatalogApi';
import type { KeyValueStore } from '../../platform/keyValueStore';
import { OwnedList } from '../../platform/ownedList';
import { systemTimers, type Timers } from '../../platform/timers';
import { soleWindow, WindowOwnership, type WindowOwner } from '../../platform/windowOwnership';

/**
 * An execution whose request may have been sent but whose record is not known yet. It holds what
 * a retry needs to send exactly the same request: the token, the product, the action and the
 * parameters. Never credentials.
 */
export interface PendingExecution {
  executeToken: string;
  profile: string;
  region: string;
  provisionedProductId: string;
  serviceActionId: string;
  parameters: ExecutionParameters;
  /** Parameters the user marked as secret (besides those whose names look secret, `secretParameters.ts`). */
  secretParameterNames?: string[];
  /** Names for messages and the record panel. */
  provisionedProductName?: string;
  productName?: string;
  serviceActionName?: string;
  accountId?: string;
  /** When the request was confirmed (epoch ms). */
  createdAt: number;
}

const storageKey = 'serviceCatalog.execute.pending';
/** More would mean something keeps failing to clear them; the oldest go first. */
const maxEntries = 50;

export interface PendingExecutionStoreOptions {
  /**
   * The window this store runs in. By default the `WindowOwnership` started for the same storage in
   * this extension host (`registerRecords` starts it), looked up at each use; without one, every entry
   * is this window's, as for a store used alone.
   */
  window?: WindowOwner;
  timers?: Timers;
  settleMs?: number;
}

/**
 * The pending executions in globalState, which every VS Code window shares: each entry is owned by the
 * window that saved it (see `WindowOwnership`). `mine()` gives this window's own entries, so a window
 * never resumes another live window's request; `adoptOrphans()` takes over those of closed windows.
 * Writes merge with the other windows' entries; a window's writes are serialised.
 */
export class PendingExecutionStore {
  private readonly entries: OwnedList<PendingExecution>;

  constructor(storage: KeyValueStore, options: PendingExecutionStoreOptions = {}) {
    this.entries = new OwnedList<PendingExecution>({
      storage,
      key: storageKey,
      window: () => options.window ?? WindowOwnership.of(storage) ?? soleWindow,
      timers: options.timers ?? systemTimers,
      settleMs: options.settleMs,
      idOf: (entry) => entry.executeToken,
      parse: (value) => (isPendingExecution(value) ? knownFields(value) : undefined),
      limit: (entries) => entries.slice(-maxEntries),
    });
  }

  /** This window's pending executions: saved by it in this session, or before it was reloaded. */
  mine(): PendingExecution[] {
    return this.entries.mine();
  }

  /**
   * Takes over the pending executions of windows that are gone (closed, or VS Code quit) and resolves
   * with those this window now owns: they were claimed, and no other window starting at the same time
   * claimed them later. Resuming them is safe: each carries its own token.
   */
  adoptOrphans(): Promise<PendingExecution[]> {
    return this.entries.adoptOrphans();
  }

  /** Adds or replaces the entry of a token, as this window's. */
  put(entry: PendingExecution): Promise<void> {
    return this.entries.put(knownFields(entry));
  }

  remove(executeToken: string): Promise<void> {
    return this.entries.remove(executeToken);
  }

  /** Resolves once every write asked for so far has settled, written or failed (never rejects: `put` says whether one was saved). */
  flushed(): Promise<void> {
    return this.entries.flushed();
  }
}

/** Only the fields of a pending execution, so nothing else an object carries is ever written. */
function knownFields(entry: PendingExecution): PendingExecution {
  const optional = (['provisionedProductName', 'productName', 'serviceActionName', 'accountId'] as const).flatMap((key) =>
    typeof entry[key] === 'string' ? [[key, entry[key]]] : [],
  );
  return {
    executeToken: entry.executeToken,
    profile: entry.profile,
    region: entry.region,
    provisionedProductId: entry.provisionedProductId,
    serviceActionId: entry.serviceActionId,
    parameters: Object.fromEntries(Object.entries(entry.parameters).map(([name, values]) => [name, [...values]])),
    ...Object.fromEntries(optional),
    createdAt: entry.createdAt,
  };
}

function isPendingExecution(value: unknown): value is PendingExecution {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const entry = value as Record<string, unknown>;
  const strings = ['executeToken', 'profile', 'region', 'provisionedProductId', 'serviceActionId'];
  return (
    strings.every((key) => typeof entry[key] === 'string' && entry[key] !== '') &&
    typeof entry.createdAt === 'number' &&
    typeof entry.parameters === 'object' &&
    entry.parameters !== null &&
    !Array.isArray(entry.parameters) &&
    Object.values(entry.parameters).every((values) => Array.isArray(values) && values.every((item) => typeof item === 'string'))
  );
}
