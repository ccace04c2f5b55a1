import { paginate } from '../paging';
import { errors } from '../protocol/awsErrors';
import { visibleOutputs, type RecordState } from '../state/records';
import { assertVisible, resolveAccessLevel, visibleAtLevel } from './accessLevels';
import type { OperationContext } from './context';
import { recordDetail } from './views';

export function describeRecord(input: { Id: string; PageSize?: number; PageToken?: string }, context: OperationContext) {
  const record = context.state.records.get(input.Id);
  if (!record || record.accountId !== context.caller.accountId || record.region !== context.region) {
    throw errors.resourceNotFound(`Record ${input.Id} not found.`);
  }
  // Whoever can see the provisioned product (or made the request) can read its records.
  const pp = context.state.provisionedProducts.get(record.provisionedProductId);
  assertVisible(context, [record.userArn, pp?.userArn, pp?.userArnSession], `arn:aws:servicecatalog:${record.region}:${record.accountId}:record/${record.id}`);
  const outputs = visibleOutputs(record, context.now);
  // The scope includes the output count so a token taken before the record ended is not reused after.
  const { page, nextPageToken } = paginate(outputs, input, [context.operation, context.caller.accountId, context.region, record.id, outputs.length]);
  return { RecordDetail: recordDetail(record, context.now), RecordOutputs: page, NextPageToken: nextPageToken };
}

interface ListRecordHistoryInput {
  AccessLevelFilter?: { Key?: string; Value?: string };
  SearchFilter?: { Key?: string; Value?: string };
  PageSize?: number;
  PageToken?: string;
}

const SEARCH_FILTER_KEYS: Record<string, (record: RecordState) => string> = {
  product: (record) => record.productId,
  provisionedproduct: (record) => record.provisionedProductId,
};

export function listRecordHistory(input: ListRecordHistoryInput, context: OperationContext) {
  const level = resolveAccessLevel(context, input.AccessLevelFilter, 'User');
  const filter = input.SearchFilter;
  const filterField = filter?.Key === undefined ? undefined : SEARCH_FILTER_KEYS[filter.Key];
  if (filter?.Key !== undefined && !filterField) {
    throw errors.invalidParameters(`SearchFilter key '${filter.Key}' is not valid. The valid keys are product and provisionedproduct.`);
  }
  if (filter && (filter.Key === undefined) !== (filter.Value === undefined)) throw errors.invalidParameters('SearchFilter needs both a Key and a Value.');
  const records = context.state
    .recordsIn(context.caller.accountId, context.region)
    .filter((record) => visibleAtLevel(context.caller, level, [record.userArn]))
    .filter((record) => !filterField || filterField(record) === filter?.Value)
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
  const scope = [context.operation, context.caller.accountId, context.region, level, filter ?? null];
  const { page, nextPageToken } = paginate(records, input, scope);
  return { RecordDetails: page.map((record) => recordDetail(record, context.now)), NextPageToken: nextPageToken };
}
