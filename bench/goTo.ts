// Go to Provisioned Product: 3 profiles × 2 regions × 2,000 provisioned products, 25 ms of emulator latency per call.
// A fresh window's search (new scopes, the listings of a first window kept on disk) through the extension's own
// pieces: AwsContext and its one limiter (the default 8 in flight), the tree's ProductScope (made as the view makes
// a new window's: warm start from the disk), the ListingCache on disk and the search core, against the emulator over
// HTTP. Measured in Node, without the VS Code UI: the quick pick's rendering is not in the figures.
// - the time from the search starting (the view reading its scopes' listings from the disk, as a new window's does
//   for its rows, then the search) to its first result, from the disk (goal ≤ 100 ms);
// - the time until every scope has answered, as a ratio to its bound: max(1, scopes / limit) × one scope's paging
//   time measured alone in the same run (a scope's pages come one after another; goal ≤ 1.3×);
// - the AWS calls it made (goal: one listing per scope, its 20 pages each).
//   npm run bench -- go-to
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AwsContext } from '../src/aws/awsContext';
import { CallLimiter } from '../src/aws/callLimiter';
import type { AwsProfile } from '../src/aws/profiles';
import { SecretRedactor } from '../src/aws/secrets';
import { ListingCache } from '../src/catalog/listingCache';
import { ProductSearch, type SearchScope } from '../src/catalog/productSearch';
import { generateSeed, startEmulator, writeAwsConfig } from '../src/emulator';
import { DiskCache } from '../src/platform/diskCache';
import { DirectoryFileStore } from '../src/platform/fileStore';
import { silentLogger } from '../src/platform/logger';
import { ProductScope } from '../src/tree/productScope';
import { waitUntil } from '../tools/waitUntil';
import { median, printFigure, printHeading, round, runWhenMain, saveResults, type FigureResult } from './lib/report';

const profiles = 3;
const regions = ['us-east-1', 'eu-west-1'];
const productsPerScope = 2000;
const latencyMs = 25;
const pageSize = 100;
const runs = Number(process.env.BENCH_GO_TO_RUNS ?? 3);
const firstResultTargetMs = 100;
const ratioTarget = 1.3;

interface SearchRun {
  firstResultMs: number;
  firstResults: number;
  answeredMs: number;
  calls: number;
  failed: number;
  peakInFlight: number;
}

