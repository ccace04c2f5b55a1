// Record freshness and cost: five-minute actions run through "Execute Service Action" in the real VS Code against
// the emulator at real speed (the tracker's schedule runs on real timers, so it cannot be sped up), all at once:
//   - usual: four scripted timelines whose actions have no history (the schedule as it was before estimates);
//   - scripted, with history: the same four timelines, each action with seven earlier runs around five minutes;
//   - generated, with history: four actions whose runs last five minutes give or take 30 s (the emulator draws each
//     run, as it drew the seven earlier ones).
// For each status change of each record (the emulator's own timeline), the delay until the extension's tracker
// reported it; the DescribeRecord calls each record cost (the emulator's counters, per access key: one profile per
// record); and when each record's polls answered.
//   npm run bench -- records            (about 6 minutes)
import { generateSeed, type Seed, type SeedProvisionedProduct, type SeedServiceAction } from '../src/emulator';
import { planExpectedEnd, predictedPollDelay } from '../src/records/tracking/expectedEnd';
import { nextPollDelay } from '../src/records/tracking/pollSchedule';
import { extensionHostLogFiles, waitForActivation } from '../tools/extensionHostLogs';
import { median, printFigure, printHeading, round, runWhenMain, saveResults, type FigureResult } from './lib/report';
import { startBenchSession } from './lib/session';
import { stageProductionExtension } from './lib/stage';

const durationSeconds = Number(process.env.BENCH_RECORDS_SECONDS ?? 300);
const spreadSeconds = Math.round(durationSeconds / 10);
const historyRuns = 7;
const region = 'us-east-1';

type Group = 'usual' | 'scripted' | 'generated';
const groupNames: Record<Group, string> = { usual: 'usual (no history)', scripted: 'scripted, with history', generated: 'generated, with history' };

/**
 * Four scripted five-minute actions, their status changes spread over the first minute (where a person is watching)
 * and the end. A record moves CREATED → IN_PROGRESS → IN_PROGRESS_IN_ERROR → terminal, never back.
 */
const scripts: Array<{ name: string; status: 'SUCCEEDED' | 'FAILED'; steps: Array<[string, number]> }> = [
  { name: 'Rebuild-A', status: 'FAILED', steps: [['IN_PROGRESS', 3], ['IN_PROGRESS_IN_ERROR', 40]] },
  { name: 'Rebuild-B', status: 'FAILED', steps: [['IN_PROGRESS', 8], ['IN_PROGRESS_IN_ERROR', 27]] },
  { name: 'Rebuild-C', status: 'SUCCEEDED', steps: [['IN_PROGRESS', 15]] },
  { name: 'Rebuild-D', status: 'FAILED', steps: [['IN_PROGRESS', 33], ['IN_PROGRESS_IN_ERROR', 52]] },
];

/** Four generated actions: the emulator's derived timeline (IN_PROGRESS at 2 s; a failure goes in error 20 s before its end), each run drawn. */
const generated: Array<{ name: string; status: 'SUCCEEDED' | 'FAILED' }> = [
  { name: 'Reindex-E', status: 'SUCCEEDED' },
  { name: 'Reindex-F', status: 'FAILED' },
  { name: 'Reindex-G', status: 'SUCCEEDED' },
  { name: 'Reindex-H', status: 'FAILED' },
];

interface Planned {
  group: Group;
  name: string;
  action: SeedServiceAction;
  /** The profile (one per record), and the product the action runs on. */
  credentialIndex: number;
  provisionedProductId: string;
  target: string;
}

