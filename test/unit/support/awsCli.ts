import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const probe = spawnSync('aws', ['--version'], { encoding: 'utf8' });

/** The AWS CLI's version line (`aws-cli/2.9.19 Python/3.11.2 …`), or undefined when `aws` does not run here. */
export const awsCliVersion = probe.status === 0 ? `${probe.stdout}${probe.stderr}`.trim() : undefined;

/** CI (`.ci/run` exports CI=true) installs Debian's awscli, so there a missing `aws` is a broken machine, not a reason to skip. */
export const onCi = Boolean(process.env.CI) && process.env.CI !== 'false';

/**
 * For the `before` hook of a suite that runs the AWS CLI: nothing when `aws` runs; otherwise, with CI set, fails
 * saying what to install, and elsewhere skips the suite (a contributor may not have the AWS CLI).
 */
export function requireAwsCli(hook: Mocha.Context): void {
  if (awsCliVersion) return;
  const why = probe.error ? probe.error.message : `aws --version exited with ${probe.status}: ${`${probe.stdout}${probe.stderr}`.trim()}`;
  if (onCi) {
    assert.fail(`CI is set but the AWS CLI does not run (${why}): .ci/run installs Debian's awscli (apt-get install awscli); this suite must not be skipped there.`);
  }
  hook.skip(); // apt-get install awscli (or pip install awscli) runs it here too.
}
