/** The JSON seed an emulator starts from. Times are ISO-8601 strings; ids look like AWS ids. */

export type AccessLevel = 'User' | 'Role' | 'Account';
export const ACCESS_LEVELS: readonly AccessLevel[] = ['User', 'Role', 'Account'];

export type ProvisionedProductStatus = 'AVAILABLE' | 'UNDER_CHANGE' | 'TAINTED' | 'ERROR' | 'PLAN_IN_PROGRESS';
export const PROVISIONED_PRODUCT_STATUSES: readonly ProvisionedProductStatus[] = ['AVAILABLE', 'UNDER_CHANGE', 'TAINTED', 'ERROR', 'PLAN_IN_PROGRESS'];

export type RecordStatus = 'CREATED' | 'IN_PROGRESS' | 'IN_PROGRESS_IN_ERROR' | 'SUCCEEDED' | 'FAILED';
export const RECORD_STATUSES: readonly RecordStatus[] = ['CREATED', 'IN_PROGRESS', 'IN_PROGRESS_IN_ERROR', 'SUCCEEDED', 'FAILED'];
export const TERMINAL_RECORD_STATUSES: readonly RecordStatus[] = ['SUCCEEDED', 'FAILED'];

export type ServiceActionParameterType = 'TARGET' | 'TEXT_VALUE';

export interface Seed {
  description?: string;
  accounts: SeedAccount[];
  /** Regions that hold data (and that `writeAwsConfig` uses). Any real region name can still be called: it is simply empty. */
  regions: string[];
  credentials: SeedCredential[];
  products: SeedProduct[];
  serviceActions: SeedServiceAction[];
  /** Which service actions are associated with which product versions. */
  associations: SeedAssociation[];
  provisionedProducts: SeedProvisionedProduct[];
  /** Records that already exist (history). */
  records?: SeedRecord[];
  /** Earlier runs of actions, generated when the emulator starts: durations that vary around a typical value. */
  recordHistories?: SeedRecordHistory[];
  /** IAM roles that seed credentials can assume through STS AssumeRole (optional). */
  roles?: SeedRole[];
  /** IAM Identity Center: sign-in sessions and the accounts and roles each one reaches (optional). */
  identityCenter?: SeedIdentityCenter;
}

export interface SeedAccount {
  id: string;
  alias?: string;
  /** The account's name, as IAM Identity Center lists it; default the alias, else the id. */
  name?: string;
  /** The account's email address, as IAM Identity Center lists it. */
  email?: string;
  /** Every Nth Service Catalog call signed by any credential of this account answers ThrottlingException. */
  throttleEveryNth?: number;
}

export interface SeedCredential {
  /** The profile name `writeAwsConfig` writes for this credential. */
  profileName: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** The session token is expired: every call answers `ExpiredTokenException`. */
  expired?: boolean;
  accountId: string;
  /** The caller: `arn:aws:iam::<account>:user/<name>` or `arn:aws:sts::<account>:assumed-role/<role>/<session>`. */
  userArn: string;
  /** The region written in the profile; default the first seed region. */
  region?: string;
  /** Access levels this caller may use in AccessLevelFilter; default all three. */
  accessLevels?: AccessLevel[];
}

export interface SeedProduct {
  id: string;
  name: string;
  region: string;
  /** Accounts that see this product (the owning account and those it is shared with). */
  accountIds: string[];
  owner: string;
  /** ProductType; default CLOUD_FORMATION_TEMPLATE. */
  type?: string;
  shortDescription?: string;
  distributor?: string;
  supportEmail?: string;
  supportUrl?: string;
  supportDescription?: string;
  /** The portfolio through which users launch it. */
  launchPath?: { id: string; name: string };
  versions: SeedProductVersion[];
}

export interface SeedProductVersion {
  id: string;
  name: string;
  description?: string;
  /** ProvisioningArtifactType; default CLOUD_FORMATION_TEMPLATE. */
  type?: string;
  createdTime: string;
  /** Default true. Inactive versions are hidden from DescribeProduct. */
  active?: boolean;
  guidance?: 'DEFAULT' | 'DEPRECATED';
  templateUrl?: string;
  parameters?: Array<{ key: string; type?: string; defaultValue?: string; description?: string; noEcho?: boolean }>;
}

export interface SeedServiceAction {
  id: string;
  name: string;
  description?: string;
  region: string;
  accountIds: string[];
  definition: {
    /** The SSM Automation document. */
    documentName: string;
    documentVersion?: string;
    /** A role ARN or `LAUNCH_ROLE`. */
    assumeRole?: string;
    parameters: Array<{ name: string; type: ServiceActionParameterType }>;
  };
  /** Default values of TEXT_VALUE parameters (TARGET defaults come from the provisioned product). */
  defaultValues?: Record<string, string[]>;
  outcome: SeedActionOutcome;
}

/** What happens when the action runs. Times are in seconds on the emulator clock from the record's creation. */
export interface SeedActionOutcome {
  status: 'SUCCEEDED' | 'FAILED';
  durationSeconds: number;
  /**
   * Each run lasts `durationSeconds` give or take up to this many seconds (a triangular draw, the same
   * sequence at every start), with a derived timeline only (not with `timeline`). Default 0.
   */
  spreadSeconds?: number;
  /** FAILED only: seconds spent in IN_PROGRESS_IN_ERROR (a rollback) before FAILED. */
  inErrorSeconds?: number;
  /** An explicit timeline; replaces the one derived from durationSeconds. Starts with CREATED at 0 and ends with `status`. */
  timeline?: Array<{ status: RecordStatus; atSeconds: number }>;
  errors?: Array<{ code: string; description: string }>;
  /** Output values may use `{{ParameterName}}`, replaced by the executed values joined with commas. */
  outputs?: Array<{ key: string; value: string; description?: string }>;
  /** The product's status once the record ends; default AVAILABLE. */
  productStatusAfter?: 'AVAILABLE' | 'TAINTED' | 'ERROR';
  productStatusMessageAfter?: string;
}