export async function benchRecords(): Promise<FigureResult[]> {
  printHeading(`Record freshness and cost: ${scripts.length * 2 + generated.length} ${durationSeconds / 60}-minute actions at real speed, with and without earlier runs`);
  const staged = await stageProductionExtension();
  const { seed, planned } = recordSeed();
  const session = await startBenchSession({ name: 'records', seed, extensionPath: staged.installedPath, agent: true });
  try {
    await waitForActivation(session.server.logsDir, { hostsBefore: Math.max(0, extensionHostLogFiles(session.server.logsDir).length - 1), timeoutMs: 60_000 });
    const agent = await session.agent();
    await agent.setSetting({ section: 'confirmBeforeExecute', value: false });
    await agent.followRecords();

    const emulator = session.sandbox.emulator;
    const runs: Array<Planned & { recordId: string; accessKeyId: string }> = [];
    for (const plan of planned) {
      const credential = seed.credentials[plan.credentialIndex];
      const result = await agent.execute({
        request: { profile: credential.profileName, region, provisionedProductId: plan.provisionedProductId, serviceActionId: plan.action.id, parameters: { Target: [plan.target] } },
      });
      const started = result.started[0];
      if (!started) throw new Error(`${plan.name} (${plan.group}) did not start: ${JSON.stringify(result)}`);
      runs.push({ ...plan, recordId: started.recordId, accessKeyId: credential.accessKeyId });
    }
    const startedAt = Date.now();
    const waitSeconds = durationSeconds + spreadSeconds + 20;
    console.log(`    started ${runs.length} records; waiting ${waitSeconds} s for them to end...`);
    while (Date.now() - startedAt < waitSeconds * 1000) {
      await new Promise((resolve) => setTimeout(resolve, 30_000));
      const { events } = await agent.recordEvents();
      console.log(`    ${Math.round((Date.now() - startedAt) / 1000)} s: ${runs.map((run) => events.filter((event) => event.recordId === run.recordId).map((event) => event.status).pop() ?? '?').join(', ')}`);
    }

    const { events, polls, estimates } = await agent.recordEvents();
    const counters = emulator.counters();
    const changes: Change[] = [];
    const records: RecordResult[] = [];
    for (const run of runs) {
      const timeline = emulator.recordTimeline(run.recordId);
      const createdAt = timeline[0].at;
      for (const change of timeline.slice(1)) {
        const seen = events.find((event) => event.recordId === run.recordId && event.status === change.status);
        const terminal = change === timeline[timeline.length - 1];
        changes.push({ group: run.group, record: run.name, status: change.status, terminal, afterSeconds: (change.at - createdAt) / 1000, delayMs: seen ? seen.seenAt - change.at : undefined });
      }
      records.push({
        group: run.group,
        record: run.name,
        describeRecord: counters.callsByAccessKey[run.accessKeyId]?.DescribeRecord ?? 0,
        endedAfterSeconds: (timeline[timeline.length - 1].at - createdAt) / 1000,
        pollOffsets: (polls[run.recordId] ?? []).map((at) => at - createdAt),
        estimate: estimates[run.recordId],
      });
    }
    const figures = report(changes, records);
    saveResults('records', figures, { changes, records, events });
    return figures;
  } finally {
    await session.close();
  }
}

interface Change {
  group: Group;
  record: string;
  status: string;
  terminal: boolean;
  afterSeconds: number;
  delayMs: number | undefined;
}

interface RecordResult {
  group: Group;
  record: string;
  describeRecord: number;
  endedAfterSeconds: number;
  /** When each poll answered, ms after the record was created. */
  pollOffsets: number[];
  estimate?: { typicalMs: number; lowMs: number; highMs: number; runs: number };
}

