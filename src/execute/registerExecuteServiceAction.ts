import * as vscode from 'vscode';
import type { AwsContext } from '../aws/awsContext';
import { isCredentialProblem } from '../aws/errors';
import type { Logger } from '../platform/logger';
import { mfaCodeRouter } from '../platform/mfaPrompt';
import type { Settings } from '../platform/settings';
import { withoutLinks } from '../records/plainText';
import type { Disposable, RecordRef, RecordTracker } from '../records/recordTypes';
import { AwsCatalogSource } from './catalogSource';
import { ChoiceMemory } from './choiceMemory';
import { readExecuteRequest, type ExecuteArguments } from './executeArgs';
import type { ExecutionPlan } from './executeContext';
import { executionsOf, runWithLimit, startingTitle, whenAllEnded, type BatchEntry, type BatchTracker } from './executionBatch';
import { openRecord, showBatchSummary, showFailure } from './executionFeedback';
import { ExecutionRunner, type ExecutionOutcome } from './executionRunner';
import { runExecuteWizard } from './executeWizard';
import { executionFailureMessage, wizardEndMessage } from './failureMessages';
import { PendingExecutionStore, type PendingExecution } from './pendingExecutions';
import { droppedLine, planResume, resumeQuestion } from './resumePolicy';
import { VscodeQuickInput } from './vscodeQuickInput';

export const executeServiceActionCommand = 'serviceCatalog.executeServiceAction';

export interface ExecuteDependencies {
  aws: AwsContext;
  settings: Settings;
  log: Logger;
  tracker: RecordTracker & BatchTracker;
}

/** What the command returns to callers (tests, other extensions); it does not wait for messages to be dismissed. */
export type ExecuteCommandResult =
  | { outcome: 'cancelled' }
  | { outcome: 'invalid-arguments'; message: string }
  | { outcome: 'ended'; message: string }
  | { outcome: 'executed'; started: RecordRef[]; notStarted: Array<{ provisionedProductId: string; message: string }> };

/** The execute part, as the extension's API exposes it (for tests and other extensions). */
export interface ExecutePart {
  /** Requests whose record is not known yet, kept in globalState. */
  pending: PendingExecutionStore;
  /** What activation does: completes recent pending requests with their own tokens (asks about old ones). */
  resumePending(): Promise<void>;
}

/** Registers "Execute Service Action" and completes the executions a reload interrupted. */
export function registerExecuteServiceAction(context: vscode.ExtensionContext, deps: ExecuteDependencies): ExecutePart {
  const pending = new PendingExecutionStore(context.globalState);
  const command = new ExecuteServiceActionCommand(context.globalState, pending, deps);
  context.subscriptions.push(
    command,
    vscode.commands.registerCommand(executeServiceActionCommand, (first?: unknown, second?: unknown) => command.run(first, second)),
  );
  void command.resumePending();
  return { pending, resumePending: () => command.resumePending() };
}

class ExecuteServiceActionCommand implements vscode.Disposable {
  private readonly source: AwsCatalogSource;
  private readonly memory: ChoiceMemory;
  private readonly runner: ExecutionRunner;
  private readonly ui = new VscodeQuickInput();
  private readonly waits = new Set<Disposable>();

  constructor(
    globalState: vscode.Memento,
    pending: PendingExecutionStore,
    private readonly deps: ExecuteDependencies,
  ) {
    this.source = new AwsCatalogSource(deps.aws, deps.settings);
    this.memory = new ChoiceMemory(globalState);
    this.runner = new ExecutionRunner({
      api: (profile, region) => deps.aws.apiFor(profile, region),
      pending,
      tracker: deps.tracker,
      redactor: deps.aws.redactor,
      log: deps.log,
    });
  }

  async run(first?: unknown, second?: unknown): Promise<ExecuteCommandResult> {
    let request;
    try {
      request = readExecuteRequest(first, second);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.log.warn(message);
      void vscode.window.showErrorMessage(withoutLinks(message));
      return { outcome: 'invalid-arguments', message };
    }

    const result = await runExecuteWizard(request, {
      ui: this.ui,
      source: this.source,
      memory: this.memory,
      redactor: this.deps.aws.redactor,
      confirmBeforeExecute: this.deps.settings.confirmBeforeExecute,
      mfa: mfaCodeRouter,
    });
    if (result.kind === 'cancelled') {
      return { outcome: 'cancelled' };
    }
    if (result.kind === 'ended') {
      const words = wizardEndMessage(result.end);
      const end = result.end;
      const tryAgain = () => {
        if (end.kind === 'failed' && end.profile && isCredentialProblem(end.problem)) {
          this.deps.aws.forgetCredentials(end.profile);
        }
        return this.run(first, second);
      };
      this.deps.log.info(`Execute Service Action ended: ${words.message}`);
      showFailure(words, { tryAgain }, end.kind === 'failed' ? 'error' : 'warning');
      return { outcome: 'ended', message: words.message };
    }
    return this.execute(result.plan);
  }

  /**
   * Completes requests a reload left pending, with their own tokens (`resumePolicy`): recent ones at
   * once, older ones after one question for all (without waiting for the answer), and those too old
   * to send again safely are dropped.
   */
  async resumePending(): Promise<void> {
    const now = Date.now();
    const plan = planResume(this.runner.pending(), now);
    for (const request of plan.drop) {
      this.deps.log.warn(droppedLine(request, now));
      await this.runner.discard(request).catch((error: unknown) => this.deps.log.warn(`Could not drop ${request.executeToken}: ${String(error)}`));
    }
    if (plan.ask.length > 0) {
      void this.askToResume(plan.ask, now);
    }
    await Promise.all(
      plan.resume.map((request) => {
        this.deps.log.info(`Completing the execution ${request.executeToken} that a reload interrupted`);
        return this.resume(request);
      }),
    );
  }

