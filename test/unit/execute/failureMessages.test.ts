import * as assert from 'node:assert/strict';
import type { AwsProblem } from '../../../src/aws/errors';
import { executionFailureMessage, wizardEndMessage } from '../../../src/execute/failureMessages';
import type { PendingExecution } from '../../../src/execute/run/pendingExecutions';

const request: PendingExecution = {
  executeToken: 't-1',
  profile: 'dev',
  region: 'eu-west-1',
  provisionedProductId: 'pp-1',
  provisionedProductName: 'web-1',
  serviceActionId: 'act-1',
  serviceActionName: 'Restart',
  parameters: { InstanceId: ['i-1'] },
  createdAt: 0,
};

const problem = (kind: AwsProblem['kind'], detail: string, fix?: string): AwsProblem => ({ kind, summary: kind, detail, fix, retryable: false });

describe('failure messages', () => {
  it('access denied: who may not do what, with the fix', () => {
    const words = executionFailureMessage(request, { problem: problem('access-denied', 'User is not authorized.', 'Ask your administrator.'), maybeStarted: false });
    assert.equal(words.message, 'Profile dev may not run Restart on web-1: User is not authorized. Ask your administrator.');
    assert.deepEqual(words.actions, []);
  });

  it('SSO login needed: offers to run aws sso login, and to try again', () => {
    const words = executionFailureMessage(request, {
      problem: { ...problem('sso-login-required', 'The SSO session of profile "dev" has expired.', 'Run "aws sso login --profile dev" and refresh.'), ssoLoginCommand: 'aws sso login --profile dev' },
      maybeStarted: false,
    });
    assert.match(words.message, /has expired\. Run "aws sso login --profile dev"/);
    assert.deepEqual(words.actions, [{ kind: 'ssoLogin', profile: 'dev' }, { kind: 'tryAgain' }]);
  });

  it('offers the SSO login for any profile name: the CLI runs without a shell, so the name is only ever an argument', () => {
    const words = executionFailureMessage({ ...request, profile: 'dev; rm -rf ~' }, { problem: problem('sso-login-required', 'expired'), maybeStarted: false });
    assert.deepEqual(words.actions, [{ kind: 'ssoLogin', profile: 'dev; rm -rf ~' }, { kind: 'tryAgain' }]);
  });

  it('invalid parameters without a name in the message: says which request', () => {
    const words = executionFailureMessage(request, { problem: problem('invalid-parameters', 'The request is not valid.'), maybeStarted: false });
    assert.equal(words.message, 'Service Catalog refused the request to run Restart on web-1: The request is not valid.');
  });

  it('under change without a known record: says to wait', () => {
    const words = executionFailureMessage(request, { problem: problem('invalid-state', 'busy'), maybeStarted: false });
    assert.equal(words.message, 'web-1 is under change: another request is running. Wait until it is available, then run Restart again.');
    assert.deepEqual(words.actions, []);
  });

  it('anything else: the detail and the fix, and Try Again', () => {
    const words = executionFailureMessage(request, { problem: problem('unknown', 'Something odd.', 'Look at the log.'), maybeStarted: false });
    assert.equal(words.message, 'Could not run Restart on web-1: Something odd. Look at the log.');
    assert.deepEqual(words.actions, [{ kind: 'tryAgain' }]);
  });

  it('a wizard that stopped: its reason, and the running record when there is one', () => {
    const ref = { profile: 'dev', region: 'eu-west-1', recordId: 'rec-1' };
    assert.deepEqual(wizardEndMessage({ kind: 'stopped', message: 'web-1 is under change.', record: ref }), {
      message: 'web-1 is under change.',
      actions: [{ kind: 'showRecord', ref }],
    });
  });

  it('a wizard whose read failed: what it was doing, the problem and its fix; SSO login when needed', () => {
    const words = wizardEndMessage({
      kind: 'failed',
      doing: 'Listing the provisioned products of dev in eu-west-1',
      profile: 'dev',
      problem: { ...problem('sso-login-required', 'The SSO session has expired.', 'Run "aws sso login --profile dev" and refresh.'), ssoLoginCommand: 'aws sso login --profile dev' },
    });
    assert.equal(words.message, 'Listing the provisioned products of dev in eu-west-1 failed: The SSO session has expired. Run "aws sso login --profile dev" and refresh.');
    assert.deepEqual(words.actions, [{ kind: 'ssoLogin', profile: 'dev' }, { kind: 'tryAgain' }]);
  });
});