function report(changes: Change[], records: RecordResult[]): FigureResult[] {
  const seen = changes.filter((change): change is Change & { delayMs: number } => change.delayMs !== undefined);
  const missed = changes.filter((change) => change.delayMs === undefined);
  const of = (groups: Group[]) => seen.filter((change) => groups.includes(change.group));
  const seconds = (ms: number) => `${round(ms / 1000, 2)} s`;
  const usual = of(['usual']);
  const withHistory = of(['scripted', 'generated']);
  const usualFirstMinute = usual.filter((change) => change.afterSeconds < 60);
  const usualEnds = usual.filter((change) => change.terminal);
  const historyEnds = withHistory.filter((change) => change.terminal);
  const calls = (groups: Group[]) => records.filter((record) => groups.includes(record.group)).map((record) => record.describeRecord);
  const fixed = (intervalS: number) => fixedPollingComparison(usual, intervalS);

  // The same scripted timeline with and without history: each first-minute change, side by side.
  const pairs = of(['scripted'])
    .filter((change) => change.afterSeconds < 60)
    .map((change) => ({ change, usual: usual.find((other) => other.record === change.record && other.status === change.status) }))
    .filter((pair): pair is { change: Change & { delayMs: number }; usual: Change & { delayMs: number } } => pair.usual !== undefined);
  const laterBy = Math.max(0, ...pairs.map((pair) => pair.change.delayMs - pair.usual.delayMs));
  const firstMinutePolls = (record: RecordResult) => record.pollOffsets.filter((offset) => offset < 60_000);
  const pollDifferences = records
    .filter((record) => record.group === 'scripted')
    .map((record) => {
      const twin = records.find((other) => other.group === 'usual' && other.record === record.record)!;
      const [mine, theirs] = [firstMinutePolls(record), firstMinutePolls(twin)];
      return { record: record.record, counts: `${mine.length} / ${theirs.length}`, largestMs: Math.max(0, ...mine.slice(0, theirs.length).map((offset, index) => Math.abs(offset - theirs[index]))) };
    });
  const estimateLine = (record: RecordResult) =>
    record.estimate
      ? `estimate from ${record.estimate.runs} runs: ${seconds(record.estimate.typicalMs)} (10th–90th percentile ${seconds(record.estimate.lowMs)}–${seconds(record.estimate.highMs)})`
      : 'no estimate';

  return [
    printFigure({
      name: 'Record freshness, first minute',
      what: `delay from each status change in the emulator (its record timeline) to the extension's tracker reporting it (what the record panel renders), for the ${usualFirstMinute.length} changes in the first minute of the ${scripts.length} scripted actions without history, run through Execute Service Action`,
      value: median(usualFirstMinute.map((change) => change.delayMs)) / 1000,
      unit: 's',
      display: `median ${seconds(median(usualFirstMinute.map((change) => change.delayMs)))}`,
      target: { max: 1, text: 'median ≤ 1 s in the first minute' },
      baseline: `polling describe-record by hand every 10 s (computed on the same timelines): median ${round(fixed(10).medianFirstMinuteS, 2)} s in the first minute, ${fixed(10).calls} calls per record`,
      details: changes.map(
        (change) =>
          `${groupNames[change.group].padEnd(24)} ${change.record} ${change.status.padEnd(20)} at ${String(round(change.afterSeconds, 1)).padStart(5)} s: ${change.delayMs === undefined ? 'NOT SEEN' : seconds(change.delayMs)}`,
      ),
    }),
    printFigure({
      name: 'End seen, with history',
      what: `delay from the terminal status in the emulator to the tracker reporting it, for the ${historyEnds.length} actions with ${historyRuns} earlier runs each (${scripts.length} scripted timelines ending at ${durationSeconds} s, ${generated.length} generated ones ending within ${durationSeconds} ± ${spreadSeconds} s)`,
      value: median(historyEnds.map((change) => change.delayMs)) / 1000,
      unit: 's',
      display: `median ${seconds(median(historyEnds.map((change) => change.delayMs)))} (${historyEnds.map((change) => seconds(change.delayMs)).join(', ')})`,
      target: { max: 2, text: 'median ≤ 2 s' },
      baseline: `the same run without history (the usual schedule): median ${seconds(median(usualEnds.map((change) => change.delayMs)))} (${usualEnds.map((change) => seconds(change.delayMs)).join(', ')})`,
      details: [
        ...records.filter((record) => record.group !== 'usual').map((record) => `${groupNames[record.group].padEnd(24)} ${record.record} ended at ${round(record.endedAfterSeconds, 1)} s; ${estimateLine(record)}`),
        `all changes with history: median ${seconds(median(withHistory.map((change) => change.delayMs)))}; without: median ${seconds(median(usual.map((change) => change.delayMs)))}${missed.length ? `; ${missed.length} never seen` : ''}`,
        midRunComparison(records),
      ],
    }),
    printFigure({
      name: 'First minute, with history',
      what: `for the ${pairs.length} first-minute changes of the scripted timelines, how much later the action with history saw each than the same timeline without (same run); and each record's polls in the first minute, with and without`,
      value: laterBy / 1000,
      unit: 's',
      display: `no change later by more than ${seconds(laterBy)}`,
      target: { max: 0.25, text: 'no change seen later than without history (0.25 s allowed for when each record was created)' },
      baseline: pairs.map((pair) => `${pair.change.record} ${pair.change.status} ${seconds(pair.change.delayMs)} vs ${seconds(pair.usual.delayMs)}`).join('; '),
      details: pollDifferences.map((entry) => `${entry.record}: ${entry.counts} polls in the first minute with / without history, at moments at most ${entry.largestMs} ms apart`),
    }),
    printFigure({
      name: 'Record cost, with history',
      what: `DescribeRecord calls the emulator answered for each ${durationSeconds / 60}-minute record with history, from execution to the end (counted per access key: one profile per record)`,
      value: Math.max(...calls(['scripted', 'generated'])),
      unit: 'calls',
      display: `${Math.max(...calls(['scripted', 'generated']))} calls (most costly record; ${calls(['scripted', 'generated']).join(', ')})`,
      target: { max: 60, text: '≤ 60 DescribeRecord calls per action' },
      baseline: `without history in the same run: ${calls(['usual']).join(', ')} calls; polling every 5 s for the whole action (computed): ${fixed(5).calls}`,
    }),
    printFigure({
      name: 'Record cost, without history',
      what: `DescribeRecord calls for each ${durationSeconds / 60}-minute record without history (the usual schedule)`,
      value: Math.max(...calls(['usual'])),
      unit: 'calls',
      display: `${Math.max(...calls(['usual']))} calls (most costly record; ${calls(['usual']).join(', ')})`,
      target: { max: 60, text: '≤ 60 DescribeRecord calls per action' },
      baseline: `polling every 5 s for the whole action (computed): ${fixed(5).calls} calls, median first-minute delay ${round(fixed(5).medianFirstMinuteS, 2)} s`,
    }),
  ];
}

