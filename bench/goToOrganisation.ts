// Go to Provisioned Product over an organisation: an IAM Identity Center session (signed in) reaching 150 accounts
// (generateOrganisationSeed, as the organisation benchmark uses), the role the view shows in each
// (`serviceCatalog.identityCenter.roles: ["ServiceCatalogEndUser"]`: 150 scopes, one region), 40 provisioned
// products per account (every tenth account has none, one account's role is denied by Service Catalog), 25 ms of
// latency on every call. The emulator runs in its own process (its CPU is not the extension's).
//
// Go to searches the discovered roles the view has listed, that is the roles of the accounts that were expanded
// (src/tree/searchScopes.ts): this benchmark expands every account, as the view does, before searching. It goes
// through the extension's own pieces, as bench/goTo.ts does: AwsContext and its one limiter (the default 8 in
// flight), IdentityCenterDirectory (accounts and roles, with the disk), the tree's ProductScope (as the view makes
// a role's: warm start from the disk in a new window), the ListingCache on disk, the search core. In Node, without
// the VS Code UI.
// - warm: a fresh window whose accounts, roles and products a first window kept on disk: first result from the disk
//   (goal ≤ 100 ms); every scope answered, as a ratio to its bound (goal ≤ 1.3×);
// - cold: a fresh window with nothing on disk, once the view has listed the accounts and their roles: every scope
//   answered, to the same bound; first result;
// - the bound: max(1, scopes / limit) × one scope's answer alone in a fresh window (its GetRoleCredentials, then
//   its one page), measured in the same run;
// - the AWS calls by kind: the search's, and the view's listing of accounts and roles.
//   npm run bench -- go-to-organisation
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AwsContext } from '../src/aws/awsContext';
import { CallLimiter } from '../src/aws/callLimiter';
import type { AwsProfile } from '../src/aws/profiles';
import { accountLabel } from '../src/aws/scopeNames';
import { SecretRedactor } from '../src/aws/secrets';
import type { SsoAccount } from '../src/aws/ssoPortal';
import type { SsoSource } from '../src/aws/ssoSources';
import { IdentityCenterDirectory } from '../src/catalog/identityCenterDirectory';
import { ListingCache } from '../src/catalog/listingCache';
import { ProductSearch, type SearchScope } from '../src/catalog/productSearch';
import { roleShown } from '../src/catalog/settings';
import { EmulatorAdminClient } from '../src/emulator/adminClient';
import { generateOrganisationSeed, ORGANISATION_ROLES, writeAwsConfig } from '../src/emulator';
import { DiskCache } from '../src/platform/diskCache';
import { DirectoryFileStore } from '../src/platform/fileStore';
import { silentLogger } from '../src/platform/logger';
import { ProductScope } from '../src/tree/productScope';
import { repoRoot } from '../tools/paths';
import { waitUntil } from '../tools/waitUntil';
import { median, printFigure, printHeading, round, runWhenMain, saveResults, type FigureResult } from './lib/report';
import { callsBetween } from './lib/emulatorCalls';

const accountCount = 150;
const productsPerAccount = 40;
const latencyMs = 25;
const region = 'us-east-1';
const roleName = ORGANISATION_ROLES[0];
const pageSize = 100;
const runs = Number(process.env.BENCH_GO_TO_ORGANISATION_RUNS ?? 3);
const firstResultTargetMs = 100;
const ratioTarget = 1.3;
/** What the view gives a new window's scopes and listings before it lists again (provisionedProductsProvider, cachedListing). */
const firstRefreshDelayMs = 1_000;

interface SearchRun {
  /** The view listing the session's accounts and the roles of each (from the disk when warm). */
  viewMs: number;
  viewCalls: Record<string, number>;
  firstResultMs: number;
  firstResults: number;
  answeredMs: number;
  /** Calls from the search starting until every scope answered (and the view's listings settled). */
  calls: Record<string, number>;
  failed: string[];
  /** The scopes that answered with their products (whose listing is kept on disk). */
  listedScopes: string[];
  found: number;
  peakInFlight: number;
}

