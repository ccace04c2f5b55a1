import type { IncomingMessage } from 'node:http';
import { parseAuthorization, type SignedRequest } from '../auth/verifySignature';

/** The parts of an HTTP request that SigV4 signs. */
export function toSignedRequest(req: IncomingMessage, body: Buffer): SignedRequest {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const existing = query[key];
    query[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return { method: req.method ?? 'GET', path: url.pathname, query, headers, body };
}

/** The access key named in the Authorization header, unverified (for counters and fault scopes). */
export function accessKeyIdOf(req: IncomingMessage): string | undefined {
  try {
    return parseAuthorization(header(req, 'authorization')).accessKeyId;
  } catch {
    return undefined;
  }
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
