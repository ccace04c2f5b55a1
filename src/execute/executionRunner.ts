import type { ProvisionedProductDetail, RecordDetail } from '@aws-sdk/client-service-catalog';
import { randomUUID } from 'node:crypto';
import { t } from '@vscode/l10n';
import type { AwsProblem } from '../aws/errors';
import { type ExecutionParameters } from '../aws/serviceCatalogApi';
import { AwsCallError } from '../aws/errors';
import { silentLogger, type Logger } from '../platform/logger';
import type { PendingExecution, PendingExecutionStore } from './pendingExecutions';

/** The two calls an execution makes (`ServiceCatalogApi` of the product's profile and region). */
export interface ExecuteApi {
  executeServiceAction(request: {
    provisionedProductId: string;
    serviceActionId: string;
    executeToken: string;
    parameters?: ExecutionParameters;
  }): Promise<RecordDetail>;
  describeProvisionedProduct(id: string): Promise<ProvisionedProductDetail>;
}

export type NewExecution = Omit<PendingExecution, 'executeToken' | 'createdAt'>;

export interface ExecutionFailure {
  problem: AwsProblem;
  /** The request may have reached Service Catalog (a dropped connection, a 5xx): retry with the same token to find out. */
  maybeStarted: boolean;
  /** For a product under change: the record that is running, when Service Catalog says. */
  runningRecordId?: string;
}

export type ExecutionOutcome =
  | { ok: true; request: PendingExecution; record: RecordDetail }
  | { ok: false; request: PendingExecution; failure: ExecutionFailure };

export interface ExecutionRunnerOptions {
  api(profile: string, region: string): Promise<ExecuteApi>;
  pending: PendingExecutionStore;
  log?: Logger;
  newToken?: () => string;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Retries of a transient failure after the SDK's own; default 3. */
  retries?: number;
  /** Delay before retry n (1-based); default 2 s, 4 s, 8 s with jitter. */
  backoffMs?: (retry: number) => number;
}

const transientKinds: ReadonlySet<AwsProblem['kind']> = new Set(['throttled', 'network', 'service-unavailable']);
const maybeReachedKinds: ReadonlySet<AwsProblem['kind']> = new Set(['network', 'service-unavailable']);

/**
 * Runs executions so that none runs twice: one ExecuteToken per confirmed request, saved before the
 * call and cleared once the record is known; transient failures retry with the same token; a
 * request left pending by a reload is completed with its own token.
 */
export class ExecutionRunner {
  private readonly inProgress = new Map<string, Promise<ExecutionOutcome>>();
  private readonly log: Logger;

  constructor(private readonly options: ExecutionRunnerOptions) {
    this.log = options.log ?? silentLogger;
  }

  /** A new request: a new token. */
  start(request: NewExecution): Promise<ExecutionOutcome> {
    const token = (this.options.newToken ?? randomUUID)();
    return this.complete({ ...request, executeToken: token, createdAt: (this.options.now ?? Date.now)() });
  }

  /** Sends (again) a request with its own token; a request already being sent is not sent a second time. */
  complete(request: PendingExecution): Promise<ExecutionOutcome> {
    let running = this.inProgress.get(request.executeToken);
    if (!running) {
      running = this.send(request).finally(() => this.inProgress.delete(request.executeToken));
      this.inProgress.set(request.executeToken, running);
    }
    return running;
  }

  /** Requests left pending, for instance by a reload in the middle of a call. */
  pending(): PendingExecution[] {
    return this.options.pending.list().filter((entry) => !this.inProgress.has(entry.executeToken));
  }

  /** Forgets a pending request without sending it. */
  discard(request: PendingExecution): Promise<void> {
    return this.options.pending.remove(request.executeToken);
  }

  private async send(request: PendingExecution): Promise<ExecutionOutcome> {
    const { pending } = this.options;
    try {
      await pending.add(request);
    } catch (error) {
      // The execution can still run: what is lost is only the resumption after a reload.
      this.log.warn(`Could not save the pending execution ${request.executeToken} before sending it: ${String(error)}`);
    }
    const retries = this.options.retries ?? 3;
    for (let retry = 0; ; retry++) {
      try {
        const api = await this.options.api(request.profile, request.region);
        const record = await api.executeServiceAction({
          provisionedProductId: request.provisionedProductId,
          serviceActionId: request.serviceActionId,
          executeToken: request.executeToken,
          parameters: request.parameters,
        });
        this.log.info(`Executed ${request.serviceActionId} on ${request.provisionedProductId} (token ${request.executeToken}): record ${record.RecordId}`);
        await this.forget(request);
        return { ok: true, request, record };
      } catch (error) {
        const problem = problemOf(error);
        if (transientKinds.has(problem.kind) && retry < retries) {
          const delay = (this.options.backoffMs ?? defaultBackoff)(retry + 1);
          this.log.warn(`Executing ${request.serviceActionId} on ${request.provisionedProductId} failed (${problem.kind}); retrying with the same token in ${delay} ms`);
          await (this.options.sleep ?? sleep)(delay);
          continue;
        }
        this.log.warn(`Executing ${request.serviceActionId} on ${request.provisionedProductId} failed: ${problem.kind}: ${problem.detail}`);
        await this.forget(request);
        const runningRecordId = problem.kind === 'invalid-state' ? await this.runningRecord(request) : undefined;
        return { ok: false, request, failure: { problem, maybeStarted: maybeReachedKinds.has(problem.kind), runningRecordId } };
      }
    }
  }

  private async forget(request: PendingExecution): Promise<void> {
    await this.options.pending.remove(request.executeToken).catch((error: unknown) => {
      this.log.warn(`Could not clear the pending execution ${request.executeToken}: ${String(error)}`);
    });
  }

  private async runningRecord(request: PendingExecution): Promise<string | undefined> {
    try {
      const api = await this.options.api(request.profile, request.region);
      return (await api.describeProvisionedProduct(request.provisionedProductId)).LastRecordId;
    } catch {
      return undefined;
    }
  }
}

function problemOf(error: unknown): AwsProblem {
  if (error instanceof AwsCallError) {
    return error.problem;
  }
  return {
    kind: 'unknown',
    summary: t('Unexpected error'),
    detail: error instanceof Error ? error.message : String(error),
    retryable: false,
  };
}

function defaultBackoff(retry: number): number {
  const base = 1000 * 2 ** retry;
  return base / 2 + Math.random() * (base / 2);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
