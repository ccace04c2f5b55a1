import type { ProvisionedProductAttribute } from '@aws-sdk/client-service-catalog';
import { t } from '@vscode/l10n';
import { matchProduct } from './productSearch';
import { productStatusPresentation } from './productStatus';

/**
 * Filter All: one filter of the whole Provisioned Products view, applied to the products of every scope it shows
 * (beside each profile's own Service Catalog search query): text found as Go to Provisioned Product finds it, and
 * the statuses to show. An empty part lets every product through.
 */
export interface ViewFilter {
  text?: string;
  statuses?: string[];
}

/** The statuses a product can be in, in the order the filter offers them. */
export const filterStatuses = ['AVAILABLE', 'UNDER_CHANGE', 'PLAN_IN_PROGRESS', 'TAINTED', 'ERROR'] as const;

/** The longest text the filter takes. */
export const maxViewFilterText = 256;

/**
 * A filter from what a caller or the store gave (other extensions and tests pass it to the command): text trimmed and
 * at most 256 characters, only known statuses; undefined when nothing is left to filter on.
 */
export function viewFilterOf(value: unknown): ViewFilter | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { text, statuses } = value as { text?: unknown; statuses?: unknown };
  const cleanText = typeof text === 'string' ? text.trim().slice(0, maxViewFilterText) : '';
  const cleanStatuses = Array.isArray(statuses) ? filterStatuses.filter((status) => statuses.includes(status)) : [];
  if (!cleanText && cleanStatuses.length === 0) return undefined;
  return { ...(cleanText ? { text: cleanText } : {}), ...(cleanStatuses.length > 0 ? { statuses: [...cleanStatuses] } : {}) };
}

/** Whether the view shows a product under the filter: its status is one of those chosen, and the text matches it. */
export function passesViewFilter(product: ProvisionedProductAttribute, filter: ViewFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.statuses && filter.statuses.length > 0 && !filter.statuses.includes(product.Status ?? '')) return false;
  return !filter.text || matchProduct(product, filter.text) !== undefined;
}

/** `"web" · Available, Tainted`: the filter in a few words, for the view's description. */
export function describeViewFilter(filter: ViewFilter | undefined): string {
  if (!filter) return '';
  const statuses = (filter.statuses ?? []).map((status) => productStatusPresentation(status).label).join(', ');
  return [filter.text ? `"${filter.text}"` : '', statuses].filter(Boolean).join(' · ');
}

/** The view's description of every filter: each profile's query, then the view-wide filter. */
export function describeFilters(profileFilters: string, filter: ViewFilter | undefined): string {
  const all = describeViewFilter(filter);
  return [profileFilters, all ? t('All: {0}', all) : ''].filter(Boolean).join(' · ');
}