export interface SeedAssociation {
  serviceActionId: string;
  productId: string;
  provisioningArtifactId: string;
}

export interface SeedProvisionedProduct {
  id: string;
  name: string;
  accountId: string;
  region: string;
  /** CFN_STACK (default), CFN_STACKSET, TERRAFORM_OPEN_SOURCE, TERRAFORM_CLOUD or EXTERNAL. */
  type?: string;
  status: ProvisionedProductStatus;
  statusMessage?: string;
  physicalId: string;
  /** The default value of TARGET parameters; default physicalId. */
  target?: string;
  productId: string;
  provisioningArtifactId: string;
  tags?: Record<string, string>;
  createdTime: string;
  /** Who launched it: an IAM user ARN or a role ARN (`arn:aws:iam::<account>:role/<name>`). */
  userArn: string;
  /** The session that launched it, e.g. `arn:aws:sts::<account>:assumed-role/<role>/<session>`. */
  userArnSession?: string;
  launchRoleArn?: string;
  idempotencyToken?: string;
  lastRecordId?: string;
  lastProvisioningRecordId?: string;
  lastSuccessfulProvisioningRecordId?: string;
}

export interface SeedRecord {
  id: string;
  provisionedProductId: string;
  /** PROVISION_PRODUCT, UPDATE_PROVISIONED_PRODUCT, TERMINATE_PROVISIONED_PRODUCT or EXECUTE_PROVISIONED_PRODUCT_SERVICE_ACTION. */
  recordType: string;
  status: RecordStatus;
  createdTime: string;
  /** Default createdTime. */
  updatedTime?: string;
  /** Who made the request; default the provisioned product's userArnSession or userArn. */
  userArn?: string;
  errors?: Array<{ code: string; description: string }>;
  outputs?: Array<{ key: string; value: string; description?: string }>;
}

/**
 * Earlier runs of one action on some of its provisioned products, as `ListRecordHistory` lists them:
 * execution records whose durations (UpdatedTime - CreatedTime) vary around a typical value. Record
 * ids, times and durations are the same at every start, relative to the emulator clock when it starts.
 */
export interface SeedRecordHistory {
  serviceActionId: string;
  /** Provisioned products the action is associated with; the runs go to them in turn. */
  provisionedProductIds: string[];
  runs: number;
  /** Default: the action's `outcome.durationSeconds`. */
  typicalSeconds?: number;
  /** Each run lasts `typicalSeconds` give or take up to this many seconds. Default: the action's `outcome.spreadSeconds`, else a tenth of `typicalSeconds`. */
  spreadSeconds?: number;
  /** Default SUCCEEDED; FAILED runs carry the action's `outcome.errors`. */
  status?: 'SUCCEEDED' | 'FAILED';
  /** Hours from one run to the next; the last run started this long before the emulator did. Default 6. */
  everyHours?: number;
}

export interface SeedRole {
  /** `arn:aws:iam::<account>:role/<name>`; the account must be in accounts. */
  roleArn: string;
  /** User or assumed-role ARNs allowed to assume it; default every seed credential. */
  trustedPrincipals?: string[];
  /** When set, AssumeRole needs SerialNumber = mfaSerial and TokenCode = mfaCode. */
  mfaSerial?: string;
  mfaCode?: string;
  /** Access levels of the sessions; default all three. */
  accessLevels?: AccessLevel[];
  /** Longest DurationSeconds allowed (MaxSessionDuration); default 3600. */
  maxSessionDurationSeconds?: number;
  /** writeAwsConfig writes a profile with role_arn, source_profile (and mfa_serial) under this name. */
  profileName?: string;
  /** The credential profile whose keys assume the role; required with profileName. */
  sourceProfile?: string;
}

/** IAM Identity Center's portal (the AWS access portal): who is signed in, and which accounts and roles they reach. */
export interface SeedIdentityCenter {
  sessions: SeedSsoSession[];
  assignments: SeedSsoAssignment[];
}

/** One sign-in: an `[sso-session NAME]` of the AWS config and the token `aws sso login` cached for it. */
export interface SeedSsoSession {
  /** The sso-session name (the token cache file is the SHA-1 of it). */
  name: string;
  /** `sso_start_url`, e.g. `https://acme.awsapps.com/start`. */
  startUrl: string;
  /** `sso_region`: where the portal is. */
  region: string;
  /** Who signed in: the session name of the role credentials (`assumed-role/AWSReservedSSO_<role>_<id>/<userName>`). */
  userName: string;
  /** The portal's bearer token the cache file holds. */
  accessToken: string;
  /** The cached token has expired: the cache file is written with `expiresAt` in the past. */
  expired?: boolean;
}

/** A permission set (role) of one account that one session's user may use. */
export interface SeedSsoAssignment {
  session: string;
  accountId: string;
  roleName: string;
  /** Access levels of the role's credentials; default all three. `[]` denies every Service Catalog call. */
  accessLevels?: AccessLevel[];
  /** writeAwsConfig writes a profile with sso_session, sso_account_id and sso_role_name under this name. */
  profileName?: string;
}