export async function benchGoToOrganisation(): Promise<FigureResult[]> {
  printHeading(`Go to Provisioned Product over an organisation: ${accountCount} accounts of an IAM Identity Center session, role ${roleName}, ${productsPerAccount} products per account, ${latencyMs} ms emulator latency per call`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-bench-go-to-org-'));
  const homeDir = path.join(dir, 'home');
  const { organisation, ...seed } = generateOrganisationSeed({ accounts: accountCount, productsPerAccount, regions: [region] });
  // Throttling is the SDK's backoff, not the search's: the throttled account answers as the others do here.
  seed.accounts = seed.accounts.map(({ throttleEveryNth: _throttle, ...account }) => account);
  const seedFile = path.join(dir, 'seed.json');
  fs.writeFileSync(seedFile, JSON.stringify(seed));
  const emulator = await startEmulatorProcess(seedFile);
  const admin = new EmulatorAdminClient(emulator.endpoint);
  const { configFile, credentialsFile } = writeAwsConfig(path.join(dir, 'aws'), emulator, seed, { identityCenter: { homeDir } });
  // The SDK reads the token cache from HOME and the portal's endpoint from the process environment; a discovered
  // role takes its Service Catalog endpoint from AWS_PROFILE's profile (as the unit tests' emulator fixture does).
  const env = { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_EC2_METADATA_DISABLED: 'true', HOME: homeDir, AWS_ENDPOINT_URL_SSO: emulator.endpoint, AWS_PROFILE: 'org-admin' };
  const savedEnv = { ...process.env };
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  Object.assign(process.env, env);
  const redactor = new SecretRedactor();
  const made: Array<{ dispose(): void }> = [];
  const cacheIn = (folder: string) => new ListingCache(new DiskCache(new DirectoryFileStore(path.join(dir, folder)), { maxBytes: 32 * 1024 * 1024 }), () => configFile);

  /** A fresh window: its own AwsContext (clients, credentials), limiter and directory, over the listings of `cache`. */
  const freshWindow = async (cache: ListingCache) => {
    const limiter = new CallLimiter();
    const aws = new AwsContext({ env, storageDir: path.join(dir, 'storage'), redactor, limiter, askMfaCode: async () => undefined, acceptLanguage: () => 'en' });
    const directory = new IdentityCenterDirectory({ portal: (source) => aws.portal(source), cache, redactor, log: silentLogger });
    made.push(aws, directory);
    const source = (await aws.profiles()).ssoSources.find((candidate) => candidate.id === 'org');
    if (!source) throw new Error('no sso-session org in the AWS config');
    return { aws, limiter, directory, source };
  };
  type Window = Awaited<ReturnType<typeof freshWindow>>;

  const scopeOf = (window: Window, cache: ListingCache | undefined, role: AwsProfile) => {
    const scope = new ProductScope(role, region, {
      api: () => window.aws.api(role, region),
      accessLevel: () => 'User',
      searchQuery: () => undefined,
      onDidChange: () => undefined,
      log: silentLogger,
      redactor,
      cache,
      // As the view makes a new window's scopes: what the disk holds first, listed again a moment later.
      warmStart: true,
      refreshDelayMs: firstRefreshDelayMs,
    });
    made.push(scope);
    return scope;
  };

  /**
   * What the view does in a new window before Go to can search a role: the session's accounts (from the disk, or
   * listed), every account expanded (its roles, from the disk or listed), the role nodes' products read from the disk.
   */
  const openView = async (window: Window, cache: ListingCache) => {
    const { directory, source } = window;
    await directory.primeAccounts(source);
    await directory.loadAccounts(source);
    if (directory.accounts(source).kind !== 'loaded') await directory.accountsSettled(source);
    const accounts = listed(directory.accounts(source));
    if (accounts.length !== accountCount) throw new Error(`the view shows ${accounts.length} accounts, not ${accountCount}`);
    const roles = await Promise.all(
      accounts.map(async (account) => {
        await directory.primeRoles(source, account.accountId);
        await directory.loadRoles(source, account.accountId);
        return listed(directory.roles(source, account.accountId))
          .filter((name) => roleShown(name, [roleName]))
          .map((name) => ({ account, role: window.aws.discoveredRole(source, { accountId: account.accountId, roleName: name }) }));
      }),
    );
    const scopes = roles.flat().map(({ account, role }) => ({ account, scope: scopeOf(window, cache, role) }));
    await Promise.all(scopes.map(({ scope }) => scope.prime()));
    return scopes.map(({ account, scope }) => searchScope(window.directory, source, account, scope));
  };

  try {
    // One scope's answer alone, in a fresh window with nothing on disk: the unit of the bound.
    const alone: number[] = [];
    const soloAccount = seed.accounts.find((account) => !organisation.emptyAccountIds.includes(account.id) && account.id !== organisation.deniedAccountId)!;
    for (let run = 0; run <= runs; run++) {
      const window = await freshWindow(cacheIn(`alone-${run}`));
      const scope = scopeOf(window, undefined, window.aws.discoveredRole(window.source, { accountId: soloAccount.id, roleName }));
      const started = performance.now();
      const products = await scope.answer();
      // The first run also loads the SDK into this process: a warm-up, not a sample.
      if (run > 0) alone.push(performance.now() - started);
      if (products.length !== productsPerAccount) throw new Error(`one scope listed ${products.length} products, not ${productsPerAccount}`);
      window.aws.dispose();
    }
    const unitMs = median(alone);

    const search = async (window: Window, cache: ListingCache): Promise<SearchRun> => {
      const before = await admin.counters();
      const viewStarted = performance.now();
      const scopes = await openView(window, cache);
      const viewMs = performance.now() - viewStarted;
      const atSearch = await admin.counters();
      const productSearch = new ProductSearch(scopes, redactor);
      let first: { ms: number; count: number } | undefined;
      const started = performance.now();
      productSearch.onDidChange(() => {
        if (!first && productSearch.hits().length > 0) first = { ms: performance.now() - started, count: productSearch.hits().length };
      });
      await productSearch.start();
      const answeredMs = performance.now() - started;
      // The view's own listings in the background (a warm window lists its accounts and roles again) count too.
      await window.directory.accountsSettled(window.source);
      await Promise.all(listed(window.directory.accounts(window.source)).map((account) => window.directory.rolesSettled(window.source, account.accountId)));
      const after = await admin.counters();
      const progress = productSearch.progress;
      if (!first) throw new Error('no result');
      productSearch.dispose();
      return {
        viewMs,
        viewCalls: callsBetween(before, atSearch),
        firstResultMs: first.ms,
        firstResults: first.count,
        answeredMs,
        calls: callsBetween(atSearch, after),
        failed: progress.failed.map((failure) => `${failure.scope.label}: ${failure.reason}`),
        listedScopes: scopes.filter((scope) => !progress.failed.some((failure) => failure.scope === scope)).map((scope) => scope.scopeName),
        found: productSearch.hits().length,
        peakInFlight: window.limiter.stats().peakInFlight,
      };
    };

    // Cold: a new window, nothing on disk.
    const cold: SearchRun[] = [];
    let kept: ListingCache | undefined;
    for (let run = 0; run < runs; run++) {
      kept = cacheIn(`cold-${run}`);
      const window = await freshWindow(kept);
      cold.push(await search(window, kept));
      logRun('cold', cold, run);
      window.aws.dispose();
      window.directory.dispose();
    }
    const scopeCount = cold[0].failed.length + cold[0].listedScopes.length;
    // The last cold window's listings are written in the background: the warm windows open from them.
    await waitUntil('every listing to be kept on disk', async () => {
      const onDisk = await Promise.all(cold[runs - 1].listedScopes.map((scope) => kept!.products({ scope, region, accessLevel: 'User' })));
      return onDisk.every((entry) => entry !== undefined);
    });

    const warm: SearchRun[] = [];
    for (let run = 0; run < runs; run++) {
      const window = await freshWindow(kept!);
      warm.push(await search(window, kept!));
      logRun('warm', warm, run);
      window.aws.dispose();
      window.directory.dispose();
    }

    const limit = new CallLimiter().limit;
    const boundMs = Math.max(1, scopeCount / limit) * unitMs;
    const warmFirstMs = median(warm.map((sample) => sample.firstResultMs));
    const warmAnsweredMs = median(warm.map((sample) => sample.answeredMs));
    const coldAnsweredMs = median(cold.map((sample) => sample.answeredMs));
    const minimumCalls = scopeCount * (1 + Math.ceil(productsPerAccount / pageSize));
    const searchCalls = (sample: SearchRun) => (sample.calls['sso:GetRoleCredentials'] ?? 0) + (sample.calls.SearchProvisionedProducts ?? 0);
    const worstCalls = Math.max(...[...cold, ...warm].map(searchCalls));
    const bound = `max(1, ${scopeCount} scopes / limit ${limit}) × one scope's answer alone in a fresh window (${round(unitMs)} ms: its GetRoleCredentials and its one page; median of ${runs}) = ${round(boundMs)} ms`;
    const failedNote = `failed scopes (counted as answered): ${cold[0].failed.join('; ') || 'none'}`;
    const figures = [
      printFigure({
        name: 'Go to (organisation): first result from the disk',
        what: `a fresh window whose accounts, roles and products a first window kept on disk, every account expanded: time from the search starting over ${scopeCount} role scopes to its first results; median of ${runs}`,
        value: warmFirstMs,
        unit: 'ms',
        display: `${round(warmFirstMs)} ms`,
        target: { max: firstResultTargetMs, text: `≤ ${firstResultTargetMs} ms` },
        baseline: `with nothing on disk the first results come after ${round(median(cold.map((sample) => sample.firstResultMs)))} ms (one scope's answer alone: ${round(unitMs)} ms)`,
        details: [`samples: ${warm.map((sample) => `${round(sample.firstResultMs)} ms (${sample.firstResults} results)`).join(', ')}`],
      }),
      printFigure({
        name: 'Go to (organisation, warm): every scope answered',
        what: `the same warm windows: time from the search starting to every scope's live answer, as a ratio to ${bound}; median of ${runs}`,
        value: warmAnsweredMs / boundMs,
        unit: '×',
        display: `${round(warmAnsweredMs / boundMs, 2)}× (${round(warmAnsweredMs)} ms against ${round(boundMs)} ms)`,
        target: { max: ratioTarget, text: `≤ ${ratioTarget}×` },
        baseline: `one scope alone: ${alone.map((ms) => round(ms)).join(', ')} ms; a new window's scopes wait ${firstRefreshDelayMs} ms before listing again what they showed from the disk`,
        details: [`samples: ${warm.map((sample) => round(sample.answeredMs)).join(', ')} ms; most calls in flight: ${Math.max(...warm.map((sample) => sample.peakInFlight))}`, failedNote],
      }),
      printFigure({
        name: 'Go to (organisation, cold): every scope answered',
        what: `a fresh window with nothing on disk, once the view has listed the ${accountCount} accounts and their roles: time from the search starting to every scope's answer, as a ratio to ${bound}; median of ${runs}`,
        value: coldAnsweredMs / boundMs,
        unit: '×',
        display: `${round(coldAnsweredMs / boundMs, 2)}× (${round(coldAnsweredMs)} ms against ${round(boundMs)} ms)`,
        target: { max: ratioTarget, text: `≤ ${ratioTarget}×` },
        baseline: `the view listing the accounts and every account's roles before: ${round(median(cold.map((sample) => sample.viewMs)))} ms (${describeCalls(cold[0].viewCalls)})`,
        details: [
          `samples: ${cold.map((sample) => round(sample.answeredMs)).join(', ')} ms; first results after ${cold.map((sample) => round(sample.firstResultMs)).join(', ')} ms; most calls in flight: ${Math.max(...cold.map((sample) => sample.peakInFlight))}`,
          `found ${cold[0].found} products`,
        ],
      }),
      printFigure({
        name: 'Go to (organisation): AWS calls of one search',
        what: `GetRoleCredentials and SearchProvisionedProducts calls from the search starting until every scope answered, over ${scopeCount} role scopes of up to ${productsPerAccount} products (pages of ${pageSize}); worst of ${runs} cold and ${runs} warm windows (a warm window's view lists its accounts and roles again in the background meanwhile: those calls are the view's, shown but not counted)`,
        value: worstCalls,
        unit: 'calls',
        display: `${worstCalls} calls (cold: ${describeCalls(cold[0].calls)}; warm: ${describeCalls(warm[0].calls)})`,
        target: { max: minimumCalls, text: `one credential and one listing per scope: ${minimumCalls} calls` },
        baseline: `the view's listings before the search: cold ${describeCalls(cold[0].viewCalls)}; warm ${describeCalls(warm[0].viewCalls) || 'none'} (from the disk)`,
      }),
    ];
    saveResults('go-to-organisation', figures, { unitMs: alone, boundMs, scopeCount, cold, warm });
    return figures;
  } finally {
    made.forEach((part) => part.dispose());
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
    await emulator.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function searchScope(directory: IdentityCenterDirectory, source: SsoSource, account: SsoAccount, scope: ProductScope): SearchScope {
  // As src/tree/searchScopes.ts makes a discovered role's: a session that needs a sign-in would fail every scope.
  const signIn = directory.signInProblem(source);
  return {
    scopeName: scope.profile.name,
    region: scope.region,
    label: `${accountLabel(account)} / ${scope.profile.identityCenter?.roleName ?? ''}`,
    ...(signIn ? { unreachable: signIn.summary } : {}),
    known: () => scope.known(),
    answer: () => scope.answer(),
  };
}

function listed<T>(state: { kind: string; value?: T[] }): T[] {
  return state.value ?? [];
}

function logRun(kind: string, samples: SearchRun[], run: number): void {
  const sample = samples[run];
  console.log(
    `    ${kind} ${run + 1}/${runs}: view ${round(sample.viewMs)} ms (${describeCalls(sample.viewCalls) || 'no call'}); first ${sample.firstResults} results after ${round(sample.firstResultMs)} ms; every scope answered after ${round(sample.answeredMs)} ms (${sample.found} products, ${sample.failed.length} failed); ${describeCalls(sample.calls)}; at most ${sample.peakInFlight} in flight`,
  );
}

function describeCalls(calls: Record<string, number>): string {
  return Object.entries(calls)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([operation, count]) => `${operation.replace(/^sso:/, '')} ${count}`)
    .join(', ');
}

/** The emulator in a process of its own (`npm run emulator`), with the latency on every call. */
async function startEmulatorProcess(seedFile: string): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src', 'emulator', 'cli.ts'), '--port', '0', '--seed', seedFile, '--latency', String(latencyMs), '--quiet'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the emulator did not start: ${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited (${code}): ${output}`));
    });
  });
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

runWhenMain(module, benchGoToOrganisation);
