import type { RecordSnapshot } from '../../../src/catalog/records';

/** A finished, failed record as the tracker would hold it. */
export function failedSnapshot(): RecordSnapshot {
  return {
    ref: { profile: 'dev', region: 'eu-west-1', recordId: 'rec-abc123' },
    origin: { serviceActionId: 'act-1', serviceActionName: 'Rotate', productName: 'Web server', parameters: { Target: ['i-1'], Reason: [] } },
    record: {
      RecordId: 'rec-abc123',
      Status: 'FAILED',
      CreatedTime: new Date(Date.UTC(2025, 0, 1, 12, 0, 0)),
      UpdatedTime: new Date(Date.UTC(2025, 0, 1, 12, 0, 20)),
      ProvisionedProductId: 'pp-xyz',
      ProvisionedProductName: 'web-01',
      ProvisionedProductType: 'CFN_STACK',
      ProductId: 'prod-1',
      ProvisioningArtifactId: 'pa-1',
      PathId: 'lpv2-1',
      RecordType: 'EXECUTE_PROVISIONED_PRODUCT_SERVICE_ACTION',
      LaunchRoleArn: 'arn:aws:iam::123456789012:role/Launch',
      RecordErrors: [
        { Code: 'StepFailed', Description: 'Step one failed' },
        { Code: 'Rollback', Description: 'Rolled back' },
      ],
      RecordTags: [{ Key: 'team', Value: 'web' }],
    },
    outputs: [{ OutputKey: 'Log', OutputValue: 's3://logs/1', Description: 'The log' }],
    statusHistory: [
      { status: 'CREATED', seenAt: Date.UTC(2025, 0, 1, 12, 0, 0) },
      { status: 'FAILED', seenAt: Date.UTC(2025, 0, 1, 12, 0, 21) },
    ],
    fetchedAt: Date.UTC(2025, 0, 1, 12, 0, 21),
    connection: 'ended',
  };
}