/**
 * The price of polling slowly before the window, computed on the schedules (not measured: no timeline here changes
 * there): with each record's own estimate, how late a change at every second between the first minute and the
 * window would be seen, against the usual schedule.
 */
function midRunComparison(records: RecordResult[]): string {
  const predicted: number[] = [];
  const usual: number[] = [];
  for (const record of records.filter((candidate) => candidate.estimate)) {
    const plan = planExpectedEnd(record.estimate!, 0, 0);
    if (!plan) continue;
    const seenAfter = (at: number, delayAt: (now: number) => number) => {
      let now = 0;
      while (now < at) now += delayAt(now);
      return now - at;
    };
    for (let at = 60_000; at < plan.from; at += 1_000) {
      predicted.push(seenAfter(at, (now) => predictedPollDelay(now, 0, plan)));
      usual.push(seenAfter(at, (now) => nextPollDelay(now)));
    }
  }
  return `computed on the schedules: a change between the first minute and the window would be seen after a median ${round(median(predicted) / 1000, 1)} s with the estimates above, ${round(median(usual) / 1000, 1)} s without`;
}

/** What a fixed polling interval would have given on the same timelines (a computation, not a measurement). */
function fixedPollingComparison(changes: Array<{ afterSeconds: number }>, intervalS: number): { medianFirstMinuteS: number; calls: number } {
  const delays = changes.filter((change) => change.afterSeconds < 60).map((change) => Math.ceil(change.afterSeconds / intervalS) * intervalS - change.afterSeconds);
  return { medianFirstMinuteS: median(delays), calls: Math.ceil(durationSeconds / intervalS) };
}

/**
 * One account (one profile) per record. The usual group's actions are associated with every version of every product,
 * as before; each action with history has a product of its own whose one version has that action alone, and seven
 * earlier runs on its provisioned product: the extension can tell they are that action's runs.
 */
