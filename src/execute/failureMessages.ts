import { t } from '@vscode/l10n';
import type { AwsProblem } from '../aws/errors';
import type { RecordRef } from '../catalog/records';
import type { WizardEnd } from './wizard/wizardContext';
import { secretValuesNotKept, type ExecutionFailure } from './run/executionRunner';
import type { PendingExecution } from './run/pendingExecutions';

/** What a message about a failure offers to do next. */
export type FailureAction =
  | { kind: 'showRecord'; ref: RecordRef }
  | { kind: 'ssoLogin'; profile: string }
  | { kind: 'tryAgain' }
  | { kind: 'changeParameters' };

export interface FailureMessage {
  message: string;
  actions: FailureAction[];
}

/** Words a user can act on, for an execution that did not start. */
export function executionFailureMessage(
  request: PendingExecution,
  failure: ExecutionFailure,
  parameterNames: readonly string[] = Object.keys(request.parameters),
): FailureMessage {
  const { problem } = failure;
  const product = request.provisionedProductName ?? request.provisionedProductId;
  const action = request.serviceActionName ?? request.serviceActionId;
  const where = { profile: request.profile, region: request.region };

  if (problem.code === secretValuesNotKept) {
    return { message: withFix(t('{0} on {1} was not sent again: {2}', action, product, problem.detail), problem), actions: [{ kind: 'changeParameters' }] };
  }
  switch (problem.kind) {
    case 'invalid-state': {
      const recordId = failure.runningRecordId;
      return recordId
        ? {
            message: t('{0} is under change: record {1} is still running. Wait until it ends, then run {2} again.', product, recordId, action),
            actions: [{ kind: 'showRecord', ref: { ...where, recordId } }],
          }
        : { message: t('{0} is under change: another request is running. Wait until it is available, then run {1} again.', product, action), actions: [] };
    }
    case 'invalid-parameters': {
      const named = firstNamed(problem.detail, parameterNames);
      return {
        message: named
          ? t('Service Catalog refused parameter {0} of {1}: {2}', named, action, problem.detail)
          : t('Service Catalog refused the request to run {0} on {1}: {2}', action, product, problem.detail),
        actions: [{ kind: 'changeParameters' }],
      };
    }
    case 'not-found':
      return {
        message: t('{0} or the action {1} was not found in {2} ({3}, profile {4}): {5} Refresh the view: it may have been terminated or the action removed.', product, action, request.region, request.accountId ?? t('account unknown'), request.profile, problem.detail),
        actions: [],
      };
    case 'access-denied':
      return {
        message: withFix(t('Profile {0} may not run {1} on {2}: {3}', request.profile, action, product, problem.detail), problem),
        actions: [],
      };
    case 'sso-login-required':
      return {
        message: withFix(t('Could not run {0} on {1}: {2}', action, product, problem.detail), problem),
        actions: [{ kind: 'ssoLogin', profile: request.profile }, { kind: 'tryAgain' }],
      };
    case 'expired-credentials':
    case 'invalid-credentials':
    case 'missing-credentials':
    case 'mfa-cancelled':
    case 'credentials-timeout':
      return { message: withFix(t('Could not run {0} on {1}: {2}', action, product, problem.detail), problem), actions: [{ kind: 'tryAgain' }] };
    case 'throttled':
    case 'network':
    case 'service-unavailable':
      return {
        message: [
          t('Could not start {0} on {1}: {2}', action, product, problem.detail),
          failure.maybeStarted
            ? t('It may have started. Try Again sends the same request token, so it cannot run twice.')
            : t('It did not start. Try Again when AWS answers.'),
        ].join(' '),
        actions: [{ kind: 'tryAgain' }],
      };
    default:
      return { message: withFix(t('Could not run {0} on {1}: {2}', action, product, problem.detail), problem), actions: [{ kind: 'tryAgain' }] };
  }
}

/** Words for a wizard that ended before the review: a reason, or a read that failed. */
export function wizardEndMessage(end: WizardEnd): FailureMessage {
  if (end.kind === 'stopped') {
    return { message: end.message, actions: end.record ? [{ kind: 'showRecord', ref: end.record }] : [] };
  }
  const { problem } = end;
  const actions: FailureAction[] = [];
  if (problem.kind === 'sso-login-required' && end.profile) {
    actions.push({ kind: 'ssoLogin', profile: end.profile });
  }
  actions.push({ kind: 'tryAgain' });
  return { message: withFix(t('{0} failed: {1}', end.doing, problem.detail), problem), actions };
}

function withFix(message: string, problem: AwsProblem): string {
  return problem.fix ? `${message} ${problem.fix}` : message;
}

/** The name the message mentions first ("Parameter X is not defined... Its parameters are: Y" names X). */
function firstNamed(message: string, names: readonly string[]): string | undefined {
  let best: { name: string; index: number } | undefined;
  for (const name of names) {
    const index = message.search(new RegExp(`\\b${escapeRegExp(name)}\\b`));
    if (index >= 0 && (!best || index < best.index)) {
      best = { name, index };
    }
  }
  return best?.name;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
