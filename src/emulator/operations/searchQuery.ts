import { errors } from '../protocol/awsErrors';
import type { EmulatorState, ProvisionedProductState } from '../state/emulatorState';
import { provisionedProductArn } from './views';

/**
 * SearchProvisionedProducts' `Filters.SearchQuery`. AWS documents the searchable fields but not the
 * matching rules; the emulator's rules (also in README.md):
 * - every string in the list, and every whitespace-separated term in a string, must match (AND);
 * - `field:value` (field name case-insensitive) matches that field; a value may be "double quoted";
 * - identifiers, ARNs, status and type match exactly, ignoring case; names and physicalId match a
 *   substring, ignoring case; createdTime matches a prefix of its ISO-8601 form (`createdTime:2024-05`);
 *   `tags:key=value` matches a tag exactly, `tags:word` a tag key or value equal to word;
 * - any other term is free text: a case-insensitive substring of the name, product name, version
 *   name, id, physical id, status, type or a tag key or value.
 */
const EXACT_FIELDS = [
  'arn', 'id', 'lastRecordId', 'idempotencyToken', 'productId', 'provisioningArtifactId', 'type', 'status',
  'userArn', 'userArnSession', 'lastProvisioningRecordId', 'lastSuccessfulProvisioningRecordId',
] as const;
const SUBSTRING_FIELDS = ['name', 'physicalId', 'productName', 'provisioningArtifactName'] as const;
export const SEARCHABLE_FIELDS: readonly string[] = [...EXACT_FIELDS, ...SUBSTRING_FIELDS, 'createdTime', 'tags'];

type Fields = Record<(typeof EXACT_FIELDS)[number] | (typeof SUBSTRING_FIELDS)[number] | 'createdTime', string> & { tags: Array<[string, string]> };
type Predicate = (fields: Fields) => boolean;

export function compileSearchQuery(queries: string[] | undefined): (pp: ProvisionedProductState, state: EmulatorState) => boolean {
  const predicates = (queries ?? []).flatMap((query) => tokenize(query).map(compileTerm));
  if (predicates.length === 0) return () => true;
  return (pp, state) => {
    const fields = searchableFields(pp, state);
    return predicates.every((matches) => matches(fields));
  };
}

function tokenize(query: string): string[] {
  return query.match(/[^\s"]+:"[^"]*"|"[^"]*"|\S+/g) ?? [];
}

function compileTerm(term: string): Predicate {
  const separator = term.indexOf(':');
  const field = separator > 0 ? SEARCHABLE_FIELDS.find((f) => f.toLowerCase() === term.slice(0, separator).toLowerCase()) : undefined;
  // A bare ARN ("arn:aws:...") is free text, though it starts like the field term "arn:arn:aws:...".
  const isBareArn = field === 'arn' && /^arn:aws/i.test(term);
  if (!field || isBareArn) return freeText(unquote(term));
  const value = unquote(term.slice(separator + 1)).toLowerCase();
  if (value === '') throw errors.invalidParameters(`SearchQuery term '${term}' has no value after '${field}:'.`);
  if (field === 'tags') {
    const eq = value.indexOf('=');
    if (eq >= 0) return (f) => f.tags.some(([k, v]) => k === value.slice(0, eq) && v === value.slice(eq + 1));
    return (f) => f.tags.some(([k, v]) => k === value || v === value);
  }
  if (field === 'createdTime') return (f) => f.createdTime.startsWith(value);
  const key = field as keyof Omit<Fields, 'tags'>;
  if ((SUBSTRING_FIELDS as readonly string[]).includes(field)) return (f) => f[key].includes(value);
  return (f) => f[key] === value;
}

function freeText(text: string): Predicate {
  const needle = text.toLowerCase();
  return (f) =>
    [f.name, f.productName, f.provisioningArtifactName, f.id, f.physicalId, f.status, f.type, f.arn].some((v) => v.includes(needle)) ||
    f.tags.some(([k, v]) => k.includes(needle) || v.includes(needle));
}

function unquote(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;
}

function searchableFields(pp: ProvisionedProductState, state: EmulatorState): Fields {
  const version = state.versions.get(pp.provisioningArtifactId);
  const lower = (v: string | undefined) => (v ?? '').toLowerCase();
  return {
    arn: lower(provisionedProductArn(pp)),
    id: lower(pp.id),
    lastRecordId: lower(pp.lastRecordId),
    idempotencyToken: lower(pp.idempotencyToken),
    productId: lower(pp.productId),
    provisioningArtifactId: lower(pp.provisioningArtifactId),
    type: lower(pp.type),
    status: lower(pp.status),
    userArn: lower(pp.userArn),
    userArnSession: lower(pp.userArnSession),
    lastProvisioningRecordId: lower(pp.lastProvisioningRecordId),
    lastSuccessfulProvisioningRecordId: lower(pp.lastSuccessfulProvisioningRecordId),
    name: lower(pp.name),
    physicalId: lower(pp.physicalId),
    productName: lower(version?.product.name),
    provisioningArtifactName: lower(version?.version.name),
    createdTime: lower(new Date(Date.parse(pp.createdTime)).toISOString()),
    tags: Object.entries(pp.tags).map(([k, v]) => [k.toLowerCase(), v.toLowerCase()]),
  };
}
