import { strict as assert } from 'node:assert';
import { renameSync, writeFileSync } from 'node:fs';
import { watchConfigFiles } from '../../../src/aws/configWatcher';
import { TempAwsFiles } from './tempAwsFiles';

describe('watchConfigFiles', function () {
  this.timeout(10_000);
  let files: TempAwsFiles;
  afterEach(() => files.remove());

  const changeSeen = (paths: { config: string; credentials: string }, act: () => void) =>
    new Promise<void>((resolve) => {
      const watcher = watchConfigFiles(paths, () => {
        watcher.dispose();
        resolve();
      }, { intervalMs: 50, debounceMs: 20 });
      setTimeout(act, 200);
    });

  it('notices an edit of the config file', async () => {
    files = new TempAwsFiles('[profile a]\nregion = us-east-1\n');
    await changeSeen({ config: files.configFile, credentials: files.credentialsFile }, () =>
      files.writeConfig('[profile a]\nregion = us-east-1\n[profile b]\nregion = eu-west-1\n'),
    );
  });

  it('notices a credentials file that appears, and one replaced by a rename', async () => {
    files = new TempAwsFiles('[profile a]\nregion = us-east-1\n');
    await changeSeen({ config: files.configFile, credentials: files.credentialsFile }, () => files.writeCredentials('[a]\naws_access_key_id = AKIAEXAMPLE00000001\n'));
    const replacement = `${files.configFile}.tmp`;
    await changeSeen({ config: files.configFile, credentials: files.credentialsFile }, () => {
      writeFileSync(replacement, '[profile c]\nregion = us-west-2\n');
      renameSync(replacement, files.configFile);
    });
  });

  it('stays quiet after dispose', async () => {
    files = new TempAwsFiles('[profile a]\nregion = us-east-1\n');
    let calls = 0;
    const watcher = watchConfigFiles({ config: files.configFile, credentials: files.credentialsFile }, () => calls++, { intervalMs: 50, debounceMs: 10 });
    watcher.dispose();
    files.writeConfig('[profile z]\n');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(calls, 0);
  });
});
