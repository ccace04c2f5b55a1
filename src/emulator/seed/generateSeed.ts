import { seededRandom } from '../seededRandom';
import type { ProvisionedProductStatus, Seed, SeedProduct, SeedProvisionedProduct, SeedRecord, SeedServiceAction } from './seedTypes';

export interface GenerateSeedOptions {
  /** Default 3. */
  accounts?: number;
  /** Default ['us-east-1', 'eu-west-1']. */
  regions?: string[];
  /** Provisioned products per account, spread over the regions; default 50. */
  productsPerAccount?: number;
  /** History records per provisioned product; default 0. */
  recordsPerProvisionedProduct?: number;
  /** How long the generated actions run; default 10 s. */
  actionDurationSeconds?: number;
  /** Outputs of a successful run; default 3. */
  outputsPerRecord?: number;
  /** Seeds the deterministic id generator; default 42. */
  randomSeed?: number;
  /** Base of all generated times; default 2024-01-01T00:00:00Z. */
  startTime?: string;
}

const CATALOG = [
  { name: 'EC2 Web Server', type: 'CFN_STACK', physical: (n: string) => `i-0${n}` },
  { name: 'ECS Fargate Service', type: 'CFN_STACK', physical: (n: string) => `arn:aws:ecs:REGION:ACCOUNT:service/apps/${n}` },
  { name: 'RDS PostgreSQL', type: 'CFN_STACK', physical: (n: string) => `db-${n}` },
  { name: 'Secrets Manager Secret', type: 'CFN_STACK', physical: (n: string) => `arn:aws:secretsmanager:REGION:ACCOUNT:secret:${n}` },
] as const;
const STATUSES: ProvisionedProductStatus[] = ['AVAILABLE', 'AVAILABLE', 'AVAILABLE', 'AVAILABLE', 'AVAILABLE', 'AVAILABLE', 'AVAILABLE', 'TAINTED', 'ERROR'];

