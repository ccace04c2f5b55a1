import { isRegionName } from '../aws/regions';
import type { ProvisionedProductAttribute } from '@aws-sdk/client-service-catalog';
import { t } from '@vscode/l10n';
import type { ExecutionParameters } from '../aws/serviceCatalogApi';
import type { RecordRef } from './records';
import { isProductItem, sameProduct, type ProductTarget } from './products';
import { isServiceCatalogId } from './ids';
import { readParameterMap } from './parameterLimits';

/** What an invocation of the command already answers. */
export interface ExecuteRequest {
  profile?: string;
  region?: string;
  /** None from the palette, one from arguments or a tree item, several from a multi-selection. */
  targets: ProductTarget[];
  serviceActionId?: string;
  parameters?: ExecutionParameters;
  review: boolean;
}

/** Arguments other extensions and tests may pass: `{ profile, region, provisionedProductId, serviceActionId?, parameters?, review? }`. */
export interface ExecuteArguments {
  profile?: string;
  region?: string;
  provisionedProductId?: string;
  serviceActionId?: string;
  parameters?: ExecutionParameters;
  review?: boolean;
}

/** What the command returns to callers (tests, other extensions); it does not wait for messages to be dismissed. */
export type ExecuteCommandResult =
  | { outcome: 'cancelled' }
  | { outcome: 'invalid-arguments'; message: string }
  | { outcome: 'ended'; message: string }
  | { outcome: 'executed'; started: RecordRef[]; notStarted: Array<{ provisionedProductId: string; message: string }> };

const argumentKeys = ['profile', 'region', 'provisionedProductId', 'serviceActionId', 'parameters', 'review'];

/** Thrown with a message saying what is wrong with the arguments. */
export class ExecuteArgumentError extends Error {
  override readonly name = 'ExecuteArgumentError';
}

/**
 * Reads what VS Code or a caller passed: nothing (palette), a product node of the tree, the node
 * clicked and the nodes selected (multi-selection), or `ExecuteArguments`.
 */
export function readExecuteRequest(first: unknown, second?: unknown): ExecuteRequest {
  try {
    if (first === undefined || first === null) {
      return { targets: [], review: false };
    }
    if (typeof first !== 'object' || Array.isArray(first)) {
      throw new ExecuteArgumentError(t('Expected an object such as {0}, got {1}.', '{ profile, region, provisionedProductId }', describe(first)));
    }
    if ('productTarget' in first) {
      return fromProductItems(first, second);
    }
    return fromArguments(first as Record<string, unknown>);
  } catch (error) {
    if (error instanceof ExecuteArgumentError || error instanceof TypeError) {
      throw new ExecuteArgumentError(t('Execute Service Action was called with arguments it cannot use: {0}', error.message));
    }
    throw error;
  }
}

/** The product item clicked, and the items selected with it (a multi-selection in the view). */
function fromProductItems(clicked: unknown, selected: unknown): ExecuteRequest {
  const clickedTarget = targetOfItem(clicked);
  let targets = [clickedTarget];
  if (Array.isArray(selected) && selected.length > 1) {
    const selection = selected.map(targetOfItem);
    if (selection.some((target) => sameProduct(target, clickedTarget))) {
      targets = selection.filter((target, index) => selection.findIndex((other) => sameProduct(other, target)) === index);
    }
  }
  return { profile: clickedTarget.profile, region: clickedTarget.region, targets, review: false };
}

function targetOfItem(item: unknown): ProductTarget {
  if (!isProductItem(item)) {
    throw new ExecuteArgumentError(t('the selected item is not a provisioned product.'));
  }
  const fields = item.productTarget as unknown as Record<string, unknown>;
  const product = fields.product;
  return {
    profile: readString(fields, 'profile', true),
    region: readRegion(fields, true),
    provisionedProductId: readId(fields, 'provisionedProductId', true),
    product: typeof product === 'object' && product !== null ? (product as ProvisionedProductAttribute) : undefined,
  };
}

function fromArguments(args: Record<string, unknown>): ExecuteRequest {
  const unknown = Object.keys(args).filter((key) => !argumentKeys.includes(key));
  if (unknown.length > 0) {
    throw new ExecuteArgumentError(t('unknown argument {0}; the arguments are {1}.', unknown.map((key) => `"${key}"`).join(', '), argumentKeys.join(', ')));
  }
  const profile = readString(args, 'profile', false);
  const region = readRegion(args, false);
  const provisionedProductId = readId(args, 'provisionedProductId', false);
  const serviceActionId = readId(args, 'serviceActionId', false);
  const parameters = args.parameters === undefined ? undefined : readParameterMap(args.parameters);
  if (args.review !== undefined && typeof args.review !== 'boolean') {
    throw new ExecuteArgumentError(t('"review" must be true or false, got {0}.', describe(args.review)));
  }
  if (region && !profile) {
    throw new ExecuteArgumentError(t('"region" needs "profile" too.'));
  }
  if (provisionedProductId && (!profile || !region)) {
    throw new ExecuteArgumentError(t('"provisionedProductId" needs "profile" and "region" too.'));
  }
  if (parameters && !serviceActionId) {
    throw new ExecuteArgumentError(t('"parameters" needs "serviceActionId" too.'));
  }
  const targets = provisionedProductId && profile && region ? [{ profile, region, provisionedProductId }] : [];
  return { profile, region, targets, serviceActionId, parameters, review: args.review === true };
}

function readString<R extends boolean>(fields: Record<string, unknown>, key: string, required: R): R extends true ? string : string | undefined;
function readString(fields: Record<string, unknown>, key: string, required: boolean): string | undefined {
  const value = fields[key];
  if (value === undefined && !required) {
    return undefined;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ExecuteArgumentError(t('"{0}" must be a non-empty string, got {1}.', key, describe(value)));
  }
  return value.trim();
}

function readRegion<R extends boolean>(fields: Record<string, unknown>, required: R): R extends true ? string : string | undefined;
function readRegion(fields: Record<string, unknown>, required: boolean): string | undefined {
  const region = readString(fields, 'region', required);
  if (region !== undefined && !isRegionName(region)) {
    throw new ExecuteArgumentError(t('"region" must be a region name such as us-east-1, got "{0}".', region));
  }
  return region;
}

function readId<R extends boolean>(fields: Record<string, unknown>, key: string, required: R): R extends true ? string : string | undefined;
function readId(fields: Record<string, unknown>, key: string, required: boolean): string | undefined {
  const id = readString(fields, key, required);
  if (id !== undefined && !isServiceCatalogId(id)) {
    throw new ExecuteArgumentError(t('"{0}" must be an id such as {1}, got "{2}".', key, key === 'serviceActionId' ? 'act-abc123' : 'pp-abc123', id));
  }
  return id;
}

function describe(value: unknown): string {
  if (value === undefined) {
    return t('nothing');
  }
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  return Array.isArray(value) ? t('a list') : typeof value === 'object' && value !== null ? t('an object') : String(value);
}
