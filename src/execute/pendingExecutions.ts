import type { ExecutionParameters } from '../aws/serviceCatalogApi';
import type { KeyValueStore } from '../platform/keyValueStore';

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

/** The pending executions in globalState. Writes are serialized so parallel executions do not lose each other's entries. */
export class PendingExecutionStore {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly storage: KeyValueStore) {}

  list(): PendingExecution[] {
    const stored = this.storage.get<unknown>(storageKey);
    return Array.isArray(stored) ? stored.filter(isPendingExecution) : [];
  }

  add(entry: PendingExecution): Promise<void> {
    return this.write((entries) => [...entries.filter((other) => other.executeToken !== entry.executeToken), entry].slice(-maxEntries));
  }

  remove(executeToken: string): Promise<void> {
    return this.write((entries) => entries.filter((entry) => entry.executeToken !== executeToken));
  }

  private write(change: (entries: PendingExecution[]) => PendingExecution[]): Promise<void> {
    const next = this.queue.then(() => this.storage.update(storageKey, change(this.list())));
    this.queue = next.catch(() => undefined);
    return next;
  }
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
    Object.values(entry.parameters).every((values) => Array.isArray(values) && values.every((item) => typeof item === 'string'))
  );
}
