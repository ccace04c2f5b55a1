import type {
  Seed,
  SeedAccount,
  SeedCredential,
  SeedProduct,
  SeedProductVersion,
  SeedProvisionedProduct,
  SeedRole,
  SeedServiceAction,
  SeedSsoSession,
} from '../seed/seedTypes';
import { historyRecords, runDurations } from '../seed/recordHistories';
import { recordEndsAt, type RecordState } from './records';

export interface CredentialState extends SeedCredential {
  expired: boolean;
  /** Temporary credentials from STS AssumeRole expire at this real time (epoch ms). */
  expiresAt?: number;
}

export type RecordFieldsOfProduct = Pick<
  RecordState,
  | 'accountId'
  | 'region'
  | 'provisionedProductId'
  | 'provisionedProductName'
  | 'provisionedProductType'
  | 'productId'
  | 'provisioningArtifactId'
  | 'pathId'
  | 'launchRoleArn'
  | 'tags'
>;

export interface ProvisionedProductState extends SeedProvisionedProduct {
  type: string;
  tags: Record<string, string>;
  /** The execution record that holds the product UNDER_CHANGE until it ends. */
  runningRecordId?: string;
}

export interface ExecuteTokenEntry {
  recordId: string;
  fingerprint: string;
}

/** The live in-memory model: everything the seed defined plus what calls have changed since. */
export class EmulatorState {
  readonly accounts = new Map<string, SeedAccount>();
  readonly credentials = new Map<string, CredentialState>();
  readonly products = new Map<string, SeedProduct>();
  readonly versions = new Map<string, { product: SeedProduct; version: SeedProductVersion }>();
  readonly serviceActions = new Map<string, SeedServiceAction>();
  /** Service action ids per provisioning artifact id, in seed order. */
  readonly actionsByVersion = new Map<string, string[]>();
  readonly provisionedProducts = new Map<string, ProvisionedProductState>();
  readonly records = new Map<string, RecordState>();
  /** `${accountId}/${region}/${token}` to the record an ExecuteToken started. */
  readonly executeTokens = new Map<string, ExecuteTokenEntry>();
  readonly roles = new Map<string, SeedRole>();
  /** IAM Identity Center sessions by their portal bearer token. */
  readonly ssoSessionsByToken = new Map<string, SeedSsoSession>();
  /** Names of the sessions whose token the portal no longer accepts (seeded `expired`, or expired through the admin API). */
  readonly expiredSsoSessions = new Set<string>();
  /** Service Catalog calls per account so far, for the accounts that throttle every Nth call. */
  readonly callsByAccount = new Map<string, number>();
  private readonly changing = new Set<string>();
  /** The duration of each action's next run. */
  private readonly durations = new Map<string, () => number>();

  constructor(
    readonly seed: Seed,
    readonly now: () => number,
  ) {
    for (const account of seed.accounts) this.accounts.set(account.id, account);
    for (const cred of seed.credentials) this.credentials.set(cred.accessKeyId, { ...cred, expired: cred.expired ?? false });
    for (const product of seed.products) {
      this.products.set(product.id, product);
      for (const version of product.versions) this.versions.set(version.id, { product, version });
    }
    for (const action of seed.serviceActions) this.serviceActions.set(action.id, action);
    for (const association of seed.associations) {
      const list = this.actionsByVersion.get(association.provisioningArtifactId) ?? [];
      list.push(association.serviceActionId);
      this.actionsByVersion.set(association.provisioningArtifactId, list);
    }
    for (const pp of seed.provisionedProducts) {
      this.provisionedProducts.set(pp.id, { ...pp, type: pp.type ?? 'CFN_STACK', tags: { ...(pp.tags ?? {}) } });
    }
    for (const record of [...(seed.records ?? []), ...historyRecords(seed, now())]) this.records.set(record.id, this.recordFromSeed(record));
    for (const role of seed.roles ?? []) this.roles.set(role.roleArn, role);
    for (const session of seed.identityCenter?.sessions ?? []) {
      this.ssoSessionsByToken.set(session.accessToken, session);
      if (session.expired) this.expiredSsoSessions.add(session.name);
    }
  }