function recordSeed(): { seed: Seed; planned: Planned[] } {
  const accounts = scripts.length * 2 + generated.length;
  const seed = generateSeed({ accounts, regions: [region], productsPerAccount: 3 });
  const allAccounts = seed.accounts.map((account) => account.id);
  const planned: Planned[] = [];
  const action = (id: string, name: string, outcome: SeedServiceAction['outcome']): SeedServiceAction => ({
    id,
    name,
    description: `A ${durationSeconds}-second action (benchmark)`,
    region,
    accountIds: allAccounts,
    definition: { documentName: `Bench-${name}`, documentVersion: '1', assumeRole: 'LAUNCH_ROLE', parameters: [{ name: 'Target', type: 'TARGET' }] },
    outcome,
  });
  const failure = { errors: [{ code: 'RebuildFailed', description: 'The index rebuild stopped: the disk is full.' }] };
  const scripted = (script: (typeof scripts)[number]): SeedServiceAction['outcome'] => ({
    status: script.status,
    durationSeconds,
    timeline: [{ status: 'CREATED', atSeconds: 0 }, ...script.steps.map(([status, atSeconds]) => ({ status, atSeconds })), { status: script.status, atSeconds: durationSeconds }] as NonNullable<
      SeedServiceAction['outcome']['timeline']
    >,
    ...(script.status === 'FAILED' ? failure : {}),
  });

  scripts.forEach((script, index) => {
    const usual = action(`act-benchusual${String(index + 1).padStart(3, '0')}`, script.name, scripted(script));
    seed.serviceActions.push(usual);
    for (const product of seed.products) {
      for (const version of product.versions) seed.associations.push({ serviceActionId: usual.id, productId: product.id, provisioningArtifactId: version.id });
    }
    const pp = seed.provisionedProducts.find((candidate) => candidate.accountId === seed.accounts[index].id)!;
    planned.push({ group: 'usual', name: script.name, action: usual, credentialIndex: index, provisionedProductId: pp.id, target: pp.physicalId });
  });
  const withHistory: Array<{ group: Group; name: string; outcome: SeedServiceAction['outcome'] }> = [
    ...scripts.map((script) => ({ group: 'scripted' as const, name: script.name, outcome: scripted(script) })),
    ...generated.map((entry) => ({
      group: 'generated' as const,
      name: entry.name,
      outcome: { status: entry.status, durationSeconds, spreadSeconds, ...(entry.status === 'FAILED' ? { inErrorSeconds: 20, ...failure } : {}) },
    })),
  ];
  withHistory.forEach((entry, index) => {
    const credentialIndex = scripts.length + index;
    const account = seed.accounts[credentialIndex].id;
    const suffix = String(index + 1).padStart(3, '0');
    const historyAction = action(`act-benchhistory${suffix}`, entry.name, entry.outcome);
    const productId = `prod-benchhistory${suffix}`;
    const versionId = `pa-benchhistory${suffix}`;
    seed.serviceActions.push(historyAction);
    seed.products.push({ id: productId, name: `Bench ${entry.name}`, region, accountIds: allAccounts, owner: 'Bench', versions: [{ id: versionId, name: 'v1', createdTime: '2024-01-01T00:00:00Z' }] });
    seed.associations.push({ serviceActionId: historyAction.id, productId, provisioningArtifactId: versionId });
    const pp: SeedProvisionedProduct = {
      id: `pp-benchhistory${suffix}`,
      name: `bench-history-${suffix}`,
      accountId: account,
      region,
      status: 'AVAILABLE',
      physicalId: `i-0benchhistory${suffix}`,
      productId,
      provisioningArtifactId: versionId,
      createdTime: '2024-01-01T00:00:00Z',
      userArn: seed.credentials[credentialIndex].userArn,
    };
    seed.provisionedProducts.push(pp);
    seed.recordHistories = [...(seed.recordHistories ?? []), { serviceActionId: historyAction.id, provisionedProductIds: [pp.id], runs: historyRuns, typicalSeconds: durationSeconds, spreadSeconds }];
    planned.push({ group: entry.group, name: entry.name, action: historyAction, credentialIndex, provisionedProductId: pp.id, target: pp.physicalId });
  });
  return { seed, planned };
}

runWhenMain(module, benchRecords);
