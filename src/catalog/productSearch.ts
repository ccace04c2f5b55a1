import type { ProvisionedProductAttribute } from '@aws-sdk/client-service-catalog';
import { t } from '@vscode/l10n';
import { problemOf, type AwsProblem } from '../aws/errors';
import type { SecretRedactor } from '../aws/secrets';
import { Emitter } from '../platform/emitter';
import type { Disposable } from '../platform/disposable';
import type { ProductItem, ProductRef } from './products';

/**
 * One place the search looks: a profile or a discovered IAM Identity Center role, in one region, as the
 * Provisioned Products view shows it. The view provides these; the search asks them nothing else.
 */
export interface SearchScope {
  /** The profile's or role's scope name (what commands take as `profile`). */
  readonly scopeName: string;
  readonly region: string;
  /** How a person names it: the profile, or account and role. */
  readonly label: string;
  /** Set when the scope cannot be listed without a prompt (a sign-in, an MFA code): it counts as failed with this reason, and is not called. */
  readonly unreachable?: string;
  /** What is known without an AWS call: the view's listing, or the one kept on disk. */
  known(): Promise<ProvisionedProductAttribute[] | undefined>;
  /** The scope's products as AWS gives them now (through the view's limiter); rejects with the reason it failed. */
  answer(): Promise<ProvisionedProductAttribute[]>;
}

/** What the search needs of the view: the scopes it shows, and a product's item once it is revealed in it. */
export interface ProductFinderSource {
  searchScopes(): Promise<SearchScope[]>;
  /** Expands what is needed, selects the product in the view, and gives its item for the product's commands. */
  reveal(ref: ProductRef): Promise<ProductItem | undefined>;
}

/** A product found, and where. `fromCache` until its scope has answered. */
export interface ProductHit {
  scope: SearchScope;
  product: ProvisionedProductAttribute;
  fromCache: boolean;
}

/** Which field matched best, for showing it (a tag's value is not on the row otherwise). */
export type MatchedField = 'name' | 'id' | 'productName' | 'version' | 'status' | 'tag';

export interface RankedHit extends ProductHit {
  /** Lower is better: 0 an exact name or id, then prefixes, then substrings; other fields after name and id. */
  rank: number;
  field: MatchedField;
  /** The tag (`key=value`) that matched, when a tag did. */
  tag?: string;
}

/** How a term matched one text: exact, at its start, or inside it. */
function matchKind(text: string | undefined, term: string): 0 | 1 | 2 | undefined {
  if (!text) return undefined;
  const lower = text.toLowerCase();
  if (lower === term) return 0;
  if (lower.startsWith(term)) return 1;
  return lower.includes(term) ? 2 : undefined;
}

/**
 * How well a product matches a query: each whitespace-separated term must match one of its name, id, product
 * name, version (provisioning artifact name), status or a tag value. Name and id rank before the other fields;
 * within each, exact before prefix before substring. Undefined when a term matches nothing; rank 0 for an empty query.
 */
export function matchProduct(product: ProvisionedProductAttribute, query: string): Omit<RankedHit, keyof ProductHit> | undefined {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  let rank = 0;
  let best: { rank: number; field: MatchedField; tag?: string } | undefined;
  for (const term of terms) {
    let termBest: { rank: number; field: MatchedField; tag?: string } | undefined;
    const consider = (field: MatchedField, text: string | undefined, weight: number, tag?: string) => {
      const kind = matchKind(text, term);
      if (kind !== undefined && (!termBest || kind + weight < termBest.rank)) termBest = { rank: kind + weight, field, tag };
    };
    consider('name', product.Name, 0);
    consider('id', product.Id, 0);
    consider('productName', product.ProductName, 3);
    consider('version', product.ProvisioningArtifactName, 3);
    consider('status', product.Status, 3);
    for (const tag of product.Tags ?? []) consider('tag', tag.Value, 3, `${tag.Key ?? ''}=${tag.Value ?? ''}`);
    if (!termBest) return undefined;
    rank += termBest.rank;
    if (!best || termBest.rank < best.rank || (termBest.field === 'tag' && best.field !== 'tag')) best = termBest;
  }
  return best ? { rank, field: best.field, ...(best.tag !== undefined ? { tag: best.tag } : {}) } : { rank: 0, field: 'name' };
}

/** The hits that match, best first, then by name and scope; at most `limit`. */
export function rankHits(hits: readonly ProductHit[], query: string, limit = Number.POSITIVE_INFINITY): RankedHit[] {
  const ranked: RankedHit[] = [];
  for (const hit of hits) {
    const match = matchProduct(hit.product, query);
    if (match) ranked.push({ ...hit, ...match });
  }
  ranked.sort((a, b) => a.rank - b.rank || compareText(a.product.Name, b.product.Name) || compareText(a.scope.label, b.scope.label) || compareText(a.scope.region, b.scope.region));
  return ranked.slice(0, limit);
}