  /** Counts a Service Catalog call of an account; true when the account's `throttleEveryNth` says this one is throttled. */
  throttlesCall(accountId: string): boolean {
    const everyNth = this.accounts.get(accountId)?.throttleEveryNth;
    if (!everyNth) return false;
    const count = (this.callsByAccount.get(accountId) ?? 0) + 1;
    this.callsByAccount.set(accountId, count);
    return count % everyNth === 0;
  }

  /** Applies the end of every execution that has finished by now (the product leaves UNDER_CHANGE). */
  settle(now: number = this.now()): void {
    for (const ppId of this.changing) {
      const pp = this.provisionedProducts.get(ppId);
      const record = pp?.runningRecordId ? this.records.get(pp.runningRecordId) : undefined;
      if (!pp || !record?.execution) {
        this.changing.delete(ppId);
        continue;
      }
      if (recordEndsAt(record) > now) continue;
      pp.status = record.execution.productStatusAfter;
      pp.statusMessage = record.execution.productStatusMessageAfter;
      pp.runningRecordId = undefined;
      this.changing.delete(ppId);
    }
  }

  /** Puts a new execution record in place and holds its product UNDER_CHANGE until the record ends. */
  startExecution(pp: ProvisionedProductState, record: RecordState): void {
    this.records.set(record.id, record);
    pp.status = 'UNDER_CHANGE';
    pp.statusMessage = undefined;
    pp.lastRecordId = record.id;
    pp.runningRecordId = record.id;
    this.changing.add(pp.id);
  }

  /** How long the next run of an action lasts, in seconds: its `durationSeconds`, or a draw around it (`outcome.spreadSeconds`). */
  nextRunSeconds(action: SeedServiceAction): number {
    let next = this.durations.get(action.id);
    if (!next) {
      next = runDurations(action);
      this.durations.set(action.id, next);
    }
    return next();
  }

  provisionedProductsIn(accountId: string, region: string): ProvisionedProductState[] {
    return [...this.provisionedProducts.values()].filter((pp) => pp.accountId === accountId && pp.region === region);
  }

  recordsIn(accountId: string, region: string): RecordState[] {
    return [...this.records.values()].filter((r) => r.accountId === accountId && r.region === region);
  }

  /** A product, if the account sees it in that region. */
  productFor(productId: string, accountId: string, region: string): SeedProduct | undefined {
    const product = this.products.get(productId);
    return product && product.region === region && product.accountIds.includes(accountId) ? product : undefined;
  }

  serviceActionFor(actionId: string, accountId: string, region: string): SeedServiceAction | undefined {
    const action = this.serviceActions.get(actionId);
    return action && action.region === region && action.accountIds.includes(accountId) ? action : undefined;
  }

  /** What a record repeats of its provisioned product: ids, names, launch path, launch role and tags. */
  recordFieldsOf(pp: ProvisionedProductState): RecordFieldsOfProduct {
    return {
      accountId: pp.accountId,
      region: pp.region,
      provisionedProductId: pp.id,
      provisionedProductName: pp.name,
      provisionedProductType: pp.type,
      productId: pp.productId,
      provisioningArtifactId: pp.provisioningArtifactId,
      pathId: this.products.get(pp.productId)?.launchPath?.id,
      launchRoleArn: pp.launchRoleArn,
      tags: Object.entries(pp.tags).map(([Key, Value]) => ({ Key, Value })),
    };
  }

  private recordFromSeed(record: NonNullable<Seed['records']>[number]): RecordState {
    const pp = this.provisionedProducts.get(record.provisionedProductId);
    if (!pp) throw new Error(`record ${record.id}: unknown provisioned product ${record.provisionedProductId}`);
    const createdAt = Date.parse(record.createdTime);
    const updatedAt = record.updatedTime ? Date.parse(record.updatedTime) : createdAt;
    const timeline: RecordState['timeline'] = [{ status: 'CREATED', at: createdAt }];
    if (record.status !== 'CREATED') timeline.push({ status: record.status, at: updatedAt });
    return {
      id: record.id,
      ...this.recordFieldsOf(pp),
      recordType: record.recordType,
      userArn: record.userArn ?? pp.userArnSession ?? pp.userArn,
      createdAt,
      timeline,
      errors: (record.errors ?? []).map((e) => ({ Code: e.code, Description: e.description })),
      outputs: (record.outputs ?? []).map((o) => ({ OutputKey: o.key, OutputValue: o.value, ...(o.description ? { Description: o.description } : {}) })),
    };
  }
}
