// Activation: the time from VS Code asking for the extension to activate() returning, in the real extension host
// (code-server), as VS Code itself records it; median of several fresh extension hosts. Also shows that the AWS SDK
// is not loaded until the first AWS call.
//   npm run bench -- activation
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { loadSeed, SAMPLE_SEED_PATH } from '../src/emulator';
import { extensionHostLogFiles, waitForActivation } from '../tools/extensionHostLogs';
import { repoRoot } from '../tools/paths';
import { median, printFigure, printHeading, round, runWhenMain, saveResults, type FigureResult } from './lib/report';
import { startBenchSession, type BenchSession } from './lib/session';
import { stageProductionExtension } from './lib/stage';

const runs = Number(process.env.BENCH_ACTIVATION_RUNS ?? 7);
const emptyExtension = path.join(repoRoot, 'bench', 'fixtures', 'empty-extension');
const ours = 'service-catalog-actions.service-catalog-actions';
const floor = 'Bench Empty Extension';
const floorId = 'service-catalog-actions-bench.bench-empty-extension';
const sdkChunk = 'dist/aws-sdk.js';

export async function benchActivation(): Promise<FigureResult[]> {
  printHeading('Activation: VS Code asking for the extension → activate() returned (code-server 4.100.3, production build)');
  const staged = await stageProductionExtension();
  const session = await startBenchSession({
    name: 'activation',
    seed: loadSeed(SAMPLE_SEED_PATH),
    extensionPath: staged.installedPath,
    installedExtensions: [emptyExtension],
    agent: true,
  });
  try {
    const samples: Array<{ ours: number; floor: number; sdkLoaded: boolean; modules: string[]; stats: Record<string, ActivationStats> }> = [];
    for (let run = 0; run < runs; run++) {
      const hostsBefore = extensionHostLogFiles(session.server.logsDir).length;
      if (run > 0) await session.reload();
      await waitForActivation(session.server.logsDir, { hostsBefore: run > 0 ? hostsBefore : 0, timeoutMs: 60_000 });
      const times = await runningExtensionTimes(session);
      const agent = await session.agent();
      const state = await agent.state();
      const stats = activationStats((await agent.startupPerformance()).text);
      samples.push({ ours: times[ours], floor: times[floor], sdkLoaded: state.loadedModules.includes(sdkChunk), modules: state.loadedModules, stats });
      console.log(
        `    start ${run + 1}/${runs}: ${times[ours]} ms (${describeStats(stats[ours])}); empty extension ${times[floor]} ms (${describeStats(stats[floorId])}); loaded from the extension: ${state.loadedModules.join(', ')}`,
      );
    }

    // After activation, the first AWS call is what loads the SDK; how long that load takes is what activation saves.
    const agent = await session.agent();
    const beforeCall = await agent.state();
    const alreadyLoaded = beforeCall.loadedModules.includes(sdkChunk);
    // A bundle without the chunk defers nothing; any other failure to require it is said as it is, not taken for that.
    const chunkLoad = alreadyLoaded ? undefined : await agent.loadSdkChunk().catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
    const chunkLoadMs = chunkLoad && 'ms' in chunkLoad ? chunkLoad.ms : undefined;
    if (chunkLoadMs !== undefined) await session.reload();
    const fresh = await session.agent();
    await waitUntilActive(fresh);
    await fresh.focusView();
    const profile = loadSeed(SAMPLE_SEED_PATH).credentials[0].profileName;
    await fresh.loadProfiles({ profiles: [profile] });
    const afterCall = await fresh.state();

    const activation = median(samples.map((sample) => sample.ours));
    const sdkNotLoaded = samples.every((sample) => !sample.sdkLoaded);
    const figures = [
      printFigure({
        name: 'Activation time',
        what: `codeLoadingTime + activateCallTime of VS Code's ExtensionService (shown as "Startup Activation" by Developer: Show Running Extensions), median of ${runs} fresh extension hosts`,
        value: activation,
        unit: 'ms',
        target: { max: 25, text: '≤ 25 ms' },
        baseline: `an empty extension (activate() {}) on the same event in the same hosts: ${median(samples.map((sample) => sample.floor))} ms median`,
        details: [
          `samples: ${samples.map((sample) => sample.ours).join(', ')} ms (empty extension: ${samples.map((sample) => sample.floor).join(', ')} ms)`,
          `Developer: Startup Performance, median: load code ${median(samples.map((sample) => sample.stats[ours]?.loadCode ?? NaN))} ms + call activate ${median(samples.map((sample) => sample.stats[ours]?.callActivate ?? NaN))} ms (empty extension: load code ${median(samples.map((sample) => sample.stats[floorId]?.loadCode ?? NaN))} ms)`,
          sdkNotLoaded
            ? `AWS SDK after activation: not loaded in any of the ${runs} hosts (${sdkChunk} absent from require.cache); after the first tree load it is: ${afterCall.loadedModules.includes(sdkChunk) ? 'loaded' : 'NOT loaded (?)'}`
            : `AWS SDK after activation: ${sdkChunk} ${samples.some((sample) => sample.modules.includes(sdkChunk)) ? 'was loaded at activation' : 'is not a separate chunk: the SDK is bundled into dist/extension.js, so it is parsed at activation'}`,
          chunkLoadMs !== undefined
            ? `requiring ${sdkChunk} in a fresh host (the cost the first AWS call pays instead of activation): ${round(chunkLoadMs)} ms`
            : alreadyLoaded
              ? `${sdkChunk} was already loaded before the first AWS call: nothing is deferred`
              : chunkLoad && 'error' in chunkLoad && !/Cannot find module/.test(chunkLoad.error)
                ? `requiring ${sdkChunk} in a fresh host FAILED: ${chunkLoad.error.split('\n')[0]}`
                : `${sdkChunk} does not exist: nothing is deferred`,
        ],
      }),
    ];
    saveResults('activation', figures, { samples, sdkChunkLoadMs: chunkLoadMs, sdkChunkLoadError: chunkLoad && 'error' in chunkLoad ? chunkLoad.error : undefined, loadedAfterFirstCall: afterCall.loadedModules });
    return figures;
  } finally {
    await session.close();
  }
}