function compareText(a: string | undefined, b: string | undefined): number {
  const left = (a ?? '').toLowerCase();
  const right = (b ?? '').toLowerCase();
  return left < right ? -1 : left > right ? 1 : 0;
}

/** A scope that could not be searched, and why. */
export interface FailedScope {
  scope: SearchScope;
  reason: string;
}

export interface SearchProgress {
  total: number;
  /** Scopes that answered, failed ones included. */
  answered: number;
  failed: FailedScope[];
  /** Every scope has answered (or failed): narrowing needs no call any more. */
  complete: boolean;
}

/**
 * One search over many scopes: what is known comes first (each scope's known listing), then each scope's live
 * answer replaces that scope's known products as it arrives. A scope that fails keeps what was known of it and is
 * counted and named among the failures. The search asks each scope once; narrowing by a query calls nothing.
 */
export class ProductSearch implements Disposable {
  private readonly hitsByScope = new Map<SearchScope, ProductHit[]>();
  private readonly answeredScopes = new Set<SearchScope>();
  private readonly failures: FailedScope[] = [];
  private readonly changed = new Emitter<void>();
  private disposed = false;
  private started: Promise<void> | undefined;
  /** Fires when hits or progress changed (a known listing, an answer, a failure). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly scopes: readonly SearchScope[],
    private readonly redactor?: SecretRedactor,
  ) {}

  /** Reads what is known and asks every scope; resolves once every scope has answered or failed. */
  start(): Promise<void> {
    this.started ??= Promise.all(this.scopes.map((scope) => this.search(scope))).then(() => undefined);
    return this.started;
  }

  /** Every product found so far, in no particular order. */
  hits(): ProductHit[] {
    return [...this.hitsByScope.values()].flat();
  }

  /** The products that match `query`, best first. */
  results(query: string, limit?: number): RankedHit[] {
    return rankHits(this.hits(), query, limit);
  }

  get progress(): SearchProgress {
    return { total: this.scopes.length, answered: this.answeredScopes.size, failed: [...this.failures], complete: this.answeredScopes.size === this.scopes.length };
  }

  /** Stops telling listeners; answers still arriving are ignored. */
  dispose(): void {
    this.disposed = true;
    this.changed.dispose();
  }

  private async search(scope: SearchScope): Promise<void> {
    if (scope.unreachable !== undefined) {
      this.fail(scope, scope.unreachable);
      return;
    }
    // The known listing and the live answer start together: a known listing that comes after the answer is dropped.
    const known = scope.known().then(
      (products) => {
        if (products && !this.answeredScopes.has(scope)) this.set(scope, products, true);
      },
      () => undefined,
    );
    try {
      const products = await scope.answer();
      this.answeredScopes.add(scope);
      this.set(scope, products, false);
    } catch (error) {
      this.fail(scope, reasonOf(error, this.redactor));
    }
    await known;
  }

  private set(scope: SearchScope, products: readonly ProvisionedProductAttribute[], fromCache: boolean): void {
    if (this.disposed) return;
    this.hitsByScope.set(
      scope,
      products.map((product) => ({ scope, product, fromCache })),
    );
    this.changed.fire();
  }

  private fail(scope: SearchScope, reason: string): void {
    if (this.disposed) return;
    this.answeredScopes.add(scope);
    this.failures.push({ scope, reason });
    this.changed.fire();
  }
}

function reasonOf(error: unknown, redactor?: SecretRedactor): string {
  if (isProblem(error)) return error.summary;
  return redactor ? problemOf(error, redactor).summary : error instanceof Error ? error.message : String(error);
}

function isProblem(value: unknown): value is AwsProblem {
  return typeof value === 'object' && value !== null && 'kind' in value && 'summary' in value && typeof value.summary === 'string';
}

/** The same product found in the same scope (a scope's answer replaces the hits of what was known). */
export function sameHit(a: ProductHit, b: ProductHit): boolean {
  return a.scope.scopeName === b.scope.scopeName && a.scope.region === b.scope.region && a.product.Id === b.product.Id;
}

/** Where a product was found, as the product's commands take it. */
export function hitRef(hit: ProductHit): ProductRef {
  return { profile: hit.scope.scopeName, region: hit.scope.region, provisionedProductId: hit.product.Id ?? '' };
}

/** "12 of 40 scopes searched, 2 failed": the quick pick's title line while and after the scopes answer. */
export function progressText(progress: SearchProgress): string {
  const searched = progress.total === 1 ? t('{0} of 1 scope searched', progress.answered) : t('{0} of {1} scopes searched', progress.answered, progress.total);
  return progress.failed.length === 0 ? searched : t('{0}, {1} failed', searched, progress.failed.length);
}
