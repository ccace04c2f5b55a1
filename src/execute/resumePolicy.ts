import { t } from '@vscode/l10n';
import { withoutLinks } from '../records/plainText';
import type { PendingExecution } from './pendingExecutions';

/**
 * What to do with the requests a window left pending (a reload, VS Code quitting, a request that
 * may have reached Service Catalog when AWS stopped answering), by how long ago they were confirmed:
 *
 * - up to `resumeWithoutAskingMs` (10 minutes): the person is still there and meant it: they are
 *   sent again at once, each with its own token;
 * - up to `tokenLifetimeMs` (24 hours): one question for all of them (Send Again / Discard);
 * - older: dropped, with a log line, and never sent again. Service Catalog does not document how long
 *   it remembers an ExecuteToken; AWS documents 8 to 24 hours for the idempotency tokens of other
 *   services (EC2 client tokens and others: 24 hours). A request sent again after that could run the
 *   action a second time, so nothing here promises otherwise beyond it.
 */
export interface ResumeLimits {
  resumeWithoutAskingMs: number;
  tokenLifetimeMs: number;
}

export const defaultResumeLimits: ResumeLimits = {
  resumeWithoutAskingMs: 10 * 60_000,
  tokenLifetimeMs: 24 * 60 * 60_000,
};

export interface ResumePlan {
  resume: PendingExecution[];
  ask: PendingExecution[];
  drop: PendingExecution[];
}

/** Sorts the pending requests by age, oldest first in each group. A request dated in the future (a clock that moved back) counts as new. */
export function planResume(pending: readonly PendingExecution[], now: number, limits: ResumeLimits = defaultResumeLimits): ResumePlan {
  const plan: ResumePlan = { resume: [], ask: [], drop: [] };
  for (const request of [...pending].sort((a, b) => a.createdAt - b.createdAt)) {
    const age = ageOf(request, now);
    if (age <= limits.resumeWithoutAskingMs) {
      plan.resume.push(request);
    } else if (age <= limits.tokenLifetimeMs) {
      plan.ask.push(request);
    } else {
      plan.drop.push(request);
    }
  }
  return plan;
}

export function ageOf(request: PendingExecution, now: number): number {
  return Math.max(0, now - request.createdAt);
}

/** The one question about every request old enough to ask about. Names come from AWS: they stay text. */
export function resumeQuestion(requests: readonly PendingExecution[], now: number): string {
  const minutes = (request: PendingExecution) => Math.round(ageOf(request, now) / 60_000);
  const oldest = requests.reduce((a, b) => (a.createdAt <= b.createdAt ? a : b));
  if (requests.length === 1) {
    return withoutLinks(
      t(
        '{0} on {1} was interrupted {2} minutes ago before Service Catalog answered. Send the request again? It carries the same token: if it did start then, it will not run twice.',
        actionOf(oldest),
        productOf(oldest),
        minutes(oldest),
      ),
    );
  }
  return withoutLinks(
    t(
      '{0} requests were interrupted before Service Catalog answered, the oldest {1} minutes ago: {2}. Send them again? Each carries its own token: one that did start then will not run twice.',
      requests.length,
      minutes(oldest),
      requests.map((request) => t('{0} on {1}', actionOf(request), productOf(request))).join(', '),
    ),
  );
}

/** The log line of a request dropped for its age. */
export function droppedLine(request: PendingExecution, now: number, limits: ResumeLimits = defaultResumeLimits): string {
  const hours = (ms: number) => Math.round(ms / 3_600_000);
  return (
    `Dropped the pending execution ${request.executeToken} (${request.serviceActionId} on ${request.provisionedProductId}, ` +
    `${request.profile}, ${request.region}): confirmed ${hours(ageOf(request, now))} h ago, longer than its token can be relied on (${hours(limits.tokenLifetimeMs)} h); it was not sent again`
  );
}

function actionOf(request: PendingExecution): string {
  return request.serviceActionName ?? request.serviceActionId;
}

function productOf(request: PendingExecution): string {
  return request.provisionedProductName ?? request.provisionedProductId;
}
