import assert from 'node:assert/strict';
import {
  DescribeProvisionedProductCommand,
  ScanProvisionedProductsCommand,
  SearchProvisionedProductsCommand,
  type ProvisionedProductAttribute,
  type SearchProvisionedProductsCommandInput,
  type ServiceCatalogClient,
} from '@aws-sdk/client-service-catalog';
import { client, rejectsWith, useEmulator } from './helpers';

const ACCOUNT = { Key: 'Account', Value: 'self' } as const;
const ROLE = { Key: 'Role', Value: 'self' } as const;
const USER = { Key: 'User', Value: 'self' } as const;

async function searchAll(sc: ServiceCatalogClient, input: SearchProvisionedProductsCommandInput) {
  const all: ProvisionedProductAttribute[] = [];
  const pageSizes: number[] = [];
  let token: string | undefined;
  do {
    const page = await sc.send(new SearchProvisionedProductsCommand({ ...input, PageToken: token }));
    pageSizes.push(page.ProvisionedProducts?.length ?? 0);
    all.push(...(page.ProvisionedProducts ?? []));
    token = page.NextPageToken;
  } while (token);
  return { all, pageSizes, names: all.map((pp) => pp.Name!) };
}

describe('emulator: provisioned products', () => {
  const ctx = useEmulator();

  describe('SearchProvisionedProducts', () => {
    it('pages through the account with exact counts and no duplicates', async () => {
      const { all, pageSizes } = await searchAll(client(ctx.emulator), { AccessLevelFilter: ACCOUNT, PageSize: 7 });
      assert.deepEqual(pageSizes, [7, 7, 7, 4]);
      assert.equal(new Set(all.map((pp) => pp.Id)).size, 25);
      const first = await client(ctx.emulator).send(new SearchProvisionedProductsCommand({ AccessLevelFilter: ACCOUNT, PageSize: 7 }));
      assert.equal(first.TotalResultsCount, 25);
    });

    it('uses a default page of 20 when PageSize is omitted or 0', async () => {
      for (const PageSize of [undefined, 0]) {
        const page = await client(ctx.emulator).send(new SearchProvisionedProductsCommand({ AccessLevelFilter: ACCOUNT, PageSize }));
        assert.equal(page.ProvisionedProducts?.length, 20);
        assert.ok(page.NextPageToken);
      }
    });

    it('returns every attribute of a provisioned product', async () => {
      const page = await client(ctx.emulator, 'main-bob').send(new SearchProvisionedProductsCommand({ AccessLevelFilter: USER, Filters: { SearchQuery: ['name:bob-web-05'] } }));
      const [pp] = page.ProvisionedProducts ?? [];
      assert.equal(pp.Name, 'bob-web-05');
      assert.equal(pp.Arn, `arn:aws:servicecatalog:us-east-1:111111111111:stack/bob-web-05/${pp.Id}`);
      assert.equal(pp.Type, 'CFN_STACK');
      assert.equal(pp.Status, 'AVAILABLE');
      assert.equal(pp.ProductName, 'Web Server');
      assert.equal(pp.ProvisioningArtifactName, 'v2.0');
      assert.equal(pp.UserArn, 'arn:aws:iam::111111111111:role/Developer');
      assert.equal(pp.UserArnSession, 'arn:aws:sts::111111111111:assumed-role/Developer/bob');
      assert.deepEqual(pp.Tags, [
        { Key: 'env', Value: 'dev' },
        { Key: 'team', Value: 'search' },
      ]);
      assert.ok(pp.CreatedTime instanceof Date);
      assert.match(pp.PhysicalId ?? '', /^arn:aws:cloudformation:/);
      assert.ok(pp.LastRecordId);
    });

    it('filters by access level: User is what the caller launched, Role the same role, Account everything', async () => {
      const bob = client(ctx.emulator, 'main-bob');
      assert.equal((await searchAll(bob, { AccessLevelFilter: USER })).all.length, 6);
      const role = await searchAll(bob, { AccessLevelFilter: ROLE });
      assert.equal(role.all.length, 8);
      assert.ok(role.names.every((name) => name.startsWith('bob-') || name.startsWith('frank-')));
      assert.equal((await searchAll(bob, { AccessLevelFilter: ACCOUNT })).all.length, 25);
      const alice = client(ctx.emulator);
      assert.equal((await searchAll(alice, { AccessLevelFilter: USER })).all.length, 12);
      assert.equal((await searchAll(alice, { AccessLevelFilter: ROLE })).all.length, 12, 'an IAM user has no role: Role is User');
    });

    it('defaults to the Account level and answers AccessDeniedException to a caller denied it', async () => {
      assert.equal((await client(ctx.emulator).send(new SearchProvisionedProductsCommand({}))).TotalResultsCount, 25);
      const carol = client(ctx.emulator, 'main-carol');
      const denied = await rejectsWith(
        carol.send(new SearchProvisionedProductsCommand({ AccessLevelFilter: ACCOUNT })),
        'AccessDeniedException',
        'User: arn:aws:iam::111111111111:user/carol is not authorized to perform: servicecatalog:SearchProvisionedProducts on resource: arn:aws:servicecatalog:us-east-1:111111111111:*',
      );
      assert.equal(denied.$metadata?.httpStatusCode, 400);
      await rejectsWith(carol.send(new SearchProvisionedProductsCommand({})), 'AccessDeniedException');
      assert.equal((await carol.send(new SearchProvisionedProductsCommand({ AccessLevelFilter: USER }))).TotalResultsCount, 3);
    });

    it('filters with SearchQuery field terms and free text', async () => {
      const count = async (...SearchQuery: string[]) => (await client(ctx.emulator).send(new SearchProvisionedProductsCommand({ AccessLevelFilter: ACCOUNT, Filters: { SearchQuery } }))).TotalResultsCount;
      assert.equal(await count('status:AVAILABLE'), 21);
      assert.equal(await count('status:tainted'), 1, 'values ignore case');
      assert.equal(await count('status:UNDER_CHANGE'), 1);
      assert.equal(await count('tags:env=prod'), 9);
      assert.equal(await count('tags:search'), 14, 'a tag key or value');
      assert.equal(await count('tags:env=prod', 'tags:team=payments'), 3, 'all strings must match');
      assert.equal(await count('tags:env=prod tags:team=payments'), 3, 'all terms must match');
      assert.equal(await count('name:web'), 18, 'names match a substring');
      assert.equal(await count('productName:postgresql'), 4);
      assert.equal(await count('provisioningArtifactName:v2.0'), 2);
      assert.equal(await count('id:pp-carol00000021'), 1, 'ids match exactly');
      assert.equal(await count('id:pp-carol'), 0);
      assert.equal(await count('productId:prod-bucket000001'), 3);
      assert.equal(await count('userArn:arn:aws:iam::111111111111:user/zoe'), 2);
      assert.equal(await count('userArnSession:arn:aws:sts::111111111111:assumed-role/Developer/frank'), 2);
      assert.equal(await count('type:CFN_STACK'), 25);
      assert.equal(await count('createdTime:2024-03-01'), 12, 'a prefix of the ISO time');
      assert.equal(await count('frank'), 2, 'free text');
      assert.equal(await count('carol-bucket-02'), 1);
      assert.equal(await count('nothing-like-this'), 0);
    });

    it('sorts by name, id, arn or lastRecordId in either order', async () => {
      const sc = client(ctx.emulator);
      const ascending = (await searchAll(sc, { AccessLevelFilter: ACCOUNT, SortBy: 'name', SortOrder: 'ASCENDING', PageSize: 9 })).names;
      assert.deepEqual(ascending, [...ascending].sort());
      const descending = (await searchAll(sc, { AccessLevelFilter: ACCOUNT, SortBy: 'name', SortOrder: 'DESCENDING', PageSize: 100 })).names;
      assert.deepEqual(descending, [...ascending].reverse());
      const byId = (await searchAll(sc, { AccessLevelFilter: ACCOUNT, SortBy: 'id', PageSize: 100 })).all.map((pp) => pp.Id!);
      assert.deepEqual(byId, [...byId].sort());
    });

    it('rejects a page token that is invalid or belongs to another listing', async () => {
      const sc = client(ctx.emulator);
      await rejectsWith(sc.send(new SearchProvisionedProductsCommand({ PageToken: 'not-a-token' })), 'InvalidParametersException', /page token is not valid/);
      const first = await sc.send(new SearchProvisionedProductsCommand({ AccessLevelFilter: ACCOUNT, PageSize: 5 }));
      await rejectsWith(
        sc.send(new SearchProvisionedProductsCommand({ AccessLevelFilter: ACCOUNT, PageSize: 5, Filters: { SearchQuery: ['web'] }, PageToken: first.NextPageToken })),
        'InvalidParametersException',
      );
      await rejectsWith(sc.send(new ScanProvisionedProductsCommand({ PageToken: first.NextPageToken })), 'InvalidParametersException');
      const tampered = first.NextPageToken!.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
      await rejectsWith(sc.send(new SearchProvisionedProductsCommand({ AccessLevelFilter: ACCOUNT, PageSize: 5, PageToken: tampered })), 'InvalidParametersException');
    });
  });

  describe('ScanProvisionedProducts', () => {
    it('defaults to the User level and pages by 20 at most', async () => {
      const sc = client(ctx.emulator);
      const sizes: number[] = [];
      const ids = new Set<string>();
      let token: string | undefined;
      do {
        const page = await sc.send(new ScanProvisionedProductsCommand({ PageSize: 5, PageToken: token }));
        sizes.push(page.ProvisionedProducts!.length);
        page.ProvisionedProducts!.forEach((pp) => ids.add(pp.Id!));
        token = page.NextPageToken;
      } while (token);
      assert.deepEqual(sizes, [5, 5, 2]);
      assert.equal(ids.size, 12);
      const account = await sc.send(new ScanProvisionedProductsCommand({ AccessLevelFilter: ACCOUNT }));
      assert.equal(account.ProvisionedProducts?.length, 20);
      const rest = await sc.send(new ScanProvisionedProductsCommand({ AccessLevelFilter: ACCOUNT, PageToken: account.NextPageToken }));
      assert.equal(rest.ProvisionedProducts?.length, 5);
      assert.equal(rest.NextPageToken, undefined);
      await rejectsWith(client(ctx.emulator, 'main-carol').send(new ScanProvisionedProductsCommand({ AccessLevelFilter: ACCOUNT })), 'AccessDeniedException', /servicecatalog:ScanProvisionedProducts/);
    });

    it('returns ProvisionedProductDetail with the launch role', async () => {
      const page = await client(ctx.emulator).send(new ScanProvisionedProductsCommand({ PageSize: 1 }));
      const [pp] = page.ProvisionedProducts!;
      assert.equal(pp.Name, 'alice-web-01');
      assert.equal(pp.LaunchRoleArn, 'arn:aws:iam::111111111111:role/SCLaunchRole');
      assert.equal(pp.ProductId, 'prod-webserver001');
    });
  });

  describe('DescribeProvisionedProduct', () => {
    it('finds a product by id or by name', async () => {
      const sc = client(ctx.emulator);
      const byId = await sc.send(new DescribeProvisionedProductCommand({ Id: 'pp-zoexx00000024' }));
      assert.equal(byId.ProvisionedProductDetail?.Name, 'zoe-web-tainted');
      assert.equal(byId.ProvisionedProductDetail?.Status, 'TAINTED');
      assert.equal(byId.ProvisionedProductDetail?.StatusMessage, 'Update failed; rolled back to v1.0');
      assert.equal(byId.ProvisionedProductDetail?.LastRecordId, 'rec-failedexec001');
      assert.deepEqual(byId.CloudWatchDashboards, []);
      const byName = await sc.send(new DescribeProvisionedProductCommand({ Name: 'zoe-web-error' }));
      assert.equal(byName.ProvisionedProductDetail?.Status, 'ERROR');
    });

    it('answers ResourceNotFoundException outside the caller account and region', async () => {
      await rejectsWith(client(ctx.emulator).send(new DescribeProvisionedProductCommand({ Id: 'pp-nothing' })), 'ResourceNotFoundException', 'Provisioned product pp-nothing not found.');
      await rejectsWith(client(ctx.emulator, 'other-erin').send(new DescribeProvisionedProductCommand({ Id: 'pp-alice00000001' })), 'ResourceNotFoundException');
      await rejectsWith(client(ctx.emulator, 'main-alice', { region: 'eu-west-1' }).send(new DescribeProvisionedProductCommand({ Id: 'pp-alice00000001' })), 'ResourceNotFoundException');
    });

    it('refuses a caller limited to User and Role levels a product of someone else', async () => {
      const carol = client(ctx.emulator, 'main-carol');
      await carol.send(new DescribeProvisionedProductCommand({ Id: 'pp-carol00000021' }));
      await rejectsWith(carol.send(new DescribeProvisionedProductCommand({ Id: 'pp-alice00000001' })), 'AccessDeniedException', /servicecatalog:DescribeProvisionedProduct on resource: arn:aws:servicecatalog:us-east-1:111111111111:stack\/alice-web-01\//);
    });
  });
});