  dispose(): void {
    this.waits.forEach((wait) => wait.dispose());
    this.waits.clear();
  }

  private async execute(plan: ExecutionPlan): Promise<ExecuteCommandResult> {
    const requests = executionsOf(plan);
    const actionName = plan.action.name ?? plan.action.id;
    if (requests.length === 1 && plan.skipped.length === 0) {
      const outcome = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: startingTitle(plan) },
        () => this.runner.start(requests[0]),
      );
      return this.report(outcome, plan.parameterNames, true);
    }

    const limit = this.deps.settings.maxConcurrentExecutions;
    const outcomes = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: startingTitle(plan) },
      (progress) =>
        runWithLimit(requests, limit, async (request) => {
          const outcome = await this.runner.start(request);
          progress.report({ increment: 100 / requests.length });
          return outcome;
        }),
    );
    const started: RecordRef[] = [];
    const notStarted: Array<{ provisionedProductId: string; message: string }> = [];
    const entries: Array<{ name: string; ref?: RecordRef; notStarted?: string }> = [];
    for (const outcome of outcomes) {
      const name = outcome.request.provisionedProductName ?? outcome.request.provisionedProductId;
      if (outcome.ok) {
        started.push(outcome.ref);
        entries.push({ name, ref: outcome.ref });
      } else {
        const message = executionFailureMessage(outcome.request, outcome.failure, plan.parameterNames).message;
        notStarted.push({ provisionedProductId: outcome.request.provisionedProductId, message });
        entries.push({ name, notStarted: message });
      }
    }
    for (const { product, reason } of plan.skipped) {
      notStarted.push({ provisionedProductId: product.id, message: reason });
      entries.push({ name: product.name, notStarted: reason });
    }
    if (started.length > 0 && notStarted.length > 0) {
      void vscode.window.showWarningMessage(
        withoutLinks(vscode.l10n.t('{0} did not start on {1} of {2} products; the others are running. A summary follows when they end.', actionName, notStarted.length, entries.length)),
      );
    }
    this.summarizeWhenEnded(actionName, entries);
    return { outcome: 'executed', started, notStarted };
  }

  private summarizeWhenEnded(actionName: string, entries: Array<{ name: string; ref?: RecordRef; notStarted?: string }>): void {
    const refs = entries.flatMap((entry) => (entry.ref ? [entry.ref] : []));
    const wait = whenAllEnded(this.deps.tracker, refs);
    this.waits.add(wait);
    void wait.ended.then((records) => {
      this.waits.delete(wait);
      const byRecord = new Map(records.map((record) => [record.ref.recordId, record]));
      const summary: BatchEntry[] = entries.map((entry) => ({
        productName: entry.name,
        record: entry.ref ? byRecord.get(entry.ref.recordId) : undefined,
        notStarted: entry.notStarted,
      }));
      showBatchSummary(actionName, summary);
    });
  }

  /** One execution's outcome: the record is watched and opened, or the failure is explained. */
  private async report(outcome: ExecutionOutcome, parameterNames: string[], open: boolean): Promise<ExecuteCommandResult> {
    if (outcome.ok) {
      const { ref } = outcome;
      if (open) {
        await openRecord(ref).catch((error: unknown) => this.deps.log.warn(`Could not open record ${ref.recordId}: ${String(error)}`));
      }
      return { outcome: 'executed', started: [ref], notStarted: [] };
    }
    const { request, failure } = outcome;
    const words = executionFailureMessage(request, failure, parameterNames);
    showFailure(words, {
      tryAgain: () => {
        if (isCredentialProblem(failure.problem)) {
          this.deps.aws.forgetCredentials(request.profile);
        }
        // The same token: if the first attempt did start the action, this returns its record.
        return this.runner.complete(request).then((again) => this.report(again, parameterNames, open));
      },
      changeParameters: () =>
        this.run({
          profile: request.profile,
          region: request.region,
          provisionedProductId: request.provisionedProductId,
          serviceActionId: request.serviceActionId,
          review: true,
        } satisfies ExecuteArguments),
    });
    return { outcome: 'executed', started: [], notStarted: [{ provisionedProductId: request.provisionedProductId, message: words.message }] };
  }

  private async resume(request: PendingExecution): Promise<void> {
    const outcome = await this.runner.complete(request);
    if (outcome.ok) {
      this.deps.log.info(`The interrupted execution ${request.executeToken} has record ${outcome.record.RecordId}`);
    }
    await this.report(outcome, Object.keys(request.parameters), false);
  }

  private async askToResume(requests: PendingExecution[], now: number): Promise<void> {
    const send = vscode.l10n.t('Send Again');
    const discard = vscode.l10n.t('Discard');
    const chosen = await vscode.window.showWarningMessage(resumeQuestion(requests, now), send, discard);
    if (chosen === send) {
      await Promise.all(requests.map((request) => this.resume(request)));
    } else if (chosen === discard) {
      await Promise.all(requests.map((request) => this.runner.discard(request)));
    }
  }
}