interface ActivationStats {
  loadCode: number;
  callActivate: number;
  finishActivate: number;
}

/** The "Extension Activation Stats" table of Developer: Startup Performance: VS Code's ActivationTimes per extension. */
function activationStats(text: string): Record<string, ActivationStats> {
  const stats: Record<string, ActivationStats> = {};
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    // | Extension | Eager | Load Code | Call Activate | Finish Activate | Event | By |
    if (cells.length >= 8 && /^\d+$/.test(cells[3]) && /^\d+$/.test(cells[4])) {
      stats[cells[1]] = { loadCode: Number(cells[3]), callActivate: Number(cells[4]), finishActivate: Number(cells[5]) };
    }
  }
  return stats;
}

function describeStats(stats: ActivationStats | undefined): string {
  return stats ? `load code ${stats.loadCode} + call activate ${stats.callActivate}` : 'no stats';
}

async function waitUntilActive(agent: Awaited<ReturnType<BenchSession['agent']>>): Promise<void> {
  for (let i = 0; i < 100 && !(await agent.state()).active; i++) await new Promise((resolve) => setTimeout(resolve, 200));
}

/** Opens Developer: Show Running Extensions and reads each extension's activation time (ms) from it. */
async function runningExtensionTimes(session: BenchSession): Promise<Record<string, number>> {
  await session.ui.runCommand('Developer: Show Running Extensions');
  const page: Page = session.page;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const rows = await page.locator('.runtime-extensions-editor .monaco-list-row').evaluateAll((elements) =>
      elements.map((row) => ({
        name: row.querySelector('.name')?.textContent?.trim() ?? '',
        time: row.querySelector('.activation-time')?.textContent?.trim() ?? '',
      })),
    );
    const times: Record<string, number> = {};
    for (const row of rows) {
      const match = /Activation: (\d+)ms/.exec(row.time);
      if (match) times[row.name] = Number(match[1]);
    }
    if (times[ours] !== undefined && times[floor] !== undefined) {
      await page.keyboard.press('Control+W');
      return times;
    }
    if (Date.now() > deadline) throw new Error(`Running Extensions did not show both activation times: ${JSON.stringify(rows)}`);
    await page.waitForTimeout(250);
  }
}

runWhenMain(module, benchActivation);
