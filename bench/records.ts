// Record freshness and cost: scripted five-minute actions, run through "Execute Service Action" in the real VS Code
// against the emulator at real speed (the tracker's schedule runs on real timers, so it cannot be sped up). For each
// status change of each record (the emulator's own timeline), the delay until the extension's tracker reported it;
// and the DescribeRecord calls each record cost (the emulator's counters, per access key: one profile per record).
//   npm run bench -- records            (about 5 minutes 20 seconds)
import { generateSeed, type Seed, type SeedServiceAction } from '../src/emulator';
import { extensionHostLogFiles, waitForActivation } from '../tools/extensionHostLogs';
import { median, printFigure, printHeading, round, runWhenMain, saveResults, type FigureResult } from './lib/report';
import { startBenchSession } from './lib/session';
import { stageProductionExtension } from './lib/stage';

const durationSeconds = Number(process.env.BENCH_RECORDS_SECONDS ?? 300);
const region = 'us-east-1';

/**
 * One five-minute action per profile, their status changes spread over the first minute (where a person is
 * watching) and the end. A record moves CREATED → IN_PROGRESS → IN_PROGRESS_IN_ERROR → terminal, never back.
 */
const scripts: Array<{ name: string; status: 'SUCCEEDED' | 'FAILED'; steps: Array<[string, number]> }> = [
  { name: 'Rebuild-A', status: 'FAILED', steps: [['IN_PROGRESS', 3], ['IN_PROGRESS_IN_ERROR', 40]] },
  { name: 'Rebuild-B', status: 'FAILED', steps: [['IN_PROGRESS', 8], ['IN_PROGRESS_IN_ERROR', 27]] },
  { name: 'Rebuild-C', status: 'SUCCEEDED', steps: [['IN_PROGRESS', 15]] },
  { name: 'Rebuild-D', status: 'FAILED', steps: [['IN_PROGRESS', 33], ['IN_PROGRESS_IN_ERROR', 52]] },
];

export async function benchRecords(): Promise<FigureResult[]> {
  printHeading(`Record freshness and cost: ${scripts.length} scripted ${durationSeconds / 60}-minute actions at real speed`);
  const staged = await stageProductionExtension();
  const seed = recordSeed();
  const session = await startBenchSession({ name: 'records', seed, extensionPath: staged.installedPath, agent: true });
  try {
    await waitForActivation(session.server.logsDir, { hostsBefore: Math.max(0, extensionHostLogFiles(session.server.logsDir).length - 1), timeoutMs: 60_000 });
    const agent = await session.agent();
    await agent.setSetting({ section: 'confirmBeforeExecute', value: false });
    await agent.followRecords();

    const emulator = session.sandbox.emulator;
    const runs: Array<{ script: (typeof scripts)[number]; recordId: string; accessKeyId: string }> = [];
    for (const [index, script] of scripts.entries()) {
      const credential = seed.credentials[index];
      const product = seed.provisionedProducts.find((candidate) => candidate.accountId === credential.accountId)!;
      const action = seed.serviceActions.find((candidate) => candidate.name === script.name)!;
      const result = await agent.execute({
        request: { profile: credential.profileName, region, provisionedProductId: product.id, serviceActionId: action.id, parameters: { Target: [product.physicalId] } },
      });
      const started = result.started[0];
      if (!started) throw new Error(`${script.name} did not start: ${JSON.stringify(result)}`);
      runs.push({ script, recordId: started.recordId, accessKeyId: credential.accessKeyId });
    }
    const startedAt = Date.now();
    console.log(`    started ${runs.length} records; waiting ${durationSeconds + 15} s for them to end...`);
    while (Date.now() - startedAt < (durationSeconds + 15) * 1000) {
      await new Promise((resolve) => setTimeout(resolve, 30_000));
      const { events } = await agent.recordEvents();
      console.log(`    ${Math.round((Date.now() - startedAt) / 1000)} s: ${runs.map((run) => events.filter((event) => event.recordId === run.recordId).map((event) => event.status).pop() ?? '?').join(', ')}`);
    }

    const { events } = await agent.recordEvents();
    const counters = emulator.counters();
    const changes: Array<{ record: string; status: string; afterSeconds: number; delayMs: number | undefined }> = [];
    const calls: Array<{ record: string; describeRecord: number }> = [];
    for (const run of runs) {
      const timeline = emulator.recordTimeline(run.recordId);
      const createdAt = timeline[0].at;
      for (const change of timeline.slice(1)) {
        const seen = events.find((event) => event.recordId === run.recordId && event.status === change.status);
        changes.push({ record: run.script.name, status: change.status, afterSeconds: (change.at - createdAt) / 1000, delayMs: seen ? seen.seenAt - change.at : undefined });
      }
      calls.push({ record: run.script.name, describeRecord: counters.callsByAccessKey[run.accessKeyId]?.DescribeRecord ?? 0 });
    }
    const missed = changes.filter((change) => change.delayMs === undefined);
    const delays = changes.filter((change) => change.delayMs !== undefined) as Array<(typeof changes)[number] & { delayMs: number }>;
    const firstMinute = delays.filter((change) => change.afterSeconds < 60);
    const worst = delays.reduce((max, change) => (change.delayMs > max.delayMs ? change : max), delays[0]);
    const perRecord = calls.map((entry) => entry.describeRecord);
    const fixed = (intervalS: number) => fixedPollingComparison(changes, intervalS);

    const figures = [
      printFigure({
        name: 'Record freshness, first minute',
        what: `delay from each status change in the emulator (its record timeline) to the extension's tracker reporting it (what the record panel renders), for the ${firstMinute.length} changes in the first minute of ${runs.length} actions run through Execute Service Action`,
        value: median(firstMinute.map((change) => change.delayMs)) / 1000,
        unit: 's',
        display: `median ${round(median(firstMinute.map((change) => change.delayMs)) / 1000, 2)} s`,
        target: { max: 1, text: 'median ≤ 1 s in the first minute' },
        baseline: `polling describe-record by hand every 10 s (computed on the same timelines): median ${round(fixed(10).medianFirstMinuteS, 2)} s in the first minute, ${fixed(10).calls} calls per record`,
        details: [
          ...changes.map((change) => `${change.record} ${change.status.padEnd(20)} at ${String(round(change.afterSeconds, 1)).padStart(5)} s: ${change.delayMs === undefined ? 'NOT SEEN' : `${round(change.delayMs / 1000, 2)} s`}`),
          `all changes: median ${round(median(delays.map((change) => change.delayMs)) / 1000, 2)} s, worst ${round(worst.delayMs / 1000, 2)} s (${worst.record} ${worst.status} at ${round(worst.afterSeconds)} s)${missed.length ? `; ${missed.length} never seen` : ''}`,
        ],
      }),
      printFigure({
        name: 'Record cost',
        what: `DescribeRecord calls the emulator answered for each ${durationSeconds / 60}-minute record, from execution to the end (counted per access key: one profile per record)`,
        value: Math.max(...perRecord),
        unit: 'calls',
        display: `${Math.max(...perRecord)} calls (most costly record; ${perRecord.join(', ')} for the ${runs.length} records)`,
        target: { max: 60, text: '≤ 60 DescribeRecord calls per action' },
        baseline: `polling every 5 s for the whole action (computed): ${fixed(5).calls} calls, median first-minute delay ${round(fixed(5).medianFirstMinuteS, 2)} s`,
      }),
    ];
    saveResults('records', figures, { changes, calls, events });
    return figures;
  } finally {
    await session.close();
  }
}

