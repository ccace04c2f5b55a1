import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describeRecordCommand } from '../../../src/records/panel/cliCommand';
import { shellQuote } from '../../../src/platform/shellQuote';

/** What a real POSIX shell makes of a command line: its words, after quoting is undone. */
function shellWords(commandLine: string): string[] {
  const output = execFileSync('/bin/sh', ['-c', `set -- ${commandLine}; for word in "$@"; do printf '%s\\0' "$word"; done`], { encoding: 'utf8' });
  return output.split('\0').slice(0, -1);
}

const hostile = [
  '',
  ' ',
  'plain',
  "it's",
  "''",
  '"double"',
  '$(touch /tmp/pwned)',
  '`id`',
  '${HOME}',
  '$HOME',
  'a;rm -rf /',
  'a && b || c',
  'line1\nline2',
  'tab\there',
  'back\\slash',
  '*',
  '?',
  '~',
  '#comment',
  '-x',
  '--profile',
  'a|b>c<d',
  '日本語のプロファイル',
  'emoji 🚀',
  "mix '$(x)' \"`y`\" \\ \n end",
];

describe('AWS CLI command', () => {
  it('leaves plain words alone and quotes everything else', () => {
    assert.equal(shellQuote('rec-abc123'), 'rec-abc123');
    assert.equal(shellQuote('us-east-1'), 'us-east-1');
    assert.equal(shellQuote(''), "''");
    assert.equal(shellQuote('a b'), "'a b'");
    assert.equal(shellQuote("it's"), "'it'\\''s'");
  });

  for (const value of hostile) {
    it(`a shell reads ${JSON.stringify(value)} back as exactly one word, unchanged`, () => {
      assert.deepEqual(shellWords(shellQuote(value)), [value]);
    });
  }

  it('builds describe-record with the id, region and profile', () => {
    assert.equal(
      describeRecordCommand({ profile: 'dev', region: 'eu-west-1', recordId: 'rec-abc123' }),
      'aws servicecatalog describe-record --id rec-abc123 --region eu-west-1 --profile dev',
    );
  });

  it('names a discovered IAM Identity Center role by the profile "Add as a Profile" writes for it', () => {
    assert.equal(
      describeRecordCommand({ profile: 'sso my-sso/123456789012/ServiceCatalogEndUser', region: 'us-east-1', recordId: 'rec-abc123' }),
      'aws servicecatalog describe-record --id rec-abc123 --region us-east-1 --profile my-sso-123456789012-ServiceCatalogEndUser',
    );
    assert.match(
      describeRecordCommand({ profile: 'sso https://acme.awsapps.com/start/123456789012/ReadOnly', region: 'us-east-1', recordId: 'rec-abc123' }),
      / --profile acme.awsapps.com-123456789012-ReadOnly$/,
    );
  });

  it('survives hostile profile names and ids: the shell sees the intended arguments', () => {
    for (const value of hostile.filter((v) => v !== '')) {
      const command = describeRecordCommand({ profile: value, region: 'us-east-1', recordId: `rec-${value}` });
      assert.ok(command.startsWith('aws servicecatalog describe-record '));
      const words = shellWords(command.slice('aws '.length));
      const expectedProfile = value.startsWith('-') ? [`--profile=${value}`] : ['--profile', value];
      assert.deepEqual(words, ['servicecatalog', 'describe-record', '--id', `rec-${value}`, '--region', 'us-east-1', ...expectedProfile], command);
    }
  });
});
