import * as vscode from 'vscode';
import type { AwsContext } from '../aws/awsContext';
import type { IdentityCenterDirectory } from '../catalog/identityCenterDirectory';
import { isCredentialProblem } from '../aws/errors';
import type { Logger } from '../platform/logger';
import { mfaCodeRouter } from '../platform/vscode/mfaPrompt';
import type { Settings } from '../catalog/settings';
import { withoutLinks } from '../platform/plainText';
import type { RecordTracker, ShowRecord } from '../catalog/records';
import type { EstimateDuration } from '../catalog/durations';
import { commands } from '../catalog/commands';
import { registerCommand } from '../platform/vscode/commands';
import { AwsCatalogSource } from './wizard/catalogSource';
import { ChoiceMemory } from './wizard/choiceMemory';
import { readExecuteRequest, type ExecuteArguments, type ExecuteCommandResult } from '../catalog/executeArguments';
import { showFailure } from './executionFeedback';
import { ExecutionRunner } from './run/executionRunner';
import { Executions } from './run/executions';
import { runExecuteWizard } from './wizard/executeWizard';
import { wizardEndMessage } from './failureMessages';
import { PendingExecutionStore } from './run/pendingExecutions';
import { resumePendingRequests } from './run/resumePolicy';
import { VscodeQuickInput } from './wizard/vscodeQuickInput';

export type { ExecuteCommandResult } from '../catalog/executeArguments';

export interface ExecuteDependencies {
  aws: AwsContext;
  settings: Settings;
  log: Logger;
  tracker: RecordTracker;
  /** Opens a record's panel (the records feature, injected). */
  showRecord: ShowRecord;
  /** IAM Identity Center's accounts and roles, shared with the view. */
  directory: IdentityCenterDirectory;
  /** How long an action usually takes on a product (the records feature, injected), for the review. */
  estimateDuration?: EstimateDuration;
}

/** The execute part, as the extension's API exposes it (for tests and other extensions). */
export interface ExecutePart {
  /** Requests whose record is not known yet, kept in globalState. */
  pending: PendingExecutionStore;
  /** Activation's step: completes recent pending requests with their own tokens, asks about older ones, drops stale ones. */
  resumePending(): Promise<void>;
  /** Runs the command with these arguments, as "Execute again" does. */
  run(args: ExecuteArguments): Promise<ExecuteCommandResult>;
}

/** Registers "Execute Service Action" and completes the executions a reload interrupted. */
export function registerExecuteServiceAction(context: vscode.ExtensionContext, deps: ExecuteDependencies): ExecutePart {
  const pending = new PendingExecutionStore(context.globalState, { vault: context.secrets });
  const command = new ExecuteServiceActionCommand(context.globalState, pending, deps);
  context.subscriptions.push(
    command,
    registerCommand(commands.executeServiceAction, (first, second) => command.run(first, second)),
    // Requests made with the AWS files read again (the sandbox stopped, or started again) are completed now.
    deps.aws.onDidSwitchFiles(() => void command.resumePending()),
  );
  return { pending, resumePending: () => command.resumePending(), run: (args) => command.run(args) };
}

/** The command: its arguments, the wizard for what they do not answer, then the executions. */
class ExecuteServiceActionCommand implements vscode.Disposable {
  private readonly source: AwsCatalogSource;
  private readonly memory: ChoiceMemory;
  private readonly runner: ExecutionRunner;
  private readonly executions: Executions;
  private readonly ui = new VscodeQuickInput();

  constructor(
    globalState: vscode.Memento,
    private readonly pending: PendingExecutionStore,
    private readonly deps: ExecuteDependencies,
  ) {
    this.source = new AwsCatalogSource(deps.aws, deps.settings, deps.directory);
    this.memory = new ChoiceMemory(globalState);
    this.runner = new ExecutionRunner({
      api: (profile, region) => deps.aws.apiFor(profile, region),
      pending,
      tracker: deps.tracker,
      redactor: deps.aws.redactor,
      log: deps.log,
      files: () => deps.aws.files,
    });
    this.executions = new Executions({ ...deps, runner: this.runner, changeParameters: (args) => this.run(args) });
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
      estimateDuration: this.deps.estimateDuration,
    });
    if (result.kind === 'cancelled') {
      this.deps.log.info('Execute Service Action cancelled: nothing was executed');
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
      showFailure(words, { showRecord: this.deps.showRecord, tryAgain }, end.kind === 'failed' ? 'error' : 'warning');
      return { outcome: 'ended', message: words.message };
    }
    return this.executions.execute(result.plan);
  }

  /**
   * Completes the requests a reload left pending, with their own tokens, as `resumePolicy` decides:
   * recent ones at once, older ones after one question for all (not waited for), and those too old to
   * send again safely are dropped. Those of closed windows follow once taken over (not waited for).
   */
  async resumePending(): Promise<void> {
    const { own, orphans } = resumePendingRequests(this.pending, {
      now: Date.now,
      files: () => this.deps.aws.files,
      log: this.deps.log,
      resume: (request) => this.executions.resume(request),
      ask: (requests, now) => void this.executions.askToResume(requests, now),
      discard: (request) => this.runner.discard(request),
      inProgress: (request) => this.runner.sending(request) || this.executions.isAsking(request),
    });
    orphans.catch((error: unknown) => this.deps.log.warn(`Could not complete the executions of closed windows: ${String(error)}`));
    await own;
  }

  dispose(): void {
    this.executions.dispose();
  }
}
