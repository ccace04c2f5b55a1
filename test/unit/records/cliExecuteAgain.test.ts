import * as assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { executeAgainCommand, type ExecuteAgainInput } from '../../../src/records/panel/cliCommand';
import { hostileStrings } from '../../fixtures/hostileStrings';
import { allParameterValues, atLimits, longParameterName } from '../../fixtures/parameterValues';
import { credential, useEmulator } from '../emulator/helpers';
import { requireAwsCli } from '../support/awsCli';

/** The words a real POSIX shell makes of a command line. */
function shellWords(commandLine: string): string[] {
  const output = execFileSync('/bin/sh', ['-c', `set -- ${commandLine}; for word in "$@"; do printf '%s\\0' "$word"; done`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return output.split('\0').slice(0, -1);
}

/** What the shell hands the CLI as the value of `--parameters` (or `--parameters=`). */
function parametersArgument(words: string[]): string | undefined {
  const index = words.indexOf('--parameters');
  if (index >= 0) return words[index + 1];
  return words.find((word) => word.startsWith('--parameters='))?.slice('--parameters='.length);
}

const base: ExecuteAgainInput = { profile: 'dev', region: 'eu-west-1', provisionedProductId: 'pp-abc123', serviceActionId: 'act-restart000001' };

/** Every value of the corpus in lists of at most 25 (the API's limit), under hostile names too. */
function corpusParameters(): Array<Record<string, string[]>> {
  const values = allParameterValues();
  const groups: Array<Record<string, string[]>> = [];
  for (let i = 0; i < values.length; i += 25) groups.push({ InstanceId: values.slice(i, i + 25) });
  groups.push(...atLimits.map((testCase) => testCase.parameters));
  groups.push(Object.fromEntries(hostileStrings.filter((name) => name !== '').map((name, index) => [name.slice(0, 50), [`value ${index}`, name]])));
  groups.push({ [longParameterName]: [''], Empty: [] });
  return groups;
}

describe('the AWS CLI command that executes a record\'s action again', () => {
  it('has the parameters as the JSON map of string lists the CLI takes, and no execute token (the CLI makes a new one)', () => {
    assert.equal(
      executeAgainCommand({ ...base, parameters: { InstanceId: ['i-0abc'], Note: ['two words', "it's"] } }),
      `aws servicecatalog execute-provisioned-product-service-action --provisioned-product-id pp-abc123 --service-action-id act-restart000001 --parameters '{"InstanceId":["i-0abc"],"Note":["two words","it'\\''s"]}' --region eu-west-1 --profile dev`,
    );
    assert.equal(
      executeAgainCommand(base),
      'aws servicecatalog execute-provisioned-product-service-action --provisioned-product-id pp-abc123 --service-action-id act-restart000001 --region eu-west-1 --profile dev',
      'no parameters: none passed, the action takes its defaults',
    );
    assert.ok(!executeAgainCommand({ ...base, parameters: {} }).includes('--parameters'));
  });

  it('gives the CLI exactly the original JSON through a real sh, for every value and name of the corpus', () => {
    const groups = corpusParameters();
    assert.ok(groups.flatMap((group) => Object.values(group).flat()).length >= 60, 'the whole corpus');
    for (const parameters of groups) {
      const command = executeAgainCommand({ ...base, parameters });
      const words = shellWords(command.slice('aws '.length));
      const json = parametersArgument(words);
      assert.equal(json, JSON.stringify(parameters), `the JSON of ${JSON.stringify(parameters).slice(0, 80)}`);
      assert.deepEqual(JSON.parse(json!), parameters);
      assert.deepEqual(words.slice(0, 6), ['servicecatalog', 'execute-provisioned-product-service-action', '--provisioned-product-id', 'pp-abc123', '--service-action-id', 'act-restart000001']);
      assert.deepEqual(words.slice(-4), ['--region', 'eu-west-1', '--profile', 'dev'], 'nothing spilled into another argument');
    }
  });

  it('keeps hostile profile names, regions and ids one argument each', () => {
    for (const value of hostileStrings.filter((candidate) => candidate !== '')) {
      const words = shellWords(
        executeAgainCommand({ profile: value, region: value, provisionedProductId: value, serviceActionId: value, parameters: { [value.slice(0, 50)]: [value] } }).slice('aws '.length),
      );
      const expected = (name: string) => (value.startsWith('-') ? [`${name}=${value}`] : [name, value]);
      assert.deepEqual(words, [
        'servicecatalog',
        'execute-provisioned-product-service-action',
        ...expected('--provisioned-product-id'),
        ...expected('--service-action-id'),
        '--parameters',
        JSON.stringify({ [value.slice(0, 50)]: [value] }),
        ...expected('--region'),
        ...expected('--profile'),
      ]);
    }
  });

  it('runs nothing a value contains', () => {
    const marker = path.join(tmpdir(), `sca-execute-again-${process.pid}`);
    const values = [`$(touch ${marker})`, `\`touch ${marker}\``, `'; touch ${marker}; '`, `"; touch ${marker}; "`, `\\'; touch ${marker}`];
    shellWords(executeAgainCommand({ ...base, parameters: { Note: values } }).slice('aws '.length));
    assert.throws(() => execFileSync('/bin/sh', ['-c', `test -e ${marker}`]), 'nothing was run');
  });
});

const run = promisify(execFile);

/** The copied command, pasted into sh with the real AWS CLI, against the emulator: the action runs with exactly the parameters. */
describe('the copied command run by the AWS CLI', function () {
  this.timeout(120_000);
  const ctx = useEmulator();
  let dir: string;

  before(function () {
    requireAwsCli(this);
  });
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'sca-execute-again-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('executes the action with the original parameters, whatever the values hold', async () => {
    const alice = credential('main-alice');
    writeFileSync(path.join(dir, 'credentials'), `[main-alice]\naws_access_key_id = ${alice.accessKeyId}\naws_secret_access_key = ${alice.secretAccessKey}\n`);
    const env = {
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_'))),
      AWS_CONFIG_FILE: path.join(dir, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
      AWS_PAGER: '',
    };
    const values = allParameterValues().filter((value) => [...value].length <= 512);
    const groups = [];
    for (let i = 0; i < values.length; i += 25) groups.push(values.slice(i, i + 25));
    for (const group of groups) {
      const parameters = { InstanceId: group };
      const command = executeAgainCommand({ profile: 'main-alice', region: 'us-east-1', provisionedProductId: 'pp-alice00000001', serviceActionId: 'act-restart000001', parameters });
      const { stdout } = await run('/bin/sh', ['-c', `${command} --endpoint-url ${ctx.emulator.endpoint} --output json`], { env, maxBuffer: 64 * 1024 * 1024 });
      const recordId = (JSON.parse(stdout) as { RecordDetail: { RecordId: string } }).RecordDetail.RecordId;
      assert.deepEqual(ctx.emulator.state.records.get(recordId)?.execution?.parameters, parameters, `values ${JSON.stringify(group).slice(0, 80)}`);
      ctx.emulator.clock.advance(60_000);
    }
    assert.equal(ctx.emulator.counters().executions.total, groups.length, 'each paste ran once, with a token of its own');
  });
});
