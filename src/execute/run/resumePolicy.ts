import { t } from '@vscode/l10n';
import type { Logger } from '../../platform/logger';
import { withoutLinks } from '../../platform/plainText';
import type { AwsFiles } from '../../aws/configFiles';
import type { PendingExecution, PendingExecutionStore } from './pendingExecutions';

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

/** What the extension does with each request, as the policy decides. */
export interface ResumeActions {
  now(): number;
  /** Whose AWS files are read now: only the requests made with them are sent again (or dropped for their age). */
  files(): AwsFiles;
  log: Logger;
  /** Sends it again with its own token and reports how it went. */
  resume(request: PendingExecution): Promise<void>;
  /** One question for all of them; not waited for. */
  ask(requests: PendingExecution[], now: number): void;
  /** Forgets it without sending it. */
  discard(request: PendingExecution): Promise<void>;
  /** Whether it is being sent right now (it is not sent a second time). */
  inProgress(request: PendingExecution): boolean;
}

/**
 * What activation does with the pending requests: this window's own (left by a reload) at once, then
 * those of windows that were closed, once the store has taken them over (`adoptOrphans`). Resolves when
 * this window's own recent requests are done; `orphans` when the others' are. Requests made with the
 * other AWS files (the sandbox's while the user's are read, or the other way round) are left as they
 * are, neither sent nor dropped, until those files are read again.
 */
export function resumePendingRequests(
  store: Pick<PendingExecutionStore, 'mine' | 'adoptOrphans'>,
  actions: ResumeActions,
): { own: Promise<void>; orphans: Promise<void> } {
  const adopting = store.adoptOrphans().catch((error: unknown) => {
    actions.log.warn(`Could not take over the pending executions of closed windows: ${String(error)}`);
    return [];
  });
  const own = applyResumePolicy(store.mine(), actions, 'a reload');
  const orphans = adopting.then((adopted) => applyResumePolicy(adopted, actions, 'a window that closed'));
  return { own, orphans };
}

async function applyResumePolicy(requests: PendingExecution[], actions: ResumeActions, interruptedBy: string): Promise<void> {
  const now = actions.now();
  const files = actions.files();
  const waiting = requests.filter((request) => (request.files ?? 'user') !== files);
  if (waiting.length > 0) {
    actions.log.info(`${waiting.length} pending execution(s) left by ${interruptedBy} wait for the ${files === 'user' ? 'sandbox\'s' : 'user\'s'} AWS files: ${waiting.map((request) => request.executeToken).join(', ')}`);
  }
  const plan = planResume(
    requests.filter((request) => !actions.inProgress(request) && (request.files ?? 'user') === files),
    now,
  );
  for (const request of plan.drop) {
    actions.log.warn(droppedLine(request, now));
    await actions.discard(request).catch((error: unknown) => actions.log.warn(`Could not drop ${request.executeToken}: ${String(error)}`));
  }
  if (plan.ask.length > 0) {
    actions.ask(plan.ask, now);
  }
  await Promise.all(
    plan.resume.map((request) => {
      actions.log.info(`Completing the execution ${request.executeToken} that ${interruptedBy} interrupted`);
      return actions.resume(request);
    }),
  );
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
