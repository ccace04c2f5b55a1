import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { errors, type AwsError } from './protocol/awsErrors';

/** Page size used when PageSize is omitted or 0 (AWS documents neither). */
export const DEFAULT_PAGE_SIZE = 20;

// Tokens are signed so a client cannot forge offsets; the key only has to outlive one emulator process.
const TOKEN_KEY = createHash('sha256').update(`service-catalog-emulator-${process.pid}-${Date.now()}-${Math.random()}`).digest();

export interface PageRequest {
  PageSize?: number;
  PageToken?: string;
}

const invalidPageToken = () => errors.invalidParameters('The page token is not valid. Pass the NextPageToken of the previous response of the same request, or omit it.');

/**
 * Cuts one page out of `items`. `scope` names what is being listed (operation, caller, filters):
 * a token is only valid for the same scope, so a token from another listing is rejected (with
 * `invalidToken`'s error: Service Catalog's by default).
 */
export function paginate<T>(
  items: readonly T[],
  request: PageRequest,
  scope: unknown,
  invalidToken: () => AwsError = invalidPageToken,
): { page: T[]; nextPageToken?: string } {
  const scopeHash = createHash('sha256').update(JSON.stringify(scope)).digest('base64url').slice(0, 16);
  const offset = request.PageToken ? decodeToken(request.PageToken, scopeHash, invalidToken) : 0;
  const size = request.PageSize ? request.PageSize : DEFAULT_PAGE_SIZE;
  const page = items.slice(offset, offset + size);
  const next = offset + size;
  return next < items.length ? { page, nextPageToken: encodeToken(next, scopeHash) } : { page };
}

function encodeToken(offset: number, scopeHash: string): string {
  const payload = Buffer.from(JSON.stringify({ o: offset, s: scopeHash })).toString('base64url');
  return `${payload}.${sign(payload)}`;
}

function decodeToken(token: string, scopeHash: string, invalid: () => AwsError): number {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) throw invalid();
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
  let parsed: { o?: unknown; s?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    throw invalid();
  }
  if (parsed.s !== scopeHash || typeof parsed.o !== 'number' || !Number.isInteger(parsed.o) || parsed.o < 0) throw invalid();
  return parsed.o;
}

function sign(payload: string): string {
  return createHmac('sha256', TOKEN_KEY).update(payload).digest('base64url').slice(0, 22);
}
