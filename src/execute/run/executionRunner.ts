import type { ProvisionedProductDetail, RecordDetail } from '@aws-sdk/client-service-catalog';
import { t } from '@vscode/l10n';
import { randomUUID } from 'node:crypto';
import { problemOf, type AwsProblem } from '../../aws/errors';
import type { SecretRedactor } from '../../aws/secrets';
import { type ExecutionParameters } from '../../aws/serviceCatalogApi';
import type { AwsFiles } from '../../aws/configFiles';
import { silentLogger, type Logger } from '../../platform/logger';
import type { RecordOrigin, RecordRef, RecordTracker } from '../../catalog/records';
import type { PendingExecution, PendingExecutionStore } from './pendingExecutions';
import { secretNamesOf, withoutSecretValues } from '../wizard/secretParameters';

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

export type NewExecution = Omit<PendingExecution, 'executeToken' | 'createdAt' | 'files'>;

export interface ExecutionFailure {
  problem: AwsProblem;
  /** The request may have reached Service Catalog (a dropped connection, a 5xx): retry with the same token to find out. */
  maybeStarted: boolean;
  /** For a product under change: the record that is running, when Service Catalog says. */
  runningRecordId?: string;
}

export type ExecutionOutcome =
  | { ok: true; request: PendingExecution; record: RecordDetail; ref: RecordRef }
  | { ok: false; request: PendingExecution; failure: ExecutionFailure };

export interface ExecutionRunnerOptions {
  api(profile: string, region: string): Promise<ExecuteApi>;
  pending: PendingExecutionStore;
  /** Takes over every record once it is known: watched, and persisted in flight for after a reload. */
  tracker: Pick<RecordTracker, 'watch' | 'saved'>;
  /** Masks secrets in the text of errors that are not already classified. */
  redactor: SecretRedactor;
  /** Whose AWS files are read now: a new request is tied to them. The user's by default. */
  files?: () => AwsFiles;
  log?: Logger;
  newToken?: () => string;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Retries of a transient failure after the SDK's own; default 3. */
  retries?: number;
  /** Delay before retry n (1-based); default 2 s, 4 s, 8 s with jitter. */
  backoffMs?: (retry: number) => number;
}

/** The code of the problem of a pending request whose secret values were not kept. */
export const secretValuesNotKept = 'SecretValuesNotKept';

const transientKinds: ReadonlySet<AwsProblem['kind']> = new Set(['throttled', 'network', 'service-unavailable']);
const maybeReachedKinds: ReadonlySet<AwsProblem['kind']> = new Set(['network', 'service-unavailable']);

/**
 * Runs executions so that none runs twice: one ExecuteToken per confirmed request, saved before the
 * call; transient failures retry with the same token; a request left pending by a reload is
 * completed with its own token. The pending entry is cleared only once the record is in the
 * tracker's persisted in-flight records, or once Service Catalog has definitely not run the request:
 * a reload at any moment finds one or the other.
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
    // The secret parameters this request has values for: those the store keeps apart while it is pending.
    const secretParameterNames = secretNamesOf(Object.keys(request.parameters), request.secretParameterNames);
    const files = this.options.files?.() ?? 'user';
    return this.complete({ ...request, secretParameterNames, files, executeToken: token, createdAt: (this.options.now ?? Date.now)() });
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
    return this.options.pending.mine().filter((entry) => !this.inProgress.has(entry.executeToken));
  }

  /** Whether the request is being sent right now. */
  sending(request: PendingExecution): boolean {
    return this.inProgress.has(request.executeToken);
  }

  /** Forgets a pending request without sending it. */
  discard(request: PendingExecution): Promise<void> {
    return this.options.pending.remove(request.executeToken);
  }

  private async send(stored: PendingExecution): Promise<ExecutionOutcome> {
    const { pending } = this.options;
    const request = await pending.withSecretValues(stored).catch(() => undefined);
    if (!request) {
      return this.withoutSecretValues(stored);
    }
    try {
      await pending.put(request);
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
        const ref = await this.adopt(request, record);
        return { ok: true, request, record, ref };
      } catch (error) {
        const problem = problemOf(error, this.options.redactor, { profile: request.profile, region: request.region });
        if (transientKinds.has(problem.kind) && retry < retries) {
          const delay = (this.options.backoffMs ?? defaultBackoff)(retry + 1);
          this.log.warn(`Executing ${request.serviceActionId} on ${request.provisionedProductId} failed (${problem.kind}); retrying with the same token in ${delay} ms`);
          await (this.options.sleep ?? sleep)(delay);
          continue;
        }
        const maybeStarted = maybeReachedKinds.has(problem.kind);
        this.log.warn(`Executing ${request.serviceActionId} on ${request.provisionedProductId} failed: ${problem.kind}: ${problem.detail}`);
        if (maybeStarted) {
          // It may be running: the entry stays, so Try Again or the next activation sends it again with its token.
          this.log.info(`The request ${request.executeToken} may have reached Service Catalog: kept, to be sent again with the same token`);
        } else {
          await this.forget(request);
        }
        const runningRecordId = problem.kind === 'invalid-state' ? await this.runningRecord(request) : undefined;
        return { ok: false, request, failure: { problem, maybeStarted, runningRecordId } };
      }
    }
  }

  /**
   * Hands the record to the tracker and waits until it is persisted in flight, then clears the
   * pending entry. If persisting fails the entry stays: sent again, its token returns this record.
   */
  private async adopt(request: PendingExecution, record: RecordDetail): Promise<RecordRef> {
    const ref: RecordRef = { profile: request.profile, region: request.region, recordId: record.RecordId ?? '' };
    const { tracker } = this.options;
    try {
      tracker.watch(ref, originOf(request, record), record);
      await tracker.saved(ref);
    } catch (error) {
      this.log.warn(`Could not save record ${ref.recordId} for after a reload; the request ${request.executeToken} stays pending, so a reload asks for its record again with its token: ${String(error)}`);
      return ref;
    }
    await this.forget(request);
    return ref;
  }

  /** A pending request whose secret values the vault no longer has: it cannot be sent again as it was. */
  private async withoutSecretValues(request: PendingExecution): Promise<ExecutionOutcome> {
    const names = (request.secretParameterNames ?? []).filter((name) => !(name in request.parameters));
    this.log.warn(`The secret values of the pending execution ${request.executeToken} (${names.join(', ')}) were not kept: it is dropped, not sent again`);
    await this.forget(request);
    const problem: AwsProblem = {
      kind: 'invalid-parameters',
      code: secretValuesNotKept,
      summary: t('Secret values not kept'),
      detail: t('The values of its secret parameters ({0}) were not kept, so the request cannot be sent again as it was.', names.join(', ')),
      fix: t("Run the action again. If it had started, its record is in the product's record history."),
      retryable: false,
    };
    return { ok: false, request, failure: { problem, maybeStarted: false } };
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

/** What the record panel and the persisted in-flight record know of the request: no secret parameter (`secretParameters.ts`). */
export function originOf(request: PendingExecution, record?: RecordDetail): RecordOrigin {
  return {
    provisionedProductId: request.provisionedProductId,
    provisionedProductName: request.provisionedProductName ?? record?.ProvisionedProductName,
    productName: request.productName,
    serviceActionId: request.serviceActionId,
    serviceActionName: request.serviceActionName,
    parameters: withoutSecretValues(request.parameters, request.secretParameterNames),
    accountId: request.accountId,
  };
}

function defaultBackoff(retry: number): number {
  const base = 1000 * 2 ** retry;
  return base / 2 + Math.random() * (base / 2);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
