import { strict as assert } from 'node:assert';
import type { ProvisionedProductAttribute } from '@aws-sdk/client-service-catalog';
import { hitRef, matchProduct, ProductSearch, progressText, rankHits, sameHit, type ProductHit, type SearchScope } from '../../../src/catalog/productSearch';

const product = (name: string, fields: Partial<ProvisionedProductAttribute> = {}): ProvisionedProductAttribute => ({
  Id: `pp-${name}`,
  Name: name,
  Status: 'AVAILABLE',
  ProductName: 'Web Server',
  ProvisioningArtifactName: 'v1',
  Tags: [],
  ...fields,
});

/** A promise and its resolve/reject, so a test decides when each scope answers. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

interface TestScope extends SearchScope {
  knownCalls: number;
  answerCalls: number;
  live: ReturnType<typeof deferred<ProvisionedProductAttribute[]>>;
}

function scope(label: string, known: ProvisionedProductAttribute[] | undefined, unreachable?: string): TestScope {
  const live = deferred<ProvisionedProductAttribute[]>();
  const result: TestScope = {
    scopeName: label,
    region: 'us-east-1',
    label,
    unreachable,
    knownCalls: 0,
    answerCalls: 0,
    live,
    known: async () => {
      result.knownCalls++;
      return known;
    },
    answer: () => {
      result.answerCalls++;
      return live.promise;
    },
  };
  return result;
}

/** Resolves once the search has told its listeners `count` more times. */
function changes(search: ProductSearch, count: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const subscription = search.onDidChange(() => {
      if (++seen === count) {
        subscription.dispose();
        resolve();
      }
    });
  });
}