export async function benchGoTo(): Promise<FigureResult[]> {
  printHeading(`Go to Provisioned Product: ${profiles} profiles × ${regions.length} regions × ${productsPerScope} provisioned products, ${latencyMs} ms emulator latency per call`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-bench-go-to-'));
  // The generated seed spreads an account's products over the regions.
  const seed = generateSeed({ accounts: profiles, regions, productsPerAccount: productsPerScope * regions.length });
  const emulator = await startEmulator({ seed, port: 0, quiet: true });
  const { configFile, credentialsFile } = writeAwsConfig(path.join(dir, 'aws'), emulator, seed);
  const env = { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_EC2_METADATA_DISABLED: 'true' };
  const redactor = new SecretRedactor();
  const cache = new ListingCache(new DiskCache(new DirectoryFileStore(path.join(dir, 'listings')), { maxBytes: 32 * 1024 * 1024 }), () => configFile);
  const scopesMade: ProductScope[] = [];

  /**
   * A fresh window: its own AwsContext (clients, credentials) and limiter, and new scopes that have listed nothing;
   * `fromDisk`: they open from what the disk holds, as the view's do in a new window.
   */
  const freshWindow = async (fromDisk = true) => {
    const limiter = new CallLimiter();
    const aws = new AwsContext({ env, storageDir: path.join(dir, 'storage'), redactor, limiter, askMfaCode: async () => undefined, acceptLanguage: () => 'en' });
    const shown = (await aws.profiles()).profiles;
    const scopes = shown.flatMap((profile) => regions.map((region) => scopeOf(aws, profile, region, fromDisk)));
    return { aws, limiter, scopes };
  };
  const scopeOf = (aws: AwsContext, profile: AwsProfile, region: string, fromDisk: boolean) => {
    const scope = new ProductScope(profile, region, {
      api: () => aws.api(profile, region),
      accessLevel: () => 'User',
      searchQuery: () => undefined,
      onDidChange: () => undefined,
      log: silentLogger,
      redactor,
      cache,
      // As the view makes a new window's scopes: what the disk holds first, listed again a second later.
      warmStart: fromDisk,
      refreshDelayMs: 1_000,
    });
    scopesMade.push(scope);
    return scope;
  };
  const searchScope = (scope: ProductScope): SearchScope => ({ scopeName: scope.profile.name, region: scope.region, label: scope.profile.name, known: () => scope.known(), answer: () => scope.answer() });

  try {
    emulator.faults.set([{ kind: 'latency', latencyMs }]);

    // One scope's paging time, alone (with nothing on disk): the unit of the bound.
    const alone: number[] = [];
    for (let run = 0; run < runs; run++) {
      const { aws, scopes } = await freshWindow(false);
      const started = performance.now();
      const products = await scopes[0].answer();
      alone.push(performance.now() - started);
      if (products.length !== productsPerScope) throw new Error(`one scope listed ${products.length} products, not ${productsPerScope}`);
      aws.dispose();
    }
    const pagingMs = median(alone);

    // A first window's search keeps every listing on disk.
    {
      const { aws, scopes } = await freshWindow();
      await new ProductSearch(scopes.map(searchScope), redactor).start();
      aws.dispose();
      // The listings are written in the background.
      await waitUntil('every listing to be kept on disk', async () => {
        const kept = await Promise.all(scopes.map((scope) => cache.products({ scope: scope.profile.name, region: scope.region, accessLevel: 'User' })));
        return kept.every((entry) => entry?.value.products.length === productsPerScope);
      });
    }

    const samples: SearchRun[] = [];
    for (let run = 0; run < runs; run++) {
      const { aws, limiter, scopes } = await freshWindow();
      const callsBefore = emulator.counters().calls.SearchProvisionedProducts ?? 0;
      const started = performance.now();
      // Go to asks the view for its scopes: a view not shown yet builds its rows first, reading each scope's listing from the disk.
      await Promise.all(scopes.map((scope) => scope.prime()));
      const search = new ProductSearch(scopes.map(searchScope), redactor);
      let first: { ms: number; count: number } | undefined;
      search.onDidChange(() => {
        if (!first && search.hits().length > 0) first = { ms: performance.now() - started, count: search.results('').length };
      });
      await search.start();
      const answeredMs = performance.now() - started;
      const progress = search.progress;
      if (!first) throw new Error('no result');
      if (search.hits().length !== profiles * regions.length * productsPerScope) throw new Error(`found ${search.hits().length} products`);
      samples.push({
        firstResultMs: first.ms,
        firstResults: first.count,
        answeredMs,
        calls: (emulator.counters().calls.SearchProvisionedProducts ?? 0) - callsBefore,
        failed: progress.failed.length,
        peakInFlight: limiter.stats().peakInFlight,
      });
      const sample = samples[run];
      console.log(
        `    run ${run + 1}/${runs}: first ${sample.firstResults} results from the disk after ${round(sample.firstResultMs)} ms; every scope answered after ${round(sample.answeredMs)} ms; ${sample.calls} calls, at most ${sample.peakInFlight} in flight`,
      );
      aws.dispose();
    }

    const scopeCount = profiles * regions.length;
    const limit = new CallLimiter().limit;
    const boundMs = Math.max(1, scopeCount / limit) * pagingMs;
    const firstMs = median(samples.map((sample) => sample.firstResultMs));
    const answeredMs = median(samples.map((sample) => sample.answeredMs));
    const calls = Math.max(...samples.map((sample) => sample.calls));
    const minimumCalls = scopeCount * Math.ceil(productsPerScope / pageSize);
    const figures = [
      printFigure({
        name: 'Go to: first result from the disk',
        what: `a fresh window's search over ${scopeCount} scopes whose listings a first window kept on disk: time from the search starting (the view, not shown yet, reading each scope's listing from the disk for its rows, then the search) to its first results; median of ${runs}`,
        value: firstMs,
        unit: 'ms',
        display: `${round(firstMs)} ms`,
        target: { max: firstResultTargetMs, text: `≤ ${firstResultTargetMs} ms` },
        baseline: `waiting for the first scope to answer instead: one scope's paging alone takes ${round(pagingMs)} ms`,
        details: [`samples: ${samples.map((sample) => `${round(sample.firstResultMs)} ms (${sample.firstResults} results)`).join(', ')}`],
      }),
      printFigure({
        name: 'Go to: every scope answered, to its bound',
        what: `time from the search starting to every scope's live answer, as a ratio to max(1, ${scopeCount} scopes / limit ${limit}) × one scope's paging time alone (${round(pagingMs)} ms, median of ${runs}); median of ${runs}`,
        value: answeredMs / boundMs,
        unit: '×',
        display: `${round(answeredMs / boundMs, 2)}× (${round(answeredMs)} ms against ${round(boundMs)} ms)`,
        target: { max: ratioTarget, text: `≤ ${ratioTarget}×` },
        baseline: `one scope alone: ${alone.map((ms) => round(ms)).join(', ')} ms`,
        details: [`samples: ${samples.map((sample) => round(sample.answeredMs)).join(', ')} ms; most calls in flight: ${Math.max(...samples.map((sample) => sample.peakInFlight))}`],
      }),
      printFigure({
        name: 'Go to: AWS calls made',
        what: `SearchProvisionedProducts calls of one search over ${scopeCount} scopes of ${productsPerScope} products (pages of ${pageSize}); worst of ${runs}`,
        value: calls,
        unit: 'calls',
        display: `${calls} calls`,
        target: { max: minimumCalls, text: `one listing per scope: ${minimumCalls} calls` },
        baseline: `narrowing by typing calls nothing (the search core ranks what was found)`,
      }),
    ];
    saveResults('go-to', figures, { pagingMs: alone, samples });
    return figures;
  } finally {
    scopesMade.forEach((scope) => scope.dispose());
    await emulator.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

runWhenMain(module, benchGoTo);
