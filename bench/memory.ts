// Memory: the extension host's heap growth with an IAM Identity Center session's 150 accounts listed, 10,000
// provisioned products shown in the tree from the listings kept on disk (and listed again), and 20 records watched,
// after forced garbage collections.
//   npm run bench -- memory
import { ExecuteProvisionedProductServiceActionCommand, SearchProvisionedProductsCommand, ServiceCatalogClient } from '@aws-sdk/client-service-catalog';
import { randomUUID } from 'node:crypto';
import { generateSeed, type Seed } from '../src/emulator';
import { extensionHostLogFiles, waitForActivation } from '../tools/extensionHostLogs';
import type { HeapSample, RecordRefLike } from './host/protocol';
import { median, printFigure, printHeading, round, runWhenMain, saveResults, type FigureResult } from './lib/report';
import { startBenchSession, type BenchSession } from './lib/session';
import { stageProductionExtension } from './lib/stage';

const profileCount = 5;
const productsPerProfile = 2000;
const organisationAccounts = 150;
const watchedRecords = 20;
const region = 'us-east-1';
const samples = 5;
const MB = 1024 * 1024;

export async function benchMemory(): Promise<FigureResult[]> {
  printHeading(`Memory: extension host heap with ${organisationAccounts} accounts listed, ${profileCount * productsPerProfile} products shown from the disk and ${watchedRecords} records watched`);
  const staged = await stageProductionExtension();
  // Hour-long actions: the watched records stay in progress, so the tracker keeps polling them.
  const seed = withOrganisation(generateSeed({ accounts: profileCount, regions: [region], productsPerAccount: productsPerProfile, actionDurationSeconds: 3600 }), organisationAccounts);
  const profiles = seed.credentials.map((credential) => credential.profileName);
  const session = await startBenchSession({ name: 'memory', seed, extensionPath: staged.installedPath, agent: true });
  try {
    await waitForActivation(session.server.logsDir, { hostsBefore: Math.max(0, extensionHostLogFiles(session.server.logsDir).length - 1), timeoutMs: 60_000 });
    // A first window lists everything once, so the disk holds it: the five profiles and the session's accounts.
    await session.ui.openServiceCatalogView();
    const expectedRows = await openEverything(session, profiles);
    await new Promise((resolve) => setTimeout(resolve, 3000));

    // The measured window: a fresh extension host with the view hidden, then the view shown and everything opened.
    await session.ui.runCommand('View: Show Explorer');
    const hostsBefore = extensionHostLogFiles(session.server.logsDir).length;
    await session.reload();
    await waitForActivation(session.server.logsDir, { hostsBefore, timeoutMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const agent = await session.agent();
    const before = (await agent.heap({ samples })).samples;

    await session.ui.openServiceCatalogView();
    await openEverything(session, profiles);
    await new Promise((resolve) => setTimeout(resolve, 5000)); // listed again from AWS in place
    const loaded = await agent.loadProfiles({ profiles });
    if (loaded.perProfile.some((entry) => entry.products !== productsPerProfile)) throw new Error(`not every product loaded: ${JSON.stringify(loaded.perProfile)}`);

    const refs = await startRecords(session, seed);
    const watching = await agent.watchRecords({ refs });
    await new Promise((resolve) => setTimeout(resolve, 15_000)); // a dozen polls of each record
    const after = (await agent.heap({ samples })).samples;
    const listingBytes = await listingSize(session, seed);

    const used = (list: HeapSample[]) => median(list.map((sample) => sample.heapUsed));
    const growth = (used(after) - used(before)) / MB;
    const figures = [
      printFigure({
        name: 'Extension host heap growth',
        what: `process.memoryUsage().heapUsed of the extension host (read inside it), after forced garbage collections, median of ${samples} samples: in a fresh window with the view hidden, and after showing the view with the session's ${organisationAccounts} accounts listed (expanded) and ${profiles.length} profiles of ${productsPerProfile} products expanded (${expectedRows} rows, painted from the listings kept on disk, then listed again), and watching ${watching.inFlight} records for 15 s`,
        value: growth,
        unit: 'MB',
        display: `${round(growth)} MB (${round(used(before) / MB)} → ${round(used(after) / MB)} MB)`,
        target: { max: 50, text: '≤ 50 MB' },
        baseline: `the same ${profiles.length * productsPerProfile} products as the JSON SearchProvisionedProducts returned: ${round(listingBytes / MB)} MB`,
        details: [
          `heapUsed before: ${before.map((sample) => round(sample.heapUsed / MB)).join(', ')} MB; after: ${after.map((sample) => round(sample.heapUsed / MB)).join(', ')} MB`,
          `heapTotal ${round(median(before.map((sample) => sample.heapTotal)) / MB)} → ${round(median(after.map((sample) => sample.heapTotal)) / MB)} MB; rss ${round(median(before.map((sample) => sample.rss)) / MB)} → ${round(median(after.map((sample) => sample.rss)) / MB)} MB (the whole host process, every extension in it)`,
        ],
      }),
    ];
    saveResults('memory', figures, { before, after, listingBytes, inFlight: watching.inFlight, expectedRows });
    return figures;
  } finally {
    await session.close();
  }
}

/** Expands the session (its accounts) and every profile in the window, unless VS Code kept them open; waits for every row. */
async function openEverything(session: BenchSession, profiles: string[]): Promise<number> {
  const expected = 1 + organisationAccounts + profiles.length * (productsPerProfile + 1);
  // Bottom-up (the view lists the profiles, then the sessions): expanding a row moves only the rows below it,
  // so every row still to click stays in the viewport.
  for (const label of ['org', ...[...profiles].reverse()]) {
    const row = session.ui.treeItem(label).first();
    await row.waitFor({ state: 'visible', timeout: 60_000 });
    if ((await row.getAttribute('aria-expanded')) === 'true') continue;
    const box = await row.locator('.monaco-tl-twistie').boundingBox();
    if (!box) throw new Error(`no twistie for ${label}`);
    await session.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  }
  await waitForRows(session, expected);
  return expected;
}

/** The seed with an IAM Identity Center session (`org`) over `count` more accounts, a role in each, no products. */
function withOrganisation(seed: Seed, count: number): Seed {
  const accounts = Array.from({ length: count }, (_, i) => ({ id: String(200000000000 + i), name: `org-account-${String(i + 1).padStart(3, '0')}` }));
  return {
    ...seed,
    accounts: [...seed.accounts, ...accounts],
    identityCenter: {
      sessions: [{ name: 'org', startUrl: 'https://org.awsapps.com/start', region, userName: 'dev-user', accessToken: 'memory-bench-portal-token-000000001' }],
      assignments: accounts.map((account) => ({ session: 'org', accountId: account.id, roleName: 'ServiceCatalogEndUser' })),
    },
  };
}

async function waitForRows(session: BenchSession, expected: number): Promise<void> {
  const script = `(() => {
    const tree = document.querySelector('.monaco-list[role="tree"][aria-label="Provisioned Products"]');
    const rows = tree && tree.querySelector('.monaco-list-rows');
    const first = tree && tree.querySelector('.monaco-list-row');
    return rows && first ? Math.round(parseFloat(rows.style.height) / first.offsetHeight) : 0;
  })()`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    const rows = (await session.page.evaluate(script)) as number;
    if (rows >= expected) return;
    if (Date.now() > deadline) throw new Error(`only ${rows} of ${expected} rows in the view`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function client(session: BenchSession, credential: Seed['credentials'][number]): ServiceCatalogClient {
  return new ServiceCatalogClient({
    region,
    endpoint: session.sandbox.endpoint,
    credentials: { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey },
  });
}

/** Starts 20 hour-long executions (four per profile) straight through the SDK, and returns their records. */
async function startRecords(session: BenchSession, seed: Seed): Promise<RecordRefLike[]> {
  const refs: RecordRefLike[] = [];
  const restart = seed.serviceActions.find((action) => action.name === 'Restart' && action.region === region)!;
  for (let index = 0; index < watchedRecords; index++) {
    const credential = seed.credentials[index % seed.credentials.length];
    const product = seed.provisionedProducts.filter((candidate) => candidate.accountId === credential.accountId)[Math.floor(index / seed.credentials.length)];
    const sdk = client(session, credential);
    const output = await sdk.send(
      new ExecuteProvisionedProductServiceActionCommand({ ProvisionedProductId: product.id, ServiceActionId: restart.id, ExecuteToken: randomUUID() }),
    );
    sdk.destroy();
    refs.push({ profile: credential.profileName, region, recordId: output.RecordDetail!.RecordId! });
  }
  return refs;
}

/** The bytes of every SearchProvisionedProducts answer for the listings, as JSON. */
async function listingSize(session: BenchSession, seed: Seed): Promise<number> {
  let bytes = 0;
  for (const credential of seed.credentials) {
    const sdk = client(session, credential);
    let token: string | undefined;
    do {
      const page = await sdk.send(new SearchProvisionedProductsCommand({ AccessLevelFilter: { Key: 'User', Value: 'self' }, PageSize: 100, PageToken: token }));
      bytes += JSON.stringify(page.ProvisionedProducts ?? []).length;
      token = page.NextPageToken || undefined;
    } while (token);
    sdk.destroy();
  }
  return bytes;
}

runWhenMain(module, benchMemory);