/** What a fixed polling interval would have given on the same timelines (a computation, not a measurement). */
function fixedPollingComparison(changes: Array<{ afterSeconds: number }>, intervalS: number): { medianFirstMinuteS: number; calls: number } {
  const delays = changes.filter((change) => change.afterSeconds < 60).map((change) => Math.ceil(change.afterSeconds / intervalS) * intervalS - change.afterSeconds);
  return { medianFirstMinuteS: median(delays), calls: Math.ceil(durationSeconds / intervalS) };
}

/** Four accounts (one profile each) with a few products, and the scripted actions associated with every version. */
function recordSeed(): Seed {
  const seed = generateSeed({ accounts: scripts.length, regions: [region], productsPerAccount: 3 });
  const accountIds = seed.accounts.map((account) => account.id);
  for (const [index, script] of scripts.entries()) {
    const steps = [{ status: 'CREATED', atSeconds: 0 }, ...script.steps.map(([status, atSeconds]) => ({ status, atSeconds })), { status: script.status, atSeconds: durationSeconds }];
    const action: SeedServiceAction = {
      id: `act-bench${String(index + 1).padStart(8, '0')}`,
      name: script.name,
      description: `A scripted ${durationSeconds}-second action (benchmark)`,
      region,
      accountIds,
      definition: { documentName: `Bench-${script.name}`, documentVersion: '1', assumeRole: 'LAUNCH_ROLE', parameters: [{ name: 'Target', type: 'TARGET' }] },
      outcome: {
        status: script.status,
        durationSeconds,
        timeline: steps as NonNullable<SeedServiceAction['outcome']['timeline']>,
        ...(script.status === 'FAILED' ? { errors: [{ code: 'RebuildFailed', description: 'The index rebuild stopped: the disk is full.' }] } : {}),
      },
    };
    seed.serviceActions.push(action);
    for (const product of seed.products.filter((candidate) => candidate.region === region)) {
      for (const version of product.versions) seed.associations.push({ serviceActionId: action.id, productId: product.id, provisioningArtifactId: version.id });
    }
  }
  return seed;
}

runWhenMain(module, benchRecords);
