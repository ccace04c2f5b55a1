import type { CopyItem, RecordView } from '../../shared/protocol';
import { describeRecordCommand, executeAgainCommand } from './cliCommand';
import { provisionedProductConsoleUrl } from '../../aws/consoleLinks';
import { outputConsoleUrl } from '../../aws/resourceConsoleLinks';
import { explainRecordError } from '../../catalog/recordErrors';
import { recordAsJson } from './recordJson';
import type { RecordSnapshot } from '../../catalog/records';

/** What the panel shows of a snapshot: plain text and epoch milliseconds, nothing else. */
export function toRecordView(snapshot: RecordSnapshot): RecordView {
  const { record, origin, ref } = snapshot;
  const provisionedProductId = record?.ProvisionedProductId ?? origin.provisionedProductId;
  return {
    ref: { ...ref },
    actionName: origin.serviceActionName,
    serviceActionId: origin.serviceActionId,
    productName: origin.productName,
    productId: record?.ProductId,
    provisioningArtifactId: record?.ProvisioningArtifactId,
    provisionedProductName: record?.ProvisionedProductName ?? origin.provisionedProductName,
    provisionedProductId,
    provisionedProductType: record?.ProvisionedProductType,
    pathId: record?.PathId,
    recordType: record?.RecordType,
    launchRoleArn: record?.LaunchRoleArn,
    accountId: accountIdOf(snapshot),
    status: record?.Status,
    createdAt: time(record?.CreatedTime),
    updatedAt: time(record?.UpdatedTime),
    errors: (record?.RecordErrors ?? []).map((error) => {
      const code = error.Code ?? '';
      const description = error.Description ?? '';
      const explained = explainRecordError({ code, description });
      return { code, description, ...(explained ? { explanation: { cause: explained.cause, fix: explained.fix } } : {}) };
    }),
    outputs: snapshot.outputs.map((output) => ({
      key: output.OutputKey ?? '',
      value: output.OutputValue ?? '',
      description: output.Description ?? '',
      consoleLink: outputConsoleUrl(output.OutputValue ?? '', ref.region) !== undefined,
    })),
    tags: (record?.RecordTags ?? []).map((tag) => ({ key: tag.Key ?? '', value: tag.Value ?? '' })),
    parameters: Object.entries(origin.parameters ?? {}).map(([name, values]) => ({ name, values: [...values] })),
    statusHistory: snapshot.statusHistory.map(({ status, seenAt }) => ({ status, seenAt })),
    fetchedAt: snapshot.fetchedAt,
    connection: snapshot.connection,
    problem: snapshot.problem ? { summary: snapshot.problem.summary, detail: snapshot.problem.detail, fix: snapshot.problem.fix } : undefined,
    nextPollAt: snapshot.nextPollAt,
    canExecuteAgain: canExecuteAgain(snapshot),
    hasConsoleLink: provisionedProductConsoleUrl(ref.region, provisionedProductId) !== undefined,
    ...(snapshot.estimate
      ? { estimate: { typicalMs: snapshot.estimate.typicalMs, runs: snapshot.estimate.runs, longerAfterMs: snapshot.estimate.longerAfterMs } }
      : {}),
  };
}

/** The AWS console page of output `index` of the record, computed from the host's own copy; undefined when it has none. */
export function outputConsoleLink(snapshot: RecordSnapshot, index: number): string | undefined {
  const output = snapshot.outputs[index];
  return output?.OutputValue === undefined ? undefined : outputConsoleUrl(output.OutputValue, snapshot.ref.region);
}

/** Executing again needs the product and the action; the parameters come along when the extension knows them. */
export function canExecuteAgain(snapshot: RecordSnapshot): boolean {
  return !!(snapshot.record?.ProvisionedProductId ?? snapshot.origin.provisionedProductId) && !!snapshot.origin.serviceActionId;
}

/** The account: as the extension knew it, else the one in the launch role's ARN. */
export function accountIdOf(snapshot: RecordSnapshot): string | undefined {
  if (snapshot.origin.accountId) {
    return snapshot.origin.accountId;
  }
  const match = /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(snapshot.record?.LaunchRoleArn ?? '');
  return match?.[1];
}

/** The text a copy button puts on the clipboard, computed from the host's own snapshot; undefined when there is nothing. */
export function textToCopy(snapshot: RecordSnapshot, item: CopyItem): string | undefined {
  const view = toRecordView(snapshot);
  switch (item.kind) {
    case 'json':
      return recordAsJson(snapshot);
    case 'cli':
      return describeRecordCommand(snapshot.ref);
    case 'cliExecuteAgain':
      return canExecuteAgain(snapshot)
        ? executeAgainCommand({
            profile: snapshot.ref.profile,
            region: snapshot.ref.region,
            provisionedProductId: (snapshot.record?.ProvisionedProductId ?? snapshot.origin.provisionedProductId)!,
            serviceActionId: snapshot.origin.serviceActionId!,
            parameters: snapshot.origin.parameters,
          })
        : undefined;
    case 'output':
      return view.outputs[item.index]?.value;
    case 'field':
      return item.field === 'recordId' ? snapshot.ref.recordId : view[item.field] || undefined;
  }
}

function time(value: Date | string | number | undefined): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const ms = value instanceof Date ? value.getTime() : new Date(value).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}
