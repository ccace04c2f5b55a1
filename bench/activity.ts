// Activity: the extension host's heap growth with the Activity view listing 200 actions (180 that ended, kept in
// globalState, and 20 running, followed by the tracker), after forced garbage collections.
//   npm run bench -- activity
import { generateSeed } from '../src/emulator';
import { extensionHostLogFiles, waitForActivation } from '../tools/extensionHostLogs';
import type { HeapSample } from './host/protocol';
import { median, printFigure, printHeading, round, runWhenMain, saveResults, type FigureResult } from './lib/report';
import { startBenchSession } from './lib/session';
import { stageProductionExtension } from './lib/stage';

const ended = 180;
const running = 20;
const region = 'us-east-1';
const samples = 5;
const MB = 1024 * 1024;

export async function benchActivity(): Promise<FigureResult[]> {
  printHeading(`Activity: extension host heap with ${ended + running} actions listed (${ended} ended, ${running} running)`);
  const staged = await stageProductionExtension();
  // Hour-long actions: the running ones stay in progress, polled, for the whole measurement.
  const seed = generateSeed({ accounts: 2, regions: [region], productsPerAccount: running / 2, actionDurationSeconds: 3600 });
  const session = await startBenchSession({ name: 'activity', seed, extensionPath: staged.installedPath, agent: true });
  try {
    await waitForActivation(session.server.logsDir, { hostsBefore: Math.max(0, extensionHostLogFiles(session.server.logsDir).length - 1), timeoutMs: 60_000 });
    const agent = await session.agent();
    await agent.setSetting({ section: 'confirmBeforeExecute', value: false });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const before = (await agent.heap({ samples })).samples;

    const filled = await agent.fillActivity({ count: ended, profile: seed.credentials[0].profileName, region });
    const restart = seed.serviceActions.find((action) => action.name === 'Restart' && action.region === region)!;
    for (const product of seed.provisionedProducts.slice(0, running)) {
      const credential = seed.credentials.find((candidate) => candidate.accountId === product.accountId)!;
      const result = await agent.execute({ request: { profile: credential.profileName, region, provisionedProductId: product.id, serviceActionId: restart.id, parameters: {} } });
      if (result.started.length !== 1) throw new Error(`${product.id} did not start: ${JSON.stringify(result)}`);
    }
    const shown = await agent.showActivity({ expected: ended + running });
    if (shown.items !== ended + running) throw new Error(`the Activity view lists ${shown.items} of ${ended + running} actions`);
    await new Promise((resolve) => setTimeout(resolve, 15_000)); // the running ones polled, the view redrawn every few seconds
    const after = (await agent.heap({ samples })).samples;

    const used = (list: HeapSample[]) => median(list.map((sample) => sample.heapUsed));
    const growth = (used(after) - used(before)) / MB;
    const figures = [
      printFigure({
        name: 'Activity heap growth',
        what: `process.memoryUsage().heapUsed of the extension host (read inside it), after forced garbage collections, median of ${samples} samples: after activation, and after ${ended} ended executions were kept, ${running} actions were run and followed, and the Activity view was shown listing all ${shown.items} for 15 s`,
        value: growth,
        unit: 'MB',
        display: `${round(growth)} MB (${round(used(before) / MB)} → ${round(used(after) / MB)} MB)`,
        target: { max: 5, text: '≤ 5 MB' },
        baseline: `${filled.entries} entries in the model after filling`,
        details: [`heapUsed before: ${before.map((sample) => round(sample.heapUsed / MB)).join(', ')} MB; after: ${after.map((sample) => round(sample.heapUsed / MB)).join(', ')} MB`],
      }),
    ];
    saveResults('activity', figures, { before, after, items: shown.items });
    return figures;
  } finally {
    await session.close();
  }
}

runWhenMain(module, benchActivity);