/** A large, deterministic seed for benchmarks: e.g. generateSeed({ accounts: 3, productsPerAccount: 2000 }). */
export function generateSeed(options: GenerateSeedOptions = {}): Seed {
  const accountCount = options.accounts ?? 3;
  const regions = options.regions ?? ['us-east-1', 'eu-west-1'];
  const perAccount = options.productsPerAccount ?? 50;
  const recordsPer = options.recordsPerProvisionedProduct ?? 0;
  const duration = options.actionDurationSeconds ?? 10;
  const outputs = options.outputsPerRecord ?? 3;
  const base = Date.parse(options.startTime ?? '2024-01-01T00:00:00Z');
  const random = seededRandom(options.randomSeed ?? 42);
  const id = (prefix: string) => `${prefix}-${Array.from({ length: 13 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(random() * 36)]).join('')}`;
  const iso = (offsetMs: number) => new Date(base + offsetMs).toISOString();

  const accounts = Array.from({ length: accountCount }, (_, i) => ({ id: String(100000000000 + (i + 1) * 11111), alias: `bench-${i + 1}` }));
  const credentials = accounts.map((account, i) => ({
    profileName: `bench-${i + 1}`,
    accessKeyId: `AKIABENCH${String(i + 1).padStart(11, '0')}`,
    secretAccessKey: `bench-secret-${i + 1}`,
    accountId: account.id,
    userArn: `arn:aws:iam::${account.id}:user/bench-${i + 1}`,
    region: regions[0],
  }));

  const products: SeedProduct[] = [];
  const serviceActions: SeedServiceAction[] = [];
  const associations: Seed['associations'] = [];
  for (const region of regions) {
    const allAccounts = accounts.map((a) => a.id);
    const regionActions: SeedServiceAction[] = [
      action(id('act'), 'Restart', region, allAccounts, [{ name: 'Target', type: 'TARGET' }], { status: 'SUCCEEDED', durationSeconds: duration, outputs: outputList(outputs) }),
      action(id('act'), 'Scale', region, allAccounts, [{ name: 'Target', type: 'TARGET' }, { name: 'DesiredCount', type: 'TEXT_VALUE' }], {
        status: 'SUCCEEDED',
        durationSeconds: duration,
        outputs: outputList(outputs),
      }),
      action(id('act'), 'Break', region, allAccounts, [{ name: 'Target', type: 'TARGET' }], {
        status: 'FAILED',
        durationSeconds: duration,
        inErrorSeconds: duration / 4,
        errors: [{ code: 'AutomationFailed', description: 'Step restart failed: the instance did not reach the running state.' }],
        productStatusAfter: 'TAINTED',
      }),
    ];
    regionActions[1].defaultValues = { DesiredCount: ['2'] };
    serviceActions.push(...regionActions);
    for (const entry of CATALOG) {
      const product: SeedProduct = {
        id: id('prod'),
        name: entry.name,
        region,
        accountIds: allAccounts,
        owner: 'Platform Team',
        launchPath: { id: id('lpv3'), name: 'Platform Portfolio' },
        versions: [
          { id: id('pa'), name: 'v1.0', createdTime: iso(0) },
          { id: id('pa'), name: 'v2.0', createdTime: iso(86_400_000) },
        ],
      };
      products.push(product);
      for (const version of product.versions) {
        for (const a of regionActions) associations.push({ serviceActionId: a.id, productId: product.id, provisioningArtifactId: version.id });
      }
    }
  }

  const provisionedProducts: SeedProvisionedProduct[] = [];
  const records: SeedRecord[] = [];
  accounts.forEach((account, a) => {
    for (let n = 0; n < perAccount; n++) {
      const region = regions[n % regions.length];
      const catalogIndex = Math.floor(n / regions.length) % CATALOG.length;
      const product = products.filter((p) => p.region === region)[catalogIndex];
      const version = product.versions[n % product.versions.length];
      const name = `svc-${a + 1}-${String(n + 1).padStart(5, '0')}`;
      const pp: SeedProvisionedProduct = {
        id: id('pp'),
        name,
        accountId: account.id,
        region,
        type: CATALOG[catalogIndex].type,
        status: STATUSES[Math.floor(random() * STATUSES.length)],
        physicalId: CATALOG[catalogIndex].physical(name).replace('REGION', region).replace('ACCOUNT', account.id),
        productId: product.id,
        provisioningArtifactId: version.id,
        tags: { team: `team-${(n % 7) + 1}`, env: n % 3 === 0 ? 'prod' : 'dev' },
        createdTime: iso(n * 60_000),
        userArn: credentials[a].userArn,
      };
      for (let r = 0; r < recordsPer; r++) {
        const recordId = id('rec');
        records.push({
          id: recordId,
          provisionedProductId: pp.id,
          recordType: r === 0 ? 'PROVISION_PRODUCT' : 'EXECUTE_PROVISIONED_PRODUCT_SERVICE_ACTION',
          status: 'SUCCEEDED',
          createdTime: iso(n * 60_000 + r * 3_600_000),
          updatedTime: iso(n * 60_000 + r * 3_600_000 + duration * 1000),
        });
        pp.lastRecordId = recordId;
      }
      provisionedProducts.push(pp);
    }
  });

  return { description: `Generated: ${JSON.stringify(options)}`, accounts, regions, credentials, products, serviceActions, associations, provisionedProducts, records };
}

function action(id: string, name: string, region: string, accountIds: string[], parameters: SeedServiceAction['definition']['parameters'], outcome: SeedServiceAction['outcome']): SeedServiceAction {
  return { id, name, description: `${name} (generated)`, region, accountIds, definition: { documentName: `Bench-${name}`, documentVersion: '1', assumeRole: 'LAUNCH_ROLE', parameters }, outcome };
}

function outputList(count: number) {
  return Array.from({ length: count }, (_, i) => ({ key: `Output${i + 1}`, value: `value ${i + 1} for {{Target}}` }));
}
