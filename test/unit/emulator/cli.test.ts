import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ScanProvisionedProductsCommand } from '@aws-sdk/client-service-catalog';
import { TEST_SEED_PATH } from '../../fixtures/seeds';
import { client } from './helpers';

const CLI = path.resolve(__dirname, '../../../src/emulator/cli.ts');
const nodeArgs = (...args: string[]) => ['--require', 'tsx/cjs', CLI, ...args];

function waitForOutput(child: ChildProcessWithoutNullStreams, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in: ${output}`)), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ${pattern}: ${output}`));
    });
  });
}

describe('emulator: command line', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'sc-emulator-cli-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('explains its options with --help', () => {
    const result = spawnSync(process.execPath, nodeArgs('--help'), { encoding: 'utf8' });
    assert.equal(result.status, 0);
    assert.match(result.stdout, /Usage: npm run emulator -- \[options\]/);
    for (const option of ['--port', '--seed', '--clock-speed', '--latency', '--write-config']) assert.match(result.stdout, new RegExp(option));
  });

  it('fails clearly on a bad option or seed', () => {
    const bad = spawnSync(process.execPath, nodeArgs('--clock-speed', 'fast'), { encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /--clock-speed needs a number >= 0, got "fast"/);
    const missing = spawnSync(process.execPath, nodeArgs('--seed', path.join(dir, 'none.json')), { encoding: 'utf8' });
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /Invalid emulator seed .*none\.json.*cannot read the file/s);
  });

  it('serves a seed, writes an AWS config, and stops cleanly on Ctrl+C', async () => {
    const child = spawn(process.execPath, nodeArgs('--port', '0', '--seed', TEST_SEED_PATH, '--write-config', dir, '--quiet'));
    try {
      const output = await waitForOutput(child, /Press Ctrl\+C to stop\./);
      const endpoint = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      assert.ok(endpoint, output);
      assert.match(output, new RegExp(`export AWS_CONFIG_FILE=${path.join(dir, 'config')} AWS_SHARED_CREDENTIALS_FILE=${path.join(dir, 'credentials')}`));
      assert.ok(existsSync(path.join(dir, 'credentials')));
      const scan = await client({ endpoint }).send(new ScanProvisionedProductsCommand({}));
      assert.equal(scan.$metadata.httpStatusCode, 200);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
