import type { RecordDetail, ServiceActionSummary } from '@aws-sdk/client-service-catalog';
import type { AwsFiles } from '../../aws/configFiles';
import { AwsCallError } from '../../aws/errors';
import type { AccessLevel } from '../../aws/serviceCatalogApi';
import type { DurationEstimate, DurationQuery } from '../../catalog/durations';
import { terminalRecordStatuses } from '../../catalog/records';
import { silentLogger, type Logger } from '../../platform/logger';
import type { EndedExecution } from '../tracking/executionHistory';
import { estimateFrom } from './durationStats';

/** The two reads an estimate makes, in the profile and region of the run (`ServiceCatalogApi`). */
export interface HistoryApi {
  listRecordHistory(
    request: { productId: string; accessLevel: AccessLevel; pageSize?: number; pageToken?: string },
    options?: { signal?: AbortSignal },
  ): Promise<{ records: RecordDetail[]; nextPageToken?: string }>;
  listServiceActions(productId: string, provisioningArtifactId: string, options?: { signal?: AbortSignal }): Promise<ServiceActionSummary[]>;
}

/** What `AwsContext` says of the AWS files it reads. */
export interface FilesInUse {
  readonly files: AwsFiles;
  onDidSwitchFiles(listener: (files: AwsFiles) => void): { dispose(): void };
}

export interface DurationEstimatorOptions {
  api(profile: string, region: string): Promise<HistoryApi>;
  /** The executions this machine ran that ended (`ExecutionHistory`): they know their action. */
  executions(): readonly EndedExecution[];
  /** Whose AWS files are read now (`AwsContext`): only runs made with them count, and a switch forgets what was read. */
  files?: FilesInUse;
  /** The access level of the record history (`serviceCatalog.accessLevel`); a denied level falls back to User. */
  accessLevel(): AccessLevel;
  log?: Logger;
  /** Pages of 20 records of the product's history read at most. */
  maxPages?: number;
  /** Versions whose actions are looked up at most. */
  maxVersions?: number;
}

/** Record types of provisioning, never of an action's run (the type of an action's run is not documented). */
const provisioningRecordTypes: ReadonlySet<string> = new Set(['PROVISION_PRODUCT', 'UPDATE_PROVISIONED_PRODUCT', 'TERMINATE_PROVISIONED_PRODUCT']);

/**
 * How long an action usually takes on a product, from the earlier runs whose action is known:
 *
 * - the runs this machine made of that action on that product (`ExecutionHistory`);
 * - the product's record history (`ListRecordHistory` filtered by product, a few pages, read once a
 *   session): a record of an action's run names no action, so one counts only when its version has
 *   that action and no other today, and this machine does not know it as another action's run.
 *
 * Runs of another action, or made with other AWS files (the sandbox's, or the user's while the sandbox
 * runs), are never counted; with fewer than two runs there is no estimate.
 */
export class DurationEstimator {
  private readonly histories = new Map<string, Promise<RecordDetail[]>>();
  private readonly versionActions = new Map<string, Promise<string[]>>();
  private readonly log: Logger;
  private readonly switched: { dispose(): void } | undefined;

  constructor(private readonly options: DurationEstimatorOptions) {
    this.log = options.log ?? silentLogger;
    this.switched = options.files?.onDidSwitchFiles(() => this.clear());
  }

  async estimate(query: DurationQuery, options: { signal?: AbortSignal } = {}): Promise<DurationEstimate | undefined> {
    const files = this.options.files?.files ?? 'user';
    const executions = this.options.executions().filter((entry) => entry.ref.region === query.region && entry.files === files);
    const known = new Map(executions.map((entry) => [entry.ref.recordId, entry]));
    const durations = new Map<string, number>();
    for (const entry of executions) {
      if (entry.productId === query.productId && entry.serviceActionId === query.serviceActionId && entry.ref.recordId !== query.recordId) {
        durations.set(entry.ref.recordId, entry.updatedAt - entry.createdAt);
      }
    }
    try {
      const recordType = query.recordType ?? executions.find((entry) => entry.recordType)?.recordType;
      const runs = (await this.history(query, options.signal)).filter(
        (record) =>
          record.RecordId &&
          record.RecordId !== query.recordId &&
          !known.has(record.RecordId) &&
          terminalRecordStatuses.has(record.Status ?? '') &&
          isActionRun(record.RecordType, recordType) &&
          record.ProvisioningArtifactId &&
          durationOf(record) !== undefined,
      );
      for (const version of this.versionsToCheck(runs, query.provisioningArtifactId)) {
        if (!(await this.onlyActionIs(query, version, options.signal))) {
          continue;
        }
        for (const record of runs.filter((candidate) => candidate.ProvisioningArtifactId === version)) {
          durations.set(record.RecordId!, durationOf(record)!);
        }
      }
    } catch (error) {
      if (options.signal?.aborted) {
        throw error;
      }
      // The runs this machine knows still make an estimate.
      this.log.warn(`Could not read the record history of product ${query.productId} (${query.profile}, ${query.region}): ${describe(error)}`);
    }
    return estimateFrom([...durations.values()]);
  }

