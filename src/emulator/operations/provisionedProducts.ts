import { paginate } from '../paging';
import { errors } from '../protocol/awsErrors';
import type { ProvisionedProductState } from '../state/emulatorState';
import { assertVisible, resolveAccessLevel, visibleAtLevel } from './accessLevels';
import type { OperationContext } from './context';
import { compileSearchQuery } from './searchQuery';
import { provisionedProductArn, provisionedProductAttribute, provisionedProductDetail } from './views';

const SORT_FIELDS: Record<string, (pp: ProvisionedProductState) => string> = {
  arn: provisionedProductArn,
  id: (pp) => pp.id,
  name: (pp) => pp.name,
  lastRecordId: (pp) => pp.lastRecordId ?? '',
};

interface SearchInput {
  AccessLevelFilter?: { Key?: string; Value?: string };
  Filters?: { SearchQuery?: string[] };
  SortBy?: string;
  SortOrder?: 'ASCENDING' | 'DESCENDING';
  PageSize?: number;
  PageToken?: string;
}

export function searchProvisionedProducts(input: SearchInput, context: OperationContext) {
  const level = resolveAccessLevel(context, input.AccessLevelFilter, 'Account');
  const sortKey = input.SortBy === undefined ? undefined : SORT_FIELDS[input.SortBy];
  if (input.SortBy !== undefined && !sortKey) {
    throw errors.invalidParameters(`SortBy '${input.SortBy}' is not valid. The valid values are ${Object.keys(SORT_FIELDS).join(', ')}.`);
  }
  const matches = compileSearchQuery(input.Filters?.SearchQuery);
  const found = visibleProvisionedProducts(context, level).filter((pp) => matches(pp, context.state));
  // Without SortBy AWS promises no order; the emulator keeps seed order.
  if (sortKey) {
    const direction = input.SortOrder === 'DESCENDING' ? -1 : 1;
    found.sort((a, b) => direction * compare(sortKey(a), sortKey(b)) || compare(a.id, b.id));
  }
  const scope = [context.operation, context.caller.accountId, context.region, level, input.Filters ?? null, input.SortBy ?? null, input.SortOrder ?? null];
  const { page, nextPageToken } = paginate(found, input, scope);
  return {
    ProvisionedProducts: page.map((pp) => provisionedProductAttribute(pp, context.state)),
    TotalResultsCount: found.length,
    NextPageToken: nextPageToken,
  };
}

export function scanProvisionedProducts(input: Omit<SearchInput, 'Filters' | 'SortBy' | 'SortOrder'>, context: OperationContext) {
  const level = resolveAccessLevel(context, input.AccessLevelFilter, 'User');
  const scope = [context.operation, context.caller.accountId, context.region, level];
  const { page, nextPageToken } = paginate(visibleProvisionedProducts(context, level), input, scope);
  return { ProvisionedProducts: page.map(provisionedProductDetail), NextPageToken: nextPageToken };
}

export function describeProvisionedProduct(input: { Id?: string; Name?: string }, context: OperationContext) {
  if ((input.Id === undefined) === (input.Name === undefined)) {
    throw errors.invalidParameters('Provide either the Id or the Name of the provisioned product, but not both.');
  }
  const pp =
    input.Id !== undefined
      ? findProvisionedProduct(context, input.Id)
      : context.state.provisionedProductsIn(context.caller.accountId, context.region).find((candidate) => candidate.name === input.Name);
  if (!pp) throw errors.resourceNotFound(`Provisioned product ${input.Id ?? input.Name} not found.`);
  assertVisible(context, [pp.userArn, pp.userArnSession], provisionedProductArn(pp));
  return { ProvisionedProductDetail: provisionedProductDetail(pp), CloudWatchDashboards: [] };
}

/** A provisioned product of the caller's account and region, or undefined. */
export function findProvisionedProduct(context: OperationContext, id: string): ProvisionedProductState | undefined {
  const pp = context.state.provisionedProducts.get(id);
  return pp && pp.accountId === context.caller.accountId && pp.region === context.region ? pp : undefined;
}

function visibleProvisionedProducts(context: OperationContext, level: 'User' | 'Role' | 'Account'): ProvisionedProductState[] {
  return context.state
    .provisionedProductsIn(context.caller.accountId, context.region)
    .filter((pp) => visibleAtLevel(context.caller, level, [pp.userArn, pp.userArnSession]));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
