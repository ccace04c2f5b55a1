import type { DurationQuery } from '../../catalog/durations';
import type { RecordSnapshot } from '../../catalog/records';

/** What to estimate for a record: its action on its product, when the extension knows the action (it ran it). */
export function durationQueryOf(snapshot: RecordSnapshot): DurationQuery | undefined {
  const { record, origin, ref } = snapshot;
  if (!origin.serviceActionId || !record?.ProductId) {
    return undefined;
  }
  return {
    profile: ref.profile,
    region: ref.region,
    productId: record.ProductId,
    provisioningArtifactId: record.ProvisioningArtifactId,
    serviceActionId: origin.serviceActionId,
    recordType: record.RecordType,
    recordId: ref.recordId,
  };
}
