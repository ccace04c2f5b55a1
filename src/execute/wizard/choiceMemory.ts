import type { ExecutionParameters } from '../../aws/serviceCatalogApi';
import type { KeyValueStore } from '../../platform/keyValueStore';
import { looksSecret, withoutSecretValues } from './secretParameters';

interface Remembered {
  profile?: string;
  /** Keys are joined with NUL: profile; profile+region; profile+region+product; ...+action. */
  regions: Record<string, string>;
  products: Record<string, string>;
  actions: Record<string, string>;
  parameters: Record<string, ExecutionParameters>;
}

const storageKey = 'serviceCatalog.execute.lastChoices';
/** Per map; the oldest entries go first. */
const maxEntries = 200;

/**
 * The last choices, per profile, region, product and action (parameters included), to prefill the
 * next run. Parameters whose names look like secrets are never remembered (`secretParameters.ts`).
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

  lastParameters(profile: string, region: string, provisionedProductId: string, actionId: string): ExecutionParameters {
    const stored: unknown = this.read().parameters[key(profile, region, provisionedProductId, actionId)];
    const parameters: ExecutionParameters = {};
    if (typeof stored === 'object' && stored !== null) {
      for (const [name, values] of Object.entries(stored)) {
        if (!looksSecret(name) && Array.isArray(values) && values.every((value) => typeof value === 'string')) {
          parameters[name] = values;
        }
      }
    }
    return parameters;
  }

  async remember(choice: {
    products: Array<{ profile: string; region: string; id: string }>;
    actionId: string;
    parameters: ExecutionParameters;
  }): Promise<void> {
    const data = this.read();
    const first = choice.products[0];
    if (!first) {
      return;
    }
    data.profile = first.profile;
    put(data.regions, first.profile, first.region);
    put(data.products, key(first.profile, first.region), first.id);
    for (const product of choice.products) {
      put(data.actions, key(product.profile, product.region, product.id), choice.actionId);
      put(data.parameters, key(product.profile, product.region, product.id, choice.actionId), withoutSecretValues(choice.parameters));
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
