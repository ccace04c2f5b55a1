import type { RecordSnapshot } from '../../catalog/records';

/** The record as `aws servicecatalog describe-record` prints it: `RecordDetail` and `RecordOutputs`, times in ISO 8601. */
export function recordAsJson(snapshot: RecordSnapshot): string {
  const body = {
    RecordDetail: snapshot.record ?? { RecordId: snapshot.ref.recordId },
    RecordOutputs: snapshot.outputs,
  };
  // Dates become ISO 8601 strings through their toJSON.
  return JSON.stringify(body, undefined, 2);
}
