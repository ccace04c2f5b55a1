import type { RecordOrigin } from '../../catalog/records';

const textFields = ['provisionedProductId', 'provisionedProductName', 'productName', 'serviceActionId', 'serviceActionName', 'accountId'] as const;

/** Keeps only the known fields of an origin, each of the right type; anything else (or any secret) is left behind. */
export function sanitizeOrigin(value: unknown): RecordOrigin {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {};
  }
  const source = value as Record<string, unknown>;
  const origin: RecordOrigin = {};
  for (const field of textFields) {
    const text = source[field];
    if (typeof text === 'string' && text !== '') {
      origin[field] = text;
    }
  }
  if (isParameters(source.parameters)) {
    origin.parameters = Object.fromEntries(Object.entries(source.parameters).map(([name, values]) => [name, [...values]]));
  }
  return origin;
}

export function isParameters(value: unknown): value is Record<string, string[]> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((values) => Array.isArray(values) && values.every((item) => typeof item === 'string'))
  );
}

/** Fills what the first origin did not know; returns the same object when nothing is new. */
export function mergeOrigin(current: RecordOrigin, next: RecordOrigin): RecordOrigin {
  const additions = Object.entries(next).filter(
    ([key, value]) => value !== undefined && current[key as keyof RecordOrigin] === undefined,
  );
  return additions.length === 0 ? current : { ...current, ...Object.fromEntries(additions) };
}
