/** Builders of the API's output shapes from the emulator's state. Absent values are left out, as AWS does. */
import type { EmulatorState, ProvisionedProductState } from '../state/emulatorState';
import { recordStatusAt, visibleErrors, type RecordState } from '../state/records';
import type { SeedProduct, SeedServiceAction } from '../seed/seedTypes';
import { epochSeconds } from './context';

export function provisionedProductArn(pp: ProvisionedProductState): string {
  return `arn:aws:servicecatalog:${pp.region}:${pp.accountId}:stack/${pp.name}/${pp.id}`;
}

export function tagList(tags: Record<string, string>): Array<{ Key: string; Value: string }> {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** ProvisionedProductDetail (ScanProvisionedProducts, DescribeProvisionedProduct). */
export function provisionedProductDetail(pp: ProvisionedProductState) {
  return compact({
    Name: pp.name,
    Arn: provisionedProductArn(pp),
    Type: pp.type,
    Id: pp.id,
    Status: pp.status,
    StatusMessage: pp.statusMessage,
    CreatedTime: epochSeconds(Date.parse(pp.createdTime)),
    IdempotencyToken: pp.idempotencyToken,
    LastRecordId: pp.lastRecordId,
    LastProvisioningRecordId: pp.lastProvisioningRecordId,
    LastSuccessfulProvisioningRecordId: pp.lastSuccessfulProvisioningRecordId,
    ProductId: pp.productId,
    ProvisioningArtifactId: pp.provisioningArtifactId,
    LaunchRoleArn: pp.launchRoleArn,
  });
}

/** ProvisionedProductAttribute (SearchProvisionedProducts). */
export function provisionedProductAttribute(pp: ProvisionedProductState, state: EmulatorState) {
  const version = state.versions.get(pp.provisioningArtifactId);
  return compact({
    ...provisionedProductDetail(pp),
    LaunchRoleArn: undefined,
    Tags: tagList(pp.tags),
    PhysicalId: pp.physicalId,
    ProductName: version?.product.name,
    ProvisioningArtifactName: version?.version.name,
    UserArn: pp.userArn,
    UserArnSession: pp.userArnSession,
  });
}

export function recordDetail(record: RecordState, now: number) {
  const { status, updatedAt } = recordStatusAt(record, now);
  return compact({
    RecordId: record.id,
    ProvisionedProductName: record.provisionedProductName,
    Status: status,
    CreatedTime: epochSeconds(record.createdAt),
    UpdatedTime: epochSeconds(updatedAt),
    ProvisionedProductType: record.provisionedProductType,
    RecordType: record.recordType,
    ProvisionedProductId: record.provisionedProductId,
    ProductId: record.productId,
    ProvisioningArtifactId: record.provisioningArtifactId,
    PathId: record.pathId,
    RecordErrors: visibleErrors(record, now),
    RecordTags: record.tags,
    LaunchRoleArn: record.launchRoleArn,
  });
}

export function serviceActionSummary(action: SeedServiceAction) {
  return compact({ Id: action.id, Name: action.name, Description: action.description, DefinitionType: 'SSM_AUTOMATION' });
}

export function serviceActionDefinition(action: SeedServiceAction): Record<string, string> {
  const { definition } = action;
  return compact({
    Name: definition.documentName,
    Version: definition.documentVersion,
    AssumeRole: definition.assumeRole,
    Parameters: JSON.stringify(definition.parameters.map((p) => ({ Name: p.name, Type: p.type }))),
  }) as Record<string, string>;
}

export function productViewSummary(product: SeedProduct) {
  return compact({
    Id: product.id.replace(/^prod-/, 'prodview-'),
    ProductId: product.id,
    Name: product.name,
    Owner: product.owner,
    ShortDescription: product.shortDescription,
    Type: product.type ?? 'CLOUD_FORMATION_TEMPLATE',
    Distributor: product.distributor,
    HasDefaultPath: product.launchPath !== undefined,
    SupportEmail: product.supportEmail,
    SupportDescription: product.supportDescription,
    SupportUrl: product.supportUrl,
  });
}

export function compact<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}
