/**
 * `npm run emulator -- [options]`: a local Service Catalog for trying the extension or poking at it
 * with the AWS CLI. Ctrl+C stops it.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { SAMPLE_SEED_PATH, loadSeed, startEmulator, writeAwsConfig } from './index';

const DEFAULT_PORT = 4599;

const HELP = `Service Catalog emulator: a local AWS Service Catalog (awsJson1_1, SigV4) with seed data.

Usage: npm run emulator -- [options]

Options:
  --port N             Port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host HOST          Address to listen on (default 127.0.0.1)
  --seed PATH          Seed JSON file (default src/emulator/seeds/sample.json)
  --clock-speed X      Run the emulator clock X times faster than real time (default 1)
  --latency MS         Add MS milliseconds to every call
  --write-config DIR   Write an AWS config and credentials file in DIR whose profiles
                       point at the emulator, and print the exports to use them
  --quiet              Do not log each call
  --help               Show this help

Admin API (JSON) on the same port: GET /_emulator/health, /_emulator/counters,
/_emulator/records/<id>/timeline; POST /_emulator/faults, /_emulator/clock,
/_emulator/reset, /_emulator/expire-token, /_emulator/down; DELETE /_emulator/faults.
See src/emulator/README.md.`;

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      'clock-speed': { type: 'string' },
      latency: { type: 'string' },
      'write-config': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const port = numberOption('--port', values.port, DEFAULT_PORT);
  const clockSpeed = numberOption('--clock-speed', values['clock-speed'], 1);
  const latency = numberOption('--latency', values.latency, 0);
  const seedPath = path.resolve(values.seed ?? SAMPLE_SEED_PATH);
  const seed = loadSeed(seedPath);

  const emulator = await startEmulator({
    seed,
    port,
    host: values.host,
    clockSpeed,
    faults: latency > 0 ? [{ kind: 'latency', latencyMs: latency }] : [],
    quiet: values.quiet,
  });
  const inRegions = seed.regions.join(', ');
  console.log(`Service Catalog emulator listening on ${emulator.endpoint}`);
  console.log(`Seed: ${seedPath} (${seed.accounts.length} accounts, ${seed.provisionedProducts.length} provisioned products, regions ${inRegions})`);
  if (clockSpeed !== 1) console.log(`Clock speed: ${clockSpeed}x`);
  if (latency > 0) console.log(`Latency: ${latency} ms per call`);

  if (values['write-config']) {
    const written = writeAwsConfig(path.resolve(values['write-config']), emulator, seed);
    console.log(`\nWrote ${written.configFile} and ${written.credentialsFile} (profiles: ${written.profiles.join(', ')}). To use them:`);
    console.log(`  export AWS_CONFIG_FILE=${written.configFile} AWS_SHARED_CREDENTIALS_FILE=${written.credentialsFile}`);
    console.log(`  aws servicecatalog search-provisioned-products --profile ${written.profiles[0]} --endpoint-url ${emulator.endpoint}`);
  } else {
    const cred = seed.credentials[0];
    console.log(`\nTry (as ${cred.profileName}):`);
    console.log(`  AWS_ACCESS_KEY_ID=${cred.accessKeyId} AWS_SECRET_ACCESS_KEY=${cred.secretAccessKey}${cred.sessionToken ? ` AWS_SESSION_TOKEN=${cred.sessionToken}` : ''} \\`);
    console.log(`    aws servicecatalog search-provisioned-products --region ${cred.region ?? seed.regions[0]} --endpoint-url ${emulator.endpoint}`);
  }
  console.log(`\nAdmin: ${emulator.endpoint}/_emulator/health   Press Ctrl+C to stop.`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the emulator.`);
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

function numberOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0) throw new Error(`${name} needs a number >= 0, got "${value}"`);
  return parsed;
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`emulator: ${(err as Error)?.message ?? String(err)}`);
  console.error('Run with --help for the options.');
  process.exit(1);
});