describe('Go to Provisioned Product: the search', () => {
  describe('matching', () => {
    it('matches name, id, product name, version, status and tag values, ignoring case', () => {
      const p = product('billing-api', { Id: 'pp-abc123', ProductName: 'Lambda Service', ProvisioningArtifactName: 'v2.1', Status: 'TAINTED', Tags: [{ Key: 'team', Value: 'Payments' }] });
      assert.equal(matchProduct(p, 'BILLING')?.field, 'name');
      assert.equal(matchProduct(p, 'abc123')?.field, 'id');
      assert.equal(matchProduct(p, 'lambda')?.field, 'productName');
      assert.equal(matchProduct(p, 'v2.1')?.field, 'version');
      assert.equal(matchProduct(p, 'tainted')?.field, 'status');
      const tag = matchProduct(p, 'paym');
      assert.equal(tag?.field, 'tag');
      assert.equal(tag?.tag, 'team=Payments');
      assert.equal(matchProduct(p, 'nothing-like-it'), undefined);
    });

    it('does not match tag keys, only their values', () => {
      assert.equal(matchProduct(product('a', { Tags: [{ Key: 'costcentre', Value: 'x' }] }), 'costcentre'), undefined);
    });

    it('needs every word of the query to match some field', () => {
      const p = product('web-1', { Tags: [{ Key: 'env', Value: 'prod' }] });
      assert.ok(matchProduct(p, 'web prod'));
      assert.equal(matchProduct(p, 'web staging'), undefined);
    });

    it('matches everything with an empty query', () => {
      assert.deepEqual(matchProduct(product('a'), '  '), { rank: 0, field: 'name' });
    });
  });

  describe('ranking', () => {
    const where = scope('dev', undefined);
    const hit = (p: ProvisionedProductAttribute): ProductHit => ({ scope: where, product: p, fromCache: false });

    it('puts an exact name or id first, then prefixes, then substrings, then other fields', () => {
      const hits = [
        hit(product('my-web', { Id: 'pp-1' })), // substring of the name
        hit(product('other', { Id: 'pp-2', Tags: [{ Key: 'app', Value: 'web' }] })), // exact tag value
        hit(product('web-2', { Id: 'pp-3' })), // prefix of the name
        hit(product('web', { Id: 'pp-4' })), // exact name
      ];
      assert.deepEqual(
        rankHits(hits, 'web').map((ranked) => ranked.product.Name),
        ['web', 'web-2', 'my-web', 'other'],
      );
    });

    it('finds a product by its exact id before others that contain it', () => {
      const hits = [hit(product('pp-7-copy', { Id: 'pp-x' })), hit(product('seven', { Id: 'pp-7' }))];
      assert.equal(rankHits(hits, 'pp-7')[0].product.Name, 'seven');
    });

    it('orders equal ranks by name, and keeps at most the limit', () => {
      const hits = ['c', 'a', 'b'].map((name) => hit(product(`web-${name}`)));
      assert.deepEqual(
        rankHits(hits, 'web', 2).map((ranked) => ranked.product.Name),
        ['web-a', 'web-b'],
      );
    });
  });

  describe('streaming', () => {
    it('shows what is known at once, before any scope has answered', async () => {
      const dev = scope('dev', [product('web-1')]);
      const prod = scope('prod', undefined);
      const search = new ProductSearch([dev, prod]);
      const first = changes(search, 1);
      void search.start();
      await first;
      assert.deepEqual(
        search.results('web').map((ranked) => [ranked.product.Name, ranked.fromCache]),
        [['web-1', true]],
      );
      assert.deepEqual(search.progress, { total: 2, answered: 0, failed: [], complete: false });
    });

    it("replaces a scope's known products with its live answer, and counts each scope that answers", async () => {
      const dev = scope('dev', [product('web-1'), product('web-gone')]);
      const prod = scope('prod', [product('web-9')]);
      const search = new ProductSearch([dev, prod]);
      const known = changes(search, 2);
      const done = search.start();
      await known;
      const answered = changes(search, 1);
      dev.live.resolve([product('web-1', { Status: 'UNDER_CHANGE' }), product('web-new')]);
      await answered;
      assert.deepEqual(
        search.results('web').map((ranked) => [ranked.scope.label, ranked.product.Name, ranked.fromCache]),
        [
          ['dev', 'web-1', false],
          ['prod', 'web-9', true],
          ['dev', 'web-new', false],
        ],
      );
      assert.equal(search.results('under_change')[0].product.Name, 'web-1');
      assert.deepEqual(search.progress, { total: 2, answered: 1, failed: [], complete: false });
      prod.live.resolve([]);
      await done;
      assert.deepEqual(
        search.results('web').map((ranked) => ranked.product.Name),
        ['web-1', 'web-new'],
      );
      assert.equal(search.progress.complete, true);
    });

    it('drops a known listing that arrives after the live answer', async () => {
      const live = deferred<ProvisionedProductAttribute[]>();
      const slowKnown = deferred<ProvisionedProductAttribute[] | undefined>();
      const dev: SearchScope = { scopeName: 'dev', region: 'us-east-1', label: 'dev', known: () => slowKnown.promise, answer: () => live.promise };
      const search = new ProductSearch([dev]);
      const done = search.start();
      live.resolve([product('fresh')]);
      await new Promise((resolve) => setImmediate(resolve));
      slowKnown.resolve([product('stale')]);
      await done;
      assert.deepEqual(
        search.results('').map((ranked) => ranked.product.Name),
        ['fresh'],
      );
    });

    it('counts and names scopes that fail, keeping what was known of them', async () => {
      const dev = scope('dev', [product('web-1')]);
      const denied = scope('denied', [product('web-old')]);
      const signIn = scope('Sandbox / Admin', undefined, 'Sign-in required');
      const search = new ProductSearch([dev, denied, signIn]);
      const done = search.start();
      dev.live.resolve([product('web-1')]);
      denied.live.reject({ kind: 'access-denied', summary: 'Access denied', detail: 'no', retryable: false });
      await done;
      const progress = search.progress;
      assert.equal(progress.total, 3);
      assert.equal(progress.answered, 3);
      assert.equal(progress.complete, true);
      assert.deepEqual(
        progress.failed.map((failure) => [failure.scope.label, failure.reason]).sort(),
        [
          ['Sandbox / Admin', 'Sign-in required'],
          ['denied', 'Access denied'],
        ],
      );
      assert.equal(signIn.answerCalls, 0, 'a scope that needs a sign-in is not called');
      assert.equal(signIn.knownCalls, 0);
      assert.deepEqual(search.results('web').map((ranked) => [ranked.product.Name, ranked.fromCache]), [
        ['web-1', false],
        ['web-old', true],
      ]);
    });

    it('asks each scope once, and narrowing calls nothing', async () => {
      const dev = scope('dev', undefined);
      const search = new ProductSearch([dev]);
      const done = search.start();
      void search.start();
      dev.live.resolve([product('web-1'), product('db-1')]);
      await done;
      for (const query of ['w', 'we', 'web', 'db']) search.results(query);
      assert.equal(dev.answerCalls, 1);
      assert.equal(dev.knownCalls, 1);
    });

    it('tells nothing once disposed', async () => {
      const dev = scope('dev', undefined);
      const search = new ProductSearch([dev]);
      let told = 0;
      search.onDidChange(() => told++);
      const done = search.start();
      search.dispose();
      dev.live.resolve([product('web-1')]);
      await done;
      assert.equal(told, 0);
      assert.deepEqual(search.hits(), []);
    });

    it('says how many scopes have answered and how many failed', () => {
      const dev = scope('dev', undefined);
      assert.equal(progressText({ total: 40, answered: 12, failed: [], complete: false }), '12 of 40 scopes searched');
      assert.equal(progressText({ total: 40, answered: 40, failed: [{ scope: dev, reason: 'x' }, { scope: dev, reason: 'y' }], complete: true }), '40 of 40 scopes searched, 2 failed');
      assert.equal(progressText({ total: 1, answered: 0, failed: [], complete: false }), '0 of 1 scope searched');
    });

    it('tells the same product in the same scope from others, whatever its fields now', () => {
      const dev = scope('dev', undefined);
      const prod = scope('prod', undefined);
      const known = { scope: dev, product: product('web-1'), fromCache: true };
      assert.ok(sameHit(known, { scope: dev, product: product('web-1', { Status: 'TAINTED' }), fromCache: false }));
      assert.ok(!sameHit(known, { scope: prod, product: product('web-1'), fromCache: false }));
      assert.ok(!sameHit(known, { scope: dev, product: product('web-2'), fromCache: false }));
    });

    it('gives the reference the product commands take', () => {
      const dev = scope('dev', undefined);
      assert.deepEqual(hitRef({ scope: dev, product: product('web-1'), fromCache: false }), { profile: 'dev', region: 'us-east-1', provisionedProductId: 'pp-web-1' });
    });
  });
});
