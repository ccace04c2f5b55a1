import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describeRecordCommand } from '../../../src/records/panel/cliCommand';
import { shellQuote } from '../../../src/platform/shellQuote';
import { hostileStrings } from '../../fixtures/hostileStrings';
import { allParameterValues } from '../../fixtures/parameterValues';

/** What `sh -c 'printf "%s\n" <quoted>'` prints: a real POSIX shell undoes the quoting. */
function printedByShell(quoted: string): string {
  return execFileSync('/bin/sh', ['-c', `printf '%s\\n' ${quoted}`], { encoding: 'utf8' });
}

/** The words a real shell makes of a command line. */
function shellWords(commandLine: string): string[] {
  const output = execFileSync('/bin/sh', ['-c', `set -- ${commandLine}; for word in "$@"; do printf '%s\\0' "$word"; done`], { encoding: 'utf8' });
  return output.split('\0').slice(0, -1);
}

/**
 * The AWS CLI command the record panel copies is built with `shellQuote`: every value of the corpus
 * (parameter values at and past the limits, hostile strings) must come back from a real shell as
 * exactly the value, one word, with nothing run.
 */
describe('Security: the copied AWS CLI command is safely quoted', () => {
  const values = allParameterValues();

  it('has a corpus with every kind of hostile value', () => {
    assert.ok(values.length >= 60, `${values.length} values`);
    for (const needle of ["'", '"', '$(', '`', '\n', '\\', ';', '|', '🚀', '\u202E']) {
      assert.ok(values.some((value) => value.includes(needle)), `the corpus has a value with ${JSON.stringify(needle)}`);
    }
    assert.ok(values.some((value) => [...value].length === 512), 'a value at the 512-character limit');
  });

  it('prints every value back exactly through sh -c \'printf "%s\\n" <quoted>\'', () => {
    for (const value of values) {
      assert.equal(printedByShell(shellQuote(value)), `${value}\n`, `value ${JSON.stringify(value.slice(0, 60))}`);
    }
  });

  it('keeps every value one word, so nothing spills into another argument', () => {
    for (const value of values) {
      assert.deepEqual(shellWords(shellQuote(value)), [value], `value ${JSON.stringify(value.slice(0, 60))}`);
    }
  });

  it('runs nothing a value contains', () => {
    const marker = `/tmp/sca-quoting-${process.pid}`;
    for (const value of [`$(touch ${marker})`, `\`touch ${marker}\``, `; touch ${marker}`, `' ; touch ${marker} ; '`, `"$(touch ${marker})"`]) {
      printedByShell(shellQuote(value));
      assert.throws(() => execFileSync('/bin/sh', ['-c', `test -e ${marker}`]), `nothing was run for ${value}`);
    }
  });

  it('builds describe-record whose arguments a shell reads back unchanged for hostile profile names', () => {
    for (const value of hostileStrings.filter((candidate) => candidate !== '')) {
      const command = describeRecordCommand({ profile: value, region: 'us-east-1', recordId: 'rec-abc123' });
      assert.ok(command.startsWith('aws servicecatalog describe-record '), command);
      const profileWords = value.startsWith('-') ? [`--profile=${value}`] : ['--profile', value];
      assert.deepEqual(shellWords(command.slice('aws '.length)), ['servicecatalog', 'describe-record', '--id', 'rec-abc123', '--region', 'us-east-1', ...profileWords]);
    }
  });
});
