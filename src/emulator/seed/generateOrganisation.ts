import { ssoRoleSessionArn } from '../sso/identityCenter';
import { generateSeed } from './generateSeed';
import type { Seed, SeedSsoAssignment } from './seedTypes';

export interface GenerateOrganisationOptions {
  /** Accounts the IAM Identity Center user reaches; default 150. */
  accounts?: number;
  /** Provisioned products of the first role of each account (every tenth account has none); default 4. */
  productsPerAccount?: number;
  /** Default ['us-east-1']. */
  regions?: string[];
  /** The sso-session name; default `org`. */
  sessionName?: string;
  /** The signed-in user; default `dev-user`. */
  userName?: string;
  /** Seeds the deterministic ids; default 42. */
  randomSeed?: number;
}

/** The permission sets an account may give the user: account i gets the first 1 + (i mod 3) of them. */
export const ORGANISATION_ROLES = ['ServiceCatalogEndUser', 'ReadOnlyAccess', 'PowerUserAccess'] as const;

/**
 * A multi-account organisation behind one IAM Identity Center session, for tests and benchmarks: `accounts`
 * accounts with one to three roles each, products launched through each account's first role (none in every
 * tenth account), one account whose roles Service Catalog denies everything (`AccessDeniedException`) and one
 * that throttles every second Service Catalog call. One IAM user of the first account has a profile (`org-admin`),
 * as an engineer's config has a profile or two beside the session.
 */
export function generateOrganisationSeed(options: GenerateOrganisationOptions = {}): Seed & { organisation: { deniedAccountId: string; throttledAccountId: string; emptyAccountIds: string[] } } {
  const accountCount = options.accounts ?? 150;
  const perAccount = options.productsPerAccount ?? 4;
  const sessionName = options.sessionName ?? 'org';
  const userName = options.userName ?? 'dev-user';
  const base = generateSeed({ accounts: accountCount, regions: options.regions ?? ['us-east-1'], productsPerAccount: perAccount, randomSeed: options.randomSeed });

  const accounts = base.accounts.map((account, i) => ({
    id: account.id,
    name: `${['payments', 'identity', 'search', 'billing', 'analytics', 'platform'][i % 6]}-${['prod', 'staging', 'dev'][Math.floor(i / 6) % 3]}-${String(i + 1).padStart(3, '0')}`,
    email: `aws+${String(i + 1).padStart(3, '0')}@example.com`,
  }));
  const deniedAccountId = accounts[Math.min(7, accountCount - 1)].id;
  const throttledAccountId = accounts[Math.min(11, accountCount - 1)].id;
  const emptyAccountIds = accounts.filter((_, i) => i % 10 === 9).map((account) => account.id);

  const assignments: SeedSsoAssignment[] = accounts.flatMap((account, i) =>
    ORGANISATION_ROLES.slice(0, 1 + (i % 3)).map((roleName) => ({
      session: sessionName,
      accountId: account.id,
      roleName,
      ...(account.id === deniedAccountId ? { accessLevels: [] } : {}),
    })),
  );
  const empty = new Set(emptyAccountIds);
  const provisionedProducts = base.provisionedProducts
    .filter((product) => !empty.has(product.accountId))
    .map((product) => ({ ...product, userArn: `arn:aws:iam::${product.accountId}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_${ORGANISATION_ROLES[0]}`, userArnSession: ssoRoleSessionArn(product.accountId, ORGANISATION_ROLES[0], userName) }));
  const kept = new Set(provisionedProducts.map((product) => product.id));

  return {
    ...base,
    description: `Generated organisation: ${JSON.stringify(options)}`,
    accounts: accounts.map((account) => (account.id === throttledAccountId ? { ...account, throttleEveryNth: 2 } : account)),
    credentials: [
      {
        profileName: 'org-admin',
        accessKeyId: 'AKIAORGADMIN00000001',
        secretAccessKey: 'org-admin-secret-key',
        accountId: accounts[0].id,
        userArn: `arn:aws:iam::${accounts[0].id}:user/org-admin`,
        region: (options.regions ?? ['us-east-1'])[0],
      },
    ],
    provisionedProducts,
    records: (base.records ?? []).filter((record) => kept.has(record.provisionedProductId)),
    identityCenter: {
      sessions: [{ name: sessionName, startUrl: `https://${sessionName}.awsapps.com/start`, region: (options.regions ?? ['us-east-1'])[0], userName, accessToken: `org-token-${'x'.repeat(24)}` }],
      assignments,
    },
    organisation: { deniedAccountId, throttledAccountId, emptyAccountIds },
  };
}
