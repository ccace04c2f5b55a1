import assert from 'node:assert/strict';
import {
  DescribeProductCommand,
  DescribeProvisioningArtifactCommand,
  DescribeServiceActionCommand,
  DescribeServiceActionExecutionParametersCommand,
  ListServiceActionsForProvisioningArtifactCommand,
} from '@aws-sdk/client-service-catalog';
import { client, rejectsWith, useEmulator } from './helpers';

describe('emulator: products, versions and service actions', () => {
  const ctx = useEmulator();

  it('DescribeProduct: the product view, its active versions and launch path, by id or name', async () => {
    const sc = client(ctx.emulator);
    const output = await sc.send(new DescribeProductCommand({ Id: 'prod-webserver001' }));
    assert.deepEqual(output.ProductViewSummary, {
      Id: 'prodview-webserver001',
      ProductId: 'prod-webserver001',
      Name: 'Web Server',
      Owner: 'Platform Team',
      ShortDescription: 'An EC2 web server behind a load balancer',
      Type: 'CLOUD_FORMATION_TEMPLATE',
      HasDefaultPath: true,
      SupportEmail: 'platform@example.com',
    });
    assert.deepEqual(
      output.ProvisioningArtifacts?.map((a) => a.Name),
      ['v1.0', 'v2.0'],
      'the inactive v0.9 is hidden from end users',
    );
    assert.deepEqual(output.LaunchPaths, [{ Id: 'lpv3-platform0001', Name: 'Platform Portfolio' }]);
    assert.deepEqual(output.Budgets, []);
    const byName = await sc.send(new DescribeProductCommand({ Name: 'PostgreSQL Database' }));
    assert.equal(byName.ProductViewSummary?.ProductId, 'prod-database0001');
    await rejectsWith(sc.send(new DescribeProductCommand({ Id: 'prod-euweb0000001' })), 'ResourceNotFoundException', 'Product prod-euweb0000001 not found.');
    await rejectsWith(client(ctx.emulator, 'other-erin').send(new DescribeProductCommand({ Id: 'prod-bucket000001' })), 'ResourceNotFoundException');
  });

  it('DescribeProvisioningArtifact: the version, with template info and parameters on request', async () => {
    const sc = client(ctx.emulator);
    const output = await sc.send(new DescribeProvisioningArtifactCommand({ ProductId: 'prod-webserver001', ProvisioningArtifactId: 'pa-webv1000000001', Verbose: true, IncludeProvisioningArtifactParameters: true }));
    assert.equal(output.Status, 'AVAILABLE');
    assert.equal(output.ProvisioningArtifactDetail?.Name, 'v1.0');
    assert.equal(output.ProvisioningArtifactDetail?.Active, true);
    assert.equal(output.ProvisioningArtifactDetail?.Type, 'CLOUD_FORMATION_TEMPLATE');
    assert.deepEqual(output.Info, { TemplateUrl: 'https://s3.amazonaws.com/test-templates/web-v1.json' });
    assert.equal(output.ProvisioningArtifactParameters?.[0]?.ParameterKey, 'InstanceType');
    const plain = await sc.send(new DescribeProvisioningArtifactCommand({ ProductName: 'Web Server', ProvisioningArtifactName: 'v0.9' }));
    assert.equal(plain.ProvisioningArtifactDetail?.Active, false);
    assert.equal(plain.ProvisioningArtifactDetail?.Guidance, 'DEPRECATED');
    assert.equal(plain.Info, undefined);
    await rejectsWith(sc.send(new DescribeProvisioningArtifactCommand({ ProductId: 'prod-webserver001', ProvisioningArtifactId: 'pa-dbv10000000001' })), 'ResourceNotFoundException');
  });

  it('ListServiceActionsForProvisioningArtifact: the actions of a version, paged', async () => {
    const sc = client(ctx.emulator);
    const first = await sc.send(new ListServiceActionsForProvisioningArtifactCommand({ ProductId: 'prod-webserver001', ProvisioningArtifactId: 'pa-webv1000000001', PageSize: 3 }));
    assert.equal(first.ServiceActionSummaries?.length, 3);
    const second = await sc.send(
      new ListServiceActionsForProvisioningArtifactCommand({ ProductId: 'prod-webserver001', ProvisioningArtifactId: 'pa-webv1000000001', PageSize: 3, PageToken: first.NextPageToken }),
    );
    assert.equal(second.NextPageToken, undefined);
    const names = [...first.ServiceActionSummaries!, ...second.ServiceActionSummaries!].map((a) => a.Name);
    assert.deepEqual(names, ['Restart-Instance', 'Rotate-Credentials', 'Export-Logs', 'Flush-Cache']);
    assert.deepEqual(first.ServiceActionSummaries?.[0], { Id: 'act-restart000001', Name: 'Restart-Instance', Description: 'Restarts the EC2 instance', DefinitionType: 'SSM_AUTOMATION' });
    const none = await sc.send(new ListServiceActionsForProvisioningArtifactCommand({ ProductId: 'prod-bucket000001', ProvisioningArtifactId: 'pa-bucketv1000001' }));
    assert.deepEqual(none.ServiceActionSummaries, []);
    // Actions not shared with the caller's account are not listed.
    const erin = await client(ctx.emulator, 'other-erin').send(new ListServiceActionsForProvisioningArtifactCommand({ ProductId: 'prod-webserver001', ProvisioningArtifactId: 'pa-webv1000000001' }));
    assert.deepEqual(erin.ServiceActionSummaries?.map((a) => a.Name), ['Restart-Instance', 'Rotate-Credentials']);
    await rejectsWith(sc.send(new ListServiceActionsForProvisioningArtifactCommand({ ProductId: 'prod-nothing', ProvisioningArtifactId: 'pa-webv1000000001' })), 'ResourceNotFoundException');
    await rejectsWith(sc.send(new ListServiceActionsForProvisioningArtifactCommand({ ProductId: 'prod-webserver001', ProvisioningArtifactId: 'pa-nothing' })), 'ResourceNotFoundException');
  });

  it('DescribeServiceAction: the summary and the SSM definition', async () => {
    const output = await client(ctx.emulator).send(new DescribeServiceActionCommand({ Id: 'act-rotate0000001' }));
    assert.deepEqual(output.ServiceActionDetail?.Definition, {
      Name: 'Test-RotateCredentials',
      Parameters: '[{"Name":"Target","Type":"TARGET"},{"Name":"Reason","Type":"TEXT_VALUE"}]',
    });
    assert.equal(output.ServiceActionDetail?.ServiceActionSummary?.DefinitionType, 'SSM_AUTOMATION');
    await rejectsWith(client(ctx.emulator).send(new DescribeServiceActionCommand({ Id: 'act-eurestart0001' })), 'ResourceNotFoundException', 'Service action act-eurestart0001 not found.');
  });

  it('DescribeServiceActionExecutionParameters: TARGET defaults to the product target, TEXT_VALUE to the seed default', async () => {
    const sc = client(ctx.emulator);
    const rotate = await sc.send(new DescribeServiceActionExecutionParametersCommand({ ProvisionedProductId: 'pp-alice00000001', ServiceActionId: 'act-rotate0000001' }));
    assert.deepEqual(rotate.ServiceActionParameters, [
      { Name: 'Target', Type: 'TARGET', DefaultValues: ['i-0alice01'] },
      { Name: 'Reason', Type: 'TEXT_VALUE', DefaultValues: ['scheduled'] },
    ]);
    const bob = await client(ctx.emulator, 'main-bob').send(new DescribeServiceActionExecutionParametersCommand({ ProvisionedProductId: 'pp-bobxx00000013', ServiceActionId: 'act-restart000001' }));
    assert.match(bob.ServiceActionParameters?.[0].DefaultValues?.[0] ?? '', /^arn:aws:cloudformation:.*pp-bobxx00000013/, 'without a seed target, the physical id');
    const flush = await sc.send(new DescribeServiceActionExecutionParametersCommand({ ProvisionedProductId: 'pp-alice00000001', ServiceActionId: 'act-flush00000001' }));
    assert.deepEqual(flush.ServiceActionParameters, []);
    await rejectsWith(
      sc.send(new DescribeServiceActionExecutionParametersCommand({ ProvisionedProductId: 'pp-alice00000009', ServiceActionId: 'act-restart000001' })),
      'InvalidParametersException',
      /not associated with provisioning artifact pa-dbv10000000001/,
    );
    await rejectsWith(sc.send(new DescribeServiceActionExecutionParametersCommand({ ProvisionedProductId: 'pp-nothing', ServiceActionId: 'act-restart000001' })), 'ResourceNotFoundException');
    await rejectsWith(sc.send(new DescribeServiceActionExecutionParametersCommand({ ProvisionedProductId: 'pp-alice00000001', ServiceActionId: 'act-nothing' })), 'ResourceNotFoundException');
  });
});
