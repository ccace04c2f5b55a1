import * as vscode from 'vscode';
import type { AwsContext } from '../../aws/awsContext';
import { isCredentialProblem } from '../../aws/errors';
import type { Logger } from '../../platform/logger';
import type { Settings } from '../../catalog/settings';
import { withoutLinks } from '../../platform/plainText';
import type { RecordTracker, ShowRecord } from '../../catalog/records';
import type { ExecuteArguments, ExecuteCommandResult } from '../../catalog/executeArguments';
import { batchOutcome, executionsOf, runWithLimit, startingTitle, whenAllEnded, type BatchProduct } from './executionBatch';
import { showBatchSummary, showFailure } from '../executionFeedback';
import type { ExecutionOutcome, ExecutionRunner } from './executionRunner';
import { executionFailureMessage } from '../failureMessages';
import type { PendingExecution } from './pendingExecutions';
import { resumeQuestion } from './resumePolicy';
import type { Disposable } from '../../platform/disposable';
import type { ExecutionPlan } from '../executionPlan';

export interface ExecutionsDependencies {
  aws: AwsContext;
  settings: Settings;
  log: Logger;
  tracker: RecordTracker;
  showRecord: ShowRecord;
  runner: ExecutionRunner;
  /** "Change Parameters" after Service Catalog refused some: the wizard again, for review. */
  changeParameters(args: ExecuteArguments): Promise<unknown>;
}

/**
 * Runs confirmed requests and tells how each went: a progress notification while they are sent, the
 * record panel of a single one, a failure in words with its buttons (Try Again sends the same token),
 * a batch's summary once all have ended, and the question about old pending requests.
 */
export class Executions implements vscode.Disposable {
  private readonly waits = new Set<Disposable>();
  /** The requests of a question not answered yet: not asked about twice. */
  private readonly asking = new Set<string>();

  constructor(private readonly deps: ExecutionsDependencies) {}

  async execute(plan: ExecutionPlan): Promise<ExecuteCommandResult> {
    const { runner } = this.deps;
    const requests = executionsOf(plan);
    const progress = { location: vscode.ProgressLocation.Notification, title: startingTitle(plan) };
    if (requests.length === 1 && plan.skipped.length === 0) {
      const outcome = await vscode.window.withProgress(progress, () => runner.start(requests[0]));
      return this.report(outcome, plan.parameterNames, true);
    }

    const outcomes = await vscode.window.withProgress(progress, (shown) =>
      runWithLimit(requests, this.deps.settings.maxConcurrentExecutions, async (request) => {
        const outcome = await runner.start(request);
        shown.report({ increment: 100 / requests.length });
        return outcome;
      }),
    );
    const { result, products } = batchOutcome(plan, outcomes);
    const actionName = plan.action.name ?? plan.action.id;
    if (result.started.length > 0 && result.notStarted.length > 0) {
      void vscode.window.showWarningMessage(
        withoutLinks(
          vscode.l10n.t('{0} did not start on {1} of {2} products; the others are running. A summary follows when they end.', actionName, result.notStarted.length, products.length),
        ),
      );
    }
    this.summarizeWhenEnded(actionName, products);
    return result;
  }

  /** Sends a pending request again with its own token, and reports it as a reload's: no panel opens. */
  async resume(request: PendingExecution): Promise<void> {
    const outcome = await this.deps.runner.complete(request);
    if (outcome.ok) {
      this.deps.log.info(`The interrupted execution ${request.executeToken} has record ${outcome.record.RecordId}`);
    }
    await this.report(outcome, Object.keys(request.parameters), false);
  }

  /** Whether the request is in a question not answered yet. */
  isAsking(request: PendingExecution): boolean {
    return this.asking.has(request.executeToken);
  }

  /** One question for all of them: Send Again (each with its token) or Discard. */
  async askToResume(requests: PendingExecution[], now: number): Promise<void> {
    const send = vscode.l10n.t('Send Again');
    const discard = vscode.l10n.t('Discard');
    requests.forEach((request) => this.asking.add(request.executeToken));
    let chosen: string | undefined;
    try {
      chosen = await vscode.window.showWarningMessage(resumeQuestion(requests, now), send, discard);
    } finally {
      requests.forEach((request) => this.asking.delete(request.executeToken));
    }
    if (chosen === send) {
      await Promise.all(requests.map((request) => this.resume(request)));
    } else if (chosen === discard) {
      await Promise.all(requests.map((request) => this.deps.runner.discard(request)));
    }
  }

  dispose(): void {
    this.waits.forEach((wait) => wait.dispose());
    this.waits.clear();
  }

  private summarizeWhenEnded(actionName: string, products: BatchProduct[]): void {
    const refs = products.flatMap((product) => (product.ref ? [product.ref] : []));
    const wait = whenAllEnded(this.deps.tracker, refs);
    this.waits.add(wait);
    void wait.ended.then((records) => {
      this.waits.delete(wait);
      const byRecord = new Map(records.map((record) => [record.ref.recordId, record]));
      showBatchSummary(
        actionName,
        products.map((product) => ({
          productName: product.name,
          record: product.ref ? byRecord.get(product.ref.recordId) : undefined,
          notStarted: product.notStarted,
        })),
        this.deps.showRecord,
      );
    });
  }

  /** One execution's outcome: its record's panel opens, or the failure is explained. */
  private async report(outcome: ExecutionOutcome, parameterNames: string[], open: boolean): Promise<ExecuteCommandResult> {
    if (outcome.ok) {
      const { ref } = outcome;
      if (open) {
        this.deps.showRecord(ref);
      }
      return { outcome: 'executed', started: [ref], notStarted: [] };
    }
    const { request, failure } = outcome;
    const words = executionFailureMessage(request, failure, parameterNames);
    showFailure(words, {
      showRecord: this.deps.showRecord,
      tryAgain: () => {
        if (isCredentialProblem(failure.problem)) {
          this.deps.aws.forgetCredentials(request.profile);
        }
        // The same token: if the first attempt did start the action, this returns its record.
        return this.deps.runner.complete(request).then((again) => this.report(again, parameterNames, open));
      },
      changeParameters: () =>
        this.deps.changeParameters({
          profile: request.profile,
          region: request.region,
          provisionedProductId: request.provisionedProductId,
          serviceActionId: request.serviceActionId,
          review: true,
        }),
    });
    return { outcome: 'executed', started: [], notStarted: [{ provisionedProductId: request.provisionedProductId, message: words.message }] };
  }
}
