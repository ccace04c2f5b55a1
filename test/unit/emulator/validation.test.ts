import assert from 'node:assert/strict';
import {
  DescribeProductCommand,
  DescribeProvisionedProductCommand,
  DescribeProvisioningArtifactCommand,
  DescribeRecordCommand,
  DescribeServiceActionCommand,
  DescribeServiceActionExecutionParametersCommand,
  ExecuteProvisionedProductServiceActionCommand,
  ListRecordHistoryCommand,
  ListServiceActionsForProvisioningArtifactCommand,
  ScanProvisionedProductsCommand,
  SearchProvisionedProductsCommand,
  type ServiceCatalogClient,
} from '@aws-sdk/client-service-catalog';
import { client, rejectsWith, useEmulator } from './helpers';

const INVALID = 'InvalidParametersException';

describe('emulator: input validation', () => {
  const ctx = useEmulator();
  let sc: ServiceCatalogClient;
  beforeEach(() => (sc = client(ctx.emulator)));

  it('enforces the page-size ranges: 0..100 for Search, 0..20 for the others', async () => {
    await sc.send(new SearchProvisionedProductsCommand({ PageSize: 100 }));
    await sc.send(new SearchProvisionedProductsCommand({ PageSize: 0 }));
    await rejectsWith(
      sc.send(new SearchProvisionedProductsCommand({ PageSize: 101 })),
      INVALID,
      "1 validation error detected: Value '101' at 'pageSize' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
    await rejectsWith(sc.send(new SearchProvisionedProductsCommand({ PageSize: -1 })), INVALID, /greater than or equal to 0/);
    await sc.send(new ScanProvisionedProductsCommand({ PageSize: 20 }));
    await rejectsWith(sc.send(new ScanProvisionedProductsCommand({ PageSize: 21 })), INVALID, /Member must have value less than or equal to 20/);
    await rejectsWith(sc.send(new ListRecordHistoryCommand({ PageSize: 21 })), INVALID, /less than or equal to 20/);
    await rejectsWith(sc.send(new DescribeRecordCommand({ Id: 'rec-prov000000001', PageSize: 21 })), INVALID, /less than or equal to 20/);
    await rejectsWith(
      sc.send(new ListServiceActionsForProvisioningArtifactCommand({ ProductId: 'prod-webserver001', ProvisioningArtifactId: 'pa-webv1000000001', PageSize: 50 })),
      INVALID,
      /less than or equal to 20/,
    );
  });

  it('reports every missing required member together', async () => {
    await rejectsWith(
      sc.send(new ExecuteProvisionedProductServiceActionCommand({} as never)),
      INVALID,
      "2 validation errors detected: Value null at 'provisionedProductId' failed to satisfy constraint: Member must not be null; Value null at 'serviceActionId' failed to satisfy constraint: Member must not be null",
    );
    await rejectsWith(sc.send(new DescribeRecordCommand({} as never)), INVALID, "1 validation error detected: Value null at 'id' failed to satisfy constraint: Member must not be null");
    await rejectsWith(sc.send(new DescribeServiceActionCommand({} as never)), INVALID, /'id'.*must not be null/);
    await rejectsWith(sc.send(new DescribeServiceActionExecutionParametersCommand({ ServiceActionId: 'act-restart000001' } as never)), INVALID, /'provisionedProductId'/);
    await rejectsWith(sc.send(new ListServiceActionsForProvisioningArtifactCommand({ ProductId: 'prod-webserver001' } as never)), INVALID, /'provisioningArtifactId'/);
  });

  it('checks string lengths and patterns against the whole value', async () => {
    await rejectsWith(sc.send(new DescribeRecordCommand({ Id: '' })), INVALID, /Member must have length greater than or equal to 1/);
    await rejectsWith(sc.send(new DescribeRecordCommand({ Id: 'r'.repeat(101) })), INVALID, /length less than or equal to 100/);
    await rejectsWith(sc.send(new DescribeRecordCommand({ Id: 'rec/../etc' })), INVALID, /at 'id' failed to satisfy constraint: Member must satisfy regular expression pattern: \^\[a-zA-Z0-9_\\-\]\*/);
    await rejectsWith(sc.send(new DescribeProvisionedProductCommand({ Name: 'has space' })), INVALID, /at 'name'.*regular expression pattern/);
    await rejectsWith(sc.send(new DescribeProvisionedProductCommand({ Name: 'n'.repeat(129) })), INVALID, /length less than or equal to 128/);
    await rejectsWith(
      sc.send(new ExecuteProvisionedProductServiceActionCommand({ ProvisionedProductId: 'pp-alice00000001', ServiceActionId: 'act-restart000001', ExecuteToken: '-starts-with-dash' })),
      INVALID,
      /at 'executeToken'.*pattern/,
    );
    await rejectsWith(sc.send(new SearchProvisionedProductsCommand({ PageToken: 'x'.repeat(2025) })), INVALID, /at 'pageToken'.*less than or equal to 2024/);
    await rejectsWith(sc.send(new DescribeProductCommand({ Id: 'prod-webserver001', AcceptLanguage: 'x'.repeat(101) })), INVALID, /at 'acceptLanguage'/);
  });

  it('checks enums', async () => {
    await rejectsWith(
      sc.send(new SearchProvisionedProductsCommand({ AccessLevelFilter: { Key: 'Everyone' as never, Value: 'self' } })),
      INVALID,
      "1 validation error detected: Value 'Everyone' at 'accessLevelFilter.key' failed to satisfy constraint: Member must satisfy enum value set: [Account, Role, User]",
    );
    await rejectsWith(sc.send(new SearchProvisionedProductsCommand({ SortOrder: 'UP' as never })), INVALID, /at 'sortOrder'.*\[ASCENDING, DESCENDING\]/);
    await rejectsWith(sc.send(new SearchProvisionedProductsCommand({ Filters: { Everything: ['x'] } as never })), INVALID, /Map keys must satisfy enum value set: \[SearchQuery\]/);
  });

  it('answers the documented either-or members with InvalidParametersException', async () => {
    await rejectsWith(sc.send(new DescribeProvisionedProductCommand({})), INVALID, /either the Id or the Name/);
    await rejectsWith(sc.send(new DescribeProvisionedProductCommand({ Id: 'pp-alice00000001', Name: 'alice-web-01' })), INVALID, /but not both/);
    await rejectsWith(sc.send(new DescribeProductCommand({})), INVALID, /the Id or the Name/);
    await rejectsWith(sc.send(new DescribeProvisioningArtifactCommand({ ProductId: 'prod-webserver001' })), INVALID, /ProvisioningArtifactId or the ProvisioningArtifactName/);
    await rejectsWith(sc.send(new DescribeProvisioningArtifactCommand({ ProvisioningArtifactId: 'pa-webv1000000001' })), INVALID, /ProductId or the ProductName/);
  });

  it('validates AccessLevelFilter values, SortBy and SearchFilter keys', async () => {
    await rejectsWith(sc.send(new SearchProvisionedProductsCommand({ AccessLevelFilter: { Key: 'User', Value: 'alice' } })), INVALID, /only supported value is self/);
    await rejectsWith(sc.send(new SearchProvisionedProductsCommand({ SortBy: 'status' })), INVALID, "SortBy 'status' is not valid. The valid values are arn, id, name, lastRecordId.");
    await rejectsWith(sc.send(new ListRecordHistoryCommand({ SearchFilter: { Key: 'owner', Value: 'x' } })), INVALID, /valid keys are product and provisionedproduct/);
    await rejectsWith(sc.send(new SearchProvisionedProductsCommand({ Filters: { SearchQuery: ['status:'] } })), INVALID, /has no value/);
  });

  it('limits execution parameters: 1..200 keys of 1..50 characters, 0..25 values of 0..512 characters', async () => {
    const execute = (Parameters: Record<string, string[]>) =>
      sc.send(new ExecuteProvisionedProductServiceActionCommand({ ProvisionedProductId: 'pp-alice00000001', ServiceActionId: 'act-restart000001', Parameters }));
    const tooMany = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`P${i}`, ['x']]));
    await rejectsWith(execute(tooMany), INVALID, /at 'parameters' failed to satisfy constraint: Member must have length less than or equal to 200/);
    await rejectsWith(execute({}), INVALID, /at 'parameters'.*greater than or equal to 1/);
    await rejectsWith(execute({ ['k'.repeat(51)]: ['x'] }), INVALID, /Map keys must have length less than or equal to 50/);
    await rejectsWith(execute({ InstanceId: Array.from({ length: 26 }, () => 'i') }), INVALID, /at 'parameters.InstanceId'.*less than or equal to 25/);
    await rejectsWith(execute({ InstanceId: ['v'.repeat(513)] }), INVALID, /at 'parameters.InstanceId.1'.*less than or equal to 512/);
    assert.equal(ctx.emulator.counters().executions.total, 0, 'nothing ran');
  });
});
