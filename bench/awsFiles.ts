// AWS files: how long reading the AWS config and credentials files holds up the extension host's event loop (which
// every extension shares), for a config at the size limit and for one far over it, against a small config and the
// SDK's own loader on the same big file, measured in the same run. Plain Node: the same code the host runs.
//   npm run bench -- awsFiles
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { AwsContext } from '../src/aws/awsContext';
import { maxAwsFileBytes } from '../src/aws/configFiles';
import { SecretRedactor } from '../src/aws/secrets';
import { median, printFigure, printHeading, round, runWhenMain, saveResults, type FigureResult } from './lib/report';

const runs = Number(process.env.BENCH_AWS_FILES_RUNS ?? 5);
/** The size the security review measured at about 17 s of blocking on main. */
const bigBytes = 26 * 1024 * 1024;

export async function benchAwsFiles(): Promise<FigureResult[]> {
  printHeading(`AWS files: the longest stretch the event loop is held while the profiles are read (median of ${runs})`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sca-bench-aws-files-'));
  try {
    const small = writeConfig(dir, 'small', 1024 * 10);
    const atLimit = writeConfig(dir, 'at-limit', maxAwsFileBytes - 512);
    const big = writeConfig(dir, 'big', bigBytes);
    const credentials = path.join(dir, 'credentials');
    fs.writeFileSync(credentials, '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY\n');

    // A warm-up, so the first figure does not carry the module loading and the JIT.
    await readProfiles(small.file, credentials);
    const samples = { small: [] as Measured[], atLimit: [] as Measured[], big: [] as Measured[], sdkBig: [] as Measured[] };
    for (let run = 0; run < runs; run++) {
      samples.small.push(await readProfiles(small.file, credentials));
      samples.atLimit.push(await readProfiles(atLimit.file, credentials));
      samples.big.push(await readProfiles(big.file, credentials));
      samples.sdkBig.push(await measure(async () => (await loadSharedConfigFiles({ configFilepath: big.file, filepath: credentials, ignoreCache: true })).configFile));
    }
    const longest = (list: Measured[]) => median(list.map((sample) => sample.longestBlockMs));
    const total = (list: Measured[]) => median(list.map((sample) => sample.totalMs));
    const ratio = (value: number, baseline: number) => `${round(value / baseline, 1)}×`;

    const figures = [
      printFigure({
        name: 'Reading a config at the size limit',
        what: `AwsContext.profiles() on a config of ${mb(atLimit.bytes)} (${atLimit.profiles.toLocaleString('en')} profiles, the limit is ${mb(maxAwsFileBytes)}): the longest the event loop was held (monitorEventLoopDelay, 1 ms resolution)`,
        value: longest(samples.atLimit),
        unit: 'ms',
        display: `${round(longest(samples.atLimit))} ms longest block, ${round(total(samples.atLimit))} ms in all = ${ratio(longest(samples.atLimit), longest(samples.small))} the small config's longest block`,
        target: { max: 50, text: '≤ 50 ms at a time' },
        baseline: `a config of ${mb(small.bytes)} (${small.profiles} profiles): ${round(longest(samples.small))} ms longest block, ${round(total(samples.small))} ms in all`,
        details: samples.atLimit.map((sample, index) => `run ${index + 1}: ${round(sample.longestBlockMs)} ms longest block, ${round(sample.totalMs)} ms in all`),
      }),
      printFigure({
        name: 'Refusing a config over the limit',
        what: `AwsContext.profiles() on a config of ${mb(big.bytes)} (${big.profiles.toLocaleString('en')} profiles): refused with a node naming its size and the limit; the longest the event loop was held`,
        value: longest(samples.big),
        unit: 'ms',
        display: `${round(longest(samples.big))} ms longest block = 1/${Math.round(longest(samples.sdkBig) / longest(samples.big))} of reading it`,
        target: { max: 50, text: '≤ 50 ms at a time' },
        baseline: `the SDK's loader (loadSharedConfigFiles) reading the same file, as main did before refusing it: ${round(longest(samples.sdkBig))} ms longest block, ${round(total(samples.sdkBig))} ms in all`,
        details: [`the node says: ${samples.big[0].problem ?? '(none)'}`],
      }),
    ];
    saveResults('awsFiles', figures, { samples });
    return figures;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Measured {
  longestBlockMs: number;
  totalMs: number;
  problem?: string;
}

async function readProfiles(config: string, credentials: string): Promise<Measured> {
  const aws = new AwsContext({
    env: { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials },
    redactor: new SecretRedactor(),
    askMfaCode: async () => undefined,
    acceptLanguage: () => 'en',
  });
  try {
    let problem: string | undefined;
    const measured = await measure(async () => {
      const catalog = await aws.profiles();
      problem = catalog.files.problems[0]?.message;
    });
    return { ...measured, problem };
  } finally {
    aws.dispose();
  }
}

async function measure(work: () => Promise<unknown>): Promise<Measured> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const started = performance.now();
  await work();
  const totalMs = performance.now() - started;
  // One more turn of the loop, so a block at the very end is seen.
  await new Promise((resolve) => setTimeout(resolve, 5));
  histogram.disable();
  return { longestBlockMs: histogram.max / 1e6, totalMs };
}

/** A config of role profiles (the shape of an organisation's generated config) of about `bytes`. */
function writeConfig(dir: string, name: string, bytes: number): { file: string; bytes: number; profiles: number } {
  const file = path.join(dir, name);
  const lines: string[] = [];
  let size = 0;
  let profiles = 0;
  for (;;) {
    const section = `[profile team-${profiles}-admin]\nregion = eu-west-1\nrole_arn = arn:aws:iam::${String(100000000000 + profiles)}:role/Admin\nsource_profile = default\n\n`;
    if (size + section.length > bytes) break;
    lines.push(section);
    size += section.length;
    profiles += 1;
  }
  fs.writeFileSync(file, lines.join(''));
  return { file, bytes: size, profiles };
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

runWhenMain(module, benchAwsFiles);