  /** Forgets what was read, so the next estimates read it again (after the AWS files change or switch). */
  clear(): void {
    this.histories.clear();
    this.versionActions.clear();
  }

  dispose(): void {
    this.switched?.dispose();
    this.clear();
  }

  /** The product's versions among the runs, the run's own first, the most frequent next. */
  private versionsToCheck(runs: RecordDetail[], own: string | undefined): string[] {
    const counts = new Map<string, number>();
    for (const record of runs) {
      counts.set(record.ProvisioningArtifactId!, (counts.get(record.ProvisioningArtifactId!) ?? 0) + 1);
    }
    const ordered = [...counts.entries()].sort((a, b) => (b[0] === own ? 1 : 0) - (a[0] === own ? 1 : 0) || b[1] - a[1]).map(([version]) => version);
    return ordered.slice(0, this.options.maxVersions ?? 3);
  }

  private async onlyActionIs(query: DurationQuery, version: string, signal: AbortSignal | undefined): Promise<boolean> {
    const actions = await this.cached(this.versionActions, [query.profile, query.region, query.productId, version], async () => {
      const api = await this.options.api(query.profile, query.region);
      return (await api.listServiceActions(query.productId, version, { signal })).map((action) => action.Id ?? '');
    });
    return actions.length === 1 && actions[0] === query.serviceActionId;
  }

  private history(query: DurationQuery, signal: AbortSignal | undefined): Promise<RecordDetail[]> {
    return this.cached(this.histories, [query.profile, query.region, query.productId], async () => {
      const api = await this.options.api(query.profile, query.region);
      const level = this.options.accessLevel();
      try {
        return await this.pages(api, query.productId, level, signal);
      } catch (error) {
        if (level === 'User' || !(error instanceof AwsCallError) || error.problem.kind !== 'access-denied') {
          throw error;
        }
        return this.pages(api, query.productId, 'User', signal);
      }
    });
  }

  private async pages(api: HistoryApi, productId: string, accessLevel: AccessLevel, signal: AbortSignal | undefined): Promise<RecordDetail[]> {
    const records: RecordDetail[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < (this.options.maxPages ?? 3); page++) {
      const result = await api.listRecordHistory({ productId, accessLevel, pageSize: 20, pageToken }, { signal });
      records.push(...result.records);
      pageToken = result.nextPageToken;
      if (!pageToken) {
        break;
      }
    }
    return records;
  }

  /** One read per key for the session; a failed read is forgotten, so the next estimate tries again. */
  private cached<T>(cache: Map<string, Promise<T>>, parts: string[], read: () => Promise<T>): Promise<T> {
    const key = JSON.stringify(parts);
    let entry = cache.get(key);
    if (!entry) {
      entry = read();
      cache.set(key, entry);
      entry.catch(() => cache.get(key) === entry && cache.delete(key));
    }
    return entry;
  }
}

/** A record of an action's run: of the type this machine's runs have, or when that is not known yet, of no provisioning type. */
function isActionRun(type: string | undefined, actionRunType: string | undefined): boolean {
  if (!type) {
    return false;
  }
  return actionRunType ? type === actionRunType : !provisioningRecordTypes.has(type);
}

function durationOf(record: RecordDetail): number | undefined {
  const created = record.CreatedTime ? new Date(record.CreatedTime).getTime() : Number.NaN;
  const updated = record.UpdatedTime ? new Date(record.UpdatedTime).getTime() : Number.NaN;
  return Number.isFinite(created) && Number.isFinite(updated) && updated >= created ? updated - created : undefined;
}

function describe(error: unknown): string {
  return error instanceof AwsCallError ? `${error.problem.summary}: ${error.problem.detail}` : error instanceof Error ? error.message : String(error);
}
