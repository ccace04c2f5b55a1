// npm run bench                 every benchmark, then a summary of every figure with its target
// npm run bench -- tree records only those (bundle, activation, tree, warm-start, organisation, records, memory, awsFiles, activity, go-to, go-to-organisation)
//
// Figures are measured, never asserted: the machines here are shared and noisy. Each benchmark prints what it
// measured, the figure, the target, the baseline it measured in the same run, and PASS or MISS; the results also
// go to test-results/bench/<name>.json. The exit code is 0 when every benchmark measured something (whatever
// the figures), 1 when one could not run.
import { benchActivation } from './activation';
import { benchActivity } from './activity';
import { benchAwsFiles } from './awsFiles';
import { benchBundle } from './bundle';
import { benchGoTo } from './goTo';
import { benchGoToOrganisation } from './goToOrganisation';
import { benchMemory } from './memory';
import { benchOrganisation } from './organisation';
import { benchWarmStart } from './warmStart';
import { benchRecords } from './records';
import { machine, type FigureResult } from './lib/report';
import { benchTree } from './tree';

const benchmarks: Record<string, () => Promise<FigureResult[]>> = {
  bundle: benchBundle,
  activation: benchActivation,
  tree: benchTree,
  'warm-start': benchWarmStart,
  organisation: benchOrganisation,
  records: benchRecords,
  memory: benchMemory,
  awsFiles: benchAwsFiles,
  activity: benchActivity,
  'go-to': benchGoTo,
  'go-to-organisation': benchGoToOrganisation,
};

async function main(): Promise<number> {
  const names = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const unknown = names.filter((name) => !(name in benchmarks));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(benchmarks).join(', ')}.`);
    return 2;
  }
  const chosen = names.length > 0 ? names : Object.keys(benchmarks);
  const info = machine();
  console.log(`Benchmarks ${chosen.join(', ')} on ${info.cores} × ${info.cpu}, ${info.memoryGiB} GiB, ${info.os}, Node ${info.node}, code-server ${info.codeServer}; load average ${info.loadAverage}`);

  const summary: Array<{ bench: string; figure?: FigureResult; error?: string }> = [];
  for (const name of chosen) {
    const started = Date.now();
    try {
      for (const figure of await benchmarks[name]()) summary.push({ bench: name, figure });
    } catch (error) {
      console.error(`\n${name} could not be measured:`, error);
      summary.push({ bench: name, error: error instanceof Error ? error.message : String(error) });
    }
    console.log(`  (${name} took ${Math.round((Date.now() - started) / 1000)} s)`);
  }

  console.log('\n== Summary ==');
  for (const entry of summary) {
    const figure = entry.figure;
    console.log(
      figure
        ? `  ${figure.pass ? 'PASS' : 'MISS'}  ${`${entry.bench}: ${figure.name}`.padEnd(44)} ${(figure.display ?? `${figure.value} ${figure.unit}`).padEnd(34)} target ${figure.target.text}`
        : `  ERROR ${entry.bench}: ${entry.error}`,
    );
  }
  return summary.some((entry) => entry.error) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
