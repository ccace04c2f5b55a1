import type { AwsFiles } from '../../aws/configFiles';
import type { ExecutionParameters } from '../../aws/serviceCatalogApi';
import type { KeyValueStore } from '../../platform/keyValueStore';
import { OwnedList } from '../../platform/ownedList';
import { memoryVault, type SecretVault } from '../../platform/secretVault';
import { secretNamesOf, secretValuesOf, withoutSecretValues } from '../wizard/secretParameters';
import { systemTimers, type Timers } from '../../platform/timers';
import { soleWindow, WindowOwnership, type WindowOwner } from '../../platform/windowOwnership';

/**
 * An execution whose request may have been sent but whose record is not known yet. It holds what
 * a retry needs to send exactly the same request: the token, the product, the action and the
 * parameters. Never credentials; the values of secret parameters are kept apart (`SecretVault`).
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
  /** Whose AWS files it was made with: it is sent again only while those are read. The user's when absent. */
  files?: AwsFiles;
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
  /**
   * Where the values of secret parameters wait while a request is pending: VS Code's SecretStorage. Without
   * one they stay in memory only, and a reload cannot send such a request again (stores used alone, tests).
   */
  vault?: SecretVault;
}

/**
 * The pending executions in globalState, which every VS Code window shares: each entry is owned by the
 * window that saved it (see `WindowOwnership`). `mine()` gives this window's own entries, so a window
 * never resumes another live window's request; `adoptOrphans()` takes over those of closed windows.
 * Writes merge with the other windows' entries; a window's writes are serialised.
 */
export class PendingExecutionStore {
  private readonly entries: OwnedList<PendingExecution>;
  private readonly vault: SecretVault;

  constructor(storage: KeyValueStore, options: PendingExecutionStoreOptions = {}) {
    this.vault = options.vault ?? memoryVault();
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

  /**
   * This window's pending executions: saved by it in this session, or before it was reloaded. Secret
   * parameters are named in `secretParameterNames` without their values: `withSecretValues` reads those.
   */
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

  /**
   * Adds or replaces the entry of a token, as this window's: the values of its secret parameters go to the
   * vault first, the rest to `globalState`. Rejects (saving nothing) when the vault cannot keep them.
   */
  async put(entry: PendingExecution): Promise<void> {
    const secretNames = secretNamesOf(Object.keys(entry.parameters), entry.secretParameterNames);
    const secrets = secretValuesOf(entry.parameters, secretNames);
    if (secretNames.length > 0) {
      await this.vault.store(vaultKey(entry.executeToken), JSON.stringify(secrets));
    }
    await this.entries.put(knownFields({ ...entry, parameters: withoutSecretValues(entry.parameters, secretNames), secretParameterNames: secretNames }));
  }

  /**
   * The request with the values of its secret parameters, as it was sent: at once when it has them,
   * else from the vault. Undefined when the vault no longer has them (the request cannot be sent again as it was).
   */
  async withSecretValues(entry: PendingExecution): Promise<PendingExecution | undefined> {
    const missing = (entry.secretParameterNames ?? []).filter((name) => !(name in entry.parameters));
    if (missing.length === 0) {
      return entry;
    }
    const stored = await this.vault.get(vaultKey(entry.executeToken));
    const secrets = parseParameters(stored);
    if (!secrets || missing.some((name) => !(name in secrets))) {
      return undefined;
    }
    return { ...entry, parameters: { ...entry.parameters, ...secrets } };
  }

  /** Forgets a request: its entry, and the values of its secret parameters. */
  async remove(executeToken: string): Promise<void> {
    const [entry, secrets] = await Promise.allSettled([this.entries.remove(executeToken), this.vault.delete(vaultKey(executeToken))]);
    for (const settled of [entry, secrets]) {
      if (settled.status === 'rejected') {
        throw settled.reason;
      }
    }
  }

  /** Resolves once every write asked for so far has settled, written or failed (never rejects: `put` says whether one was saved). */
  flushed(): Promise<void> {
    return this.entries.flushed();
  }
}

/** The vault's key for the secret values of a request. */
function vaultKey(executeToken: string): string {
  return `serviceCatalog.execute.pending.secrets.${executeToken}`;
}

function parseParameters(text: string | undefined): Record<string, string[]> | undefined {
  try {
    const value: unknown = text === undefined ? undefined : JSON.parse(text);
    return isParameters(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isParameters(value: unknown): value is Record<string, string[]> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((values) => Array.isArray(values) && values.every((item) => typeof item === 'string'))
  );
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
    ...(entry.secretParameterNames?.length ? { secretParameterNames: [...entry.secretParameterNames] } : {}),
    ...(entry.files === 'sandbox' ? { files: 'sandbox' as const } : {}),
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
    isParameters(entry.parameters) &&
    (entry.files === undefined || entry.files === 'user' || entry.files === 'sandbox') &&
    (entry.secretParameterNames === undefined || (Array.isArray(entry.secretParameterNames) && entry.secretParameterNames.every((name) => typeof name === 'string')))
  );
}
