import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import type { AwsContext } from '../../../src/aws/awsContext';
import { maxPages, type ServiceCatalogApi } from '../../../src/aws/serviceCatalogApi';
import { AwsCallError } from '../../../src/aws/errors';
import { startEmulatorFixture, type EmulatorFixture } from '../support/emulatorFixture';

/** The AWS layer against the emulator over real HTTP with the real SDK and the files a user would have. */
describe('ServiceCatalogApi against the emulator', function () {
  this.timeout(30_000);
  let fixture: EmulatorFixture;
  let aws: AwsContext;

  before(async () => {
    fixture = await startEmulatorFixture();
  });
  after(() => fixture.stop());
  beforeEach(() => {
    fixture.emulator.reset();
    fixture.emulator.faults.clear();
    aws = fixture.context();
  });

  const api = (profile: string, region = 'us-east-1'): Promise<ServiceCatalogApi> => aws.apiFor(profile, region);
  const problemOf = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => assert.fail('expected the call to fail'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof AwsCallError, `expected an AwsCallError, got ${String(error)}`);
    return error.problem;
  };

  it('discovers every profile of the written files with its endpoint, through both config routes', async () => {
    const catalog = await aws.profiles();
    const names = catalog.profiles.map((profile) => profile.name);
    assert.deepEqual(names.sort(), fixture.seed.credentials.map((credential) => credential.profileName).sort());
    const sources = new Set(
      catalog.profiles.map((profile) => (profile.serviceCatalogEndpoint.kind === 'configured' ? profile.serviceCatalogEndpoint.endpoint.source : 'none')),
    );
    assert.ok([...sources].some((source) => source.startsWith('[services')), 'a profile uses a services section');
    assert.ok([...sources].some((source) => source.startsWith('endpoint_url of profile')), 'a profile uses endpoint_url');
    for (const profile of catalog.profiles) {
      assert.equal(profile.serviceCatalogEndpoint.kind, 'configured');
    }
  });

  it('searches every page of provisioned products, without duplicates', async () => {
    const alice = await api('main-alice');
    const pages: number[] = [];
    const products = await alice.searchProvisionedProducts({ accessLevel: 'User', pageSize: 5, onPage: (page) => pages.push(page.length) });
    const expected = fixture.seed.provisionedProducts.filter(
      (product) => product.userArn === 'arn:aws:iam::111111111111:user/alice' && product.region === 'us-east-1',
    );
    assert.equal(products.length, expected.length);
    assert.ok(pages.length >= 3, `expected several pages, got ${pages.join(',')}`);
    assert.equal(new Set(products.map((product) => product.Id)).size, products.length);
  });

  it('lists the whole account with the Account access level and is refused it when denied', async () => {
    const account = await (await api('main-alice')).searchProvisionedProducts({ accessLevel: 'Account', pageSize: 7 });
    const inAccount = fixture.seed.provisionedProducts.filter((product) => product.accountId === '111111111111' && product.region === 'us-east-1');
    assert.equal(account.length, inAccount.length);

    const problem = await problemOf((await api('main-carol')).searchProvisionedProducts({ accessLevel: 'Account' }));
    assert.equal(problem.kind, 'access-denied');
  });

  it('filters with a SearchQuery', async () => {
    const products = await (await api('main-alice')).searchProvisionedProducts({ accessLevel: 'Account', searchQuery: 'status:TAINTED' });
    assert.deepEqual(products.map((product) => product.Name), ['zoe-web-tainted']);
  });

  it('describes a product, lists its actions over several pages and describes their parameters', async () => {
    const alice = await api('main-alice');
    const product = await alice.describeProvisionedProduct('pp-alice00000001');
    assert.equal(product.Name, 'alice-web-01');
    const actions = await alice.listServiceActions(product.ProductId!, product.ProvisioningArtifactId!, { pageSize: 1 });
    assert.deepEqual(actions.map((action) => action.Id).sort(), ['act-export0000001', 'act-flush00000001', 'act-restart000001', 'act-rotate0000001']);
    const parameters = await alice.describeExecutionParameters('pp-alice00000001', 'act-rotate0000001');
    assert.deepEqual(
      parameters.map((parameter) => [parameter.Name, parameter.Type]),
      [
        ['Target', 'TARGET'],
        ['Reason', 'TEXT_VALUE'],
      ],
    );
    const action = await alice.describeServiceAction('act-rotate0000001');
    assert.equal(action.ServiceActionSummary?.Name, 'Rotate-Credentials');
  });

  it('executes an action, and the record comes back with every page of its outputs', async () => {
    const alice = await api('main-alice');
    const started = await alice.executeServiceAction({
      provisionedProductId: 'pp-alice00000002',
      serviceActionId: 'act-export0000001',
      executeToken: 'token-export-1',
      parameters: { Days: ['3'] },
    });
    assert.equal(started.Status, 'CREATED');
    fixture.emulator.clock.advance(60_000);
    const { record, outputs } = await alice.describeRecord(started.RecordId!, { pageSize: 2 });
    assert.equal(record.Status, 'SUCCEEDED');
    const seedOutputs = fixture.seed.serviceActions.find((action) => action.id === 'act-export0000001')?.outcome.outputs ?? [];
    assert.ok(seedOutputs.length > 2, 'the seed action has more outputs than a page');
    assert.equal(outputs.length, seedOutputs.length);
    assert.equal(new Set(outputs.map((output) => output.OutputKey)).size, outputs.length);

    const history = await alice.listRecordHistory({ provisionedProductId: 'pp-alice00000002', accessLevel: 'User' });
    assert.equal(history.records[0].RecordId, started.RecordId, 'newest first');
  });

  it('reuses a token: the same token and parameters return the same record and start nothing new', async () => {
    const alice = await api('main-alice');
    const request = { provisionedProductId: 'pp-alice00000003', serviceActionId: 'act-flush00000001', executeToken: 'token-once' };
    const first = await alice.executeServiceAction(request);
    const second = await alice.executeServiceAction(request);
    assert.equal(second.RecordId, first.RecordId);
    assert.equal(fixture.emulator.counters().executions.byExecuteToken['token-once'], 1);
  });

  it('classifies what goes wrong, with what the user can do', async () => {
    const alice = await api('main-alice');
    assert.equal((await problemOf(alice.describeRecord('rec-doesnotexist'))).kind, 'not-found');
    const underChange = await problemOf(
      alice.executeServiceAction({ provisionedProductId: 'pp-alice00000010', serviceActionId: 'act-snapshot00001', executeToken: 'token-busy' }),
    );
    assert.equal(underChange.kind, 'invalid-state');
    const badParameter = await problemOf(
      alice.executeServiceAction({
        provisionedProductId: 'pp-alice00000004',
        serviceActionId: 'act-flush00000001',
        executeToken: 'token-bad',
        parameters: { NoSuchParameter: ['x'] },
      }),
    );
    assert.equal(badParameter.kind, 'invalid-parameters');
    assert.match(badParameter.detail, /NoSuchParameter/);

    const expired = await problemOf((await api('main-expired')).searchProvisionedProducts({ accessLevel: 'User' }));
    assert.equal(expired.kind, 'expired-credentials');
    assert.ok(expired.fix);
  });

  it('rejects a wrong secret key without repeating any secret', async () => {
    const original = readFileSync(fixture.credentialsFile, 'utf8');
    try {
      writeFileSync(fixture.credentialsFile, original.replace('alice-secret-key', 'not-alice-secret-key'));
      aws = fixture.context();
      const problem = await problemOf((await api('main-alice')).searchProvisionedProducts({ accessLevel: 'User' }));
      assert.equal(problem.kind, 'invalid-credentials');
      const text = JSON.stringify(problem);
      for (const credential of fixture.seed.credentials) {
        assert.ok(!text.includes(credential.secretAccessKey), 'no secret key in the problem');
        if (credential.sessionToken) {
          assert.ok(!text.includes(credential.sessionToken), 'no session token in the problem');
        }
      }
      assert.ok(!text.includes('not-alice-secret-key'));
    } finally {
      writeFileSync(fixture.credentialsFile, original);
    }
  });

  it('retries throttled calls and completes', async () => {
    fixture.emulator.faults.set([{ kind: 'throttle', operation: 'SearchProvisionedProducts', everyNth: 2 }]);
    const products = await (await api('main-alice')).searchProvisionedProducts({ accessLevel: 'User', pageSize: 5 });
    assert.ok(products.length > 5);
    assert.ok(fixture.emulator.counters().faults.throttle > 0, 'the emulator throttled some calls');
  });

  it('says the service is throttling when retries run out', async () => {
    fixture.emulator.faults.set([{ kind: 'throttle', operation: 'DescribeProvisionedProduct' }]);
    const problem = await problemOf((await api('main-alice')).describeProvisionedProduct('pp-alice00000001'));
    assert.equal(problem.kind, 'throttled');
    assert.match(problem.detail, /tried 3 times/);
  });

  it('says when the endpoint cannot be reached', async () => {
    const config = readFileSync(fixture.configFile, 'utf8');
    try {
      writeFileSync(fixture.configFile, config.split(fixture.emulator.endpoint).join('http://127.0.0.1:9'));
      aws = fixture.context();
      const problem = await problemOf((await api('main-alice')).describeProvisionedProduct('pp-alice00000001'));
      assert.equal(problem.kind, 'network');
      assert.match(problem.detail, /127\.0\.0\.1:9/);
    } finally {
      writeFileSync(fixture.configFile, config);
    }
  });

  it(`stops after ${maxPages} pages of a service that keeps returning new page tokens, and says so`, async function () {
    this.timeout(60_000);
    for (const operation of ['SearchProvisionedProducts', 'DescribeRecord']) {
      fixture.emulator.faults.set([{ kind: 'endlessPages', operation }]);
      const callsBefore = fixture.emulator.counters().calls[operation] ?? 0;
      const alice = await api('main-alice');
      const problem = await problemOf(
        operation === 'DescribeRecord' ? alice.describeRecord('rec-prov000000001') : alice.searchProvisionedProducts({ accessLevel: 'User' }),
      );
      assert.equal(problem.kind, 'too-many-pages');
      assert.equal(problem.detail, `Service Catalog kept answering ${operation} with more pages: the extension stopped after ${maxPages} pages.`);
      assert.equal((fixture.emulator.counters().calls[operation] ?? 0) - callsBefore, maxPages, 'no page after the last');
    }
    fixture.emulator.faults.clear();
  });

  it('fails clearly for a profile that does not exist', async () => {
    const problem = await problemOf(aws.apiFor('nobody', 'us-east-1'));
    assert.equal(problem.kind, 'invalid-config');
  });
});
