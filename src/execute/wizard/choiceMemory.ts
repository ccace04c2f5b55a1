import type { ExecutionParameters } from '../../aws/serviceCatalogApi';
import type { KeyValueStore } from '../../platform/keyValueStore';
import { isSecretParameter, withoutSecretValues } from './secretParameters';

interface Remembered {
  profile?: string;
  /** Keys are joined with NUL: profile; profile+region; profile+region+product; ...+action. */
  regions: Record<string, string>;
  products: Record<string, string>;
  actions: Record<string, string>;
  parameters: Record<string, ExecutionParameters>;
  /** The parameters the user marked as secret, by action id. */
  secret: Record<string, string[]>;
}

const storageKey = 'serviceCatalog.execute.lastChoices';
/** Per map; the oldest entries go first. */
const maxEntries = 200;

/**
 * The last choices, per profile, region, product and action (parameters included), to prefill the
 * next run, and which parameters the user marked as secret, per action. Secret parameters' values are
 * never remembered (`secretParameters.ts`).
 */
export class ChoiceMemory {
  constructor(private readonly store: KeyValueStore) {}

  lastProfile(): string | undefined {
    return this.read().profile;
  }

  lastRegion(profile: string): string | undefined {
    return this.read().regions[profile];
  }

  lastProduct(profile: string, region: string): string | undefined {
    return this.read().products[key(profile, region)];
  }

  lastAction(profile: string, region: string, provisionedProductId: string): string | undefined {
    return this.read().actions[key(profile, region, provisionedProductId)];
  }

  /** The parameters of an action the user marked as secret. */
  markedSecret(actionId: string): string[] {
    return this.read().secret[actionId] ?? [];
  }

  lastParameters(profile: string, region: string, provisionedProductId: string, actionId: string): ExecutionParameters {
    const data = this.read();
    const stored: unknown = data.parameters[key(profile, region, provisionedProductId, actionId)];
    const marked = data.secret[actionId] ?? [];
    const parameters: ExecutionParameters = {};
    if (typeof stored === 'object' && stored !== null) {
      for (const [name, values] of Object.entries(stored)) {
        if (!isSecretParameter(name, marked) && Array.isArray(values) && values.every((value) => typeof value === 'string')) {
          parameters[name] = values;
        }
      }
    }
    return parameters;
  }

  /** Remembers a confirmed run; `markedSecret`, when given, replaces the parameters of the action marked as secret. */
  async remember(choice: {
    products: Array<{ profile: string; region: string; id: string }>;
    actionId: string;
    parameters: ExecutionParameters;
    markedSecret?: string[];
  }): Promise<void> {
    const data = this.read();
    const first = choice.products[0];
    if (!first) {
      return;
    }
    if (choice.markedSecret) {
      if (choice.markedSecret.length > 0) {
        put(data.secret, choice.actionId, [...choice.markedSecret]);
      } else {
        delete data.secret[choice.actionId];
      }
    }
    const marked = data.secret[choice.actionId] ?? [];
    // Values kept of this action before a parameter was marked secret go too, for every product.
    for (const [entry, parameters] of Object.entries(data.parameters)) {
      if (entry.endsWith(`\u0000${choice.actionId}`) && typeof parameters === 'object' && parameters !== null) {
        data.parameters[entry] = withoutSecretValues(parameters, marked);
      }
    }
    data.profile = first.profile;
    put(data.regions, first.profile, first.region);
    put(data.products, key(first.profile, first.region), first.id);
    for (const product of choice.products) {
      put(data.actions, key(product.profile, product.region, product.id), choice.actionId);
      put(data.parameters, key(product.profile, product.region, product.id, choice.actionId), withoutSecretValues(choice.parameters, marked));
    }
    await this.store.update(storageKey, data);
  }

  private read(): Remembered {
    const stored = this.store.get<Partial<Remembered>>(storageKey);
    const record = <T>(value: unknown): Record<string, T> =>
      typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as Record<string, T>) } : {};
    return {
      profile: typeof stored?.profile === 'string' ? stored.profile : undefined,
      regions: record<string>(stored?.regions),
      products: record<string>(stored?.products),
      actions: record<string>(stored?.actions),
      parameters: record<ExecutionParameters>(stored?.parameters),
      secret: Object.fromEntries(
        Object.entries(record<unknown>(stored?.secret)).flatMap(([action, names]) =>
          Array.isArray(names) && names.every((name) => typeof name === 'string') ? [[action, names as string[]]] : [],
        ),
      ),
    };
  }
}

function key(...parts: string[]): string {
  return parts.join('\u0000');
}

/** Sets a value as the newest entry and drops the oldest beyond the limit. */
function put<T>(map: Record<string, T>, name: string, value: T): void {
  delete map[name];
  map[name] = value;
  const names = Object.keys(map);
  for (const old of names.slice(0, Math.max(0, names.length - maxEntries))) {
    delete map[old];
  }
}
