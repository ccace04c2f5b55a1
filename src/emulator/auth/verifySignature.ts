import { createHash, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest } from '@smithy/types';
import { errors } from '../protocol/awsErrors';
import type { CredentialState } from '../state/emulatorState';
import { isAwsRegion } from './awsRegions';
import { NodeSha256 } from './nodeSha256';

export const SIGNING_SERVICE = 'servicecatalog';
const ALGORITHM = 'AWS4-HMAC-SHA256';
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

export interface SignedRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  query: Record<string, string | string[]>;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: Buffer;
}

export interface AuthorizationParts {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  terminator: string;
  signedHeaders: string[];
  signature: string;
}

/** Reads the Authorization header without checking anything but its syntax. */
export function parseAuthorization(header: string | undefined): AuthorizationParts {
  if (!header) throw errors.missingAuthenticationToken();
  const [algorithm, ...rest] = header.trim().split(/\s+/);
  if (algorithm !== ALGORITHM) throw errors.incompleteSignature(`Unsupported AWS 'algorithm': '${algorithm}'. Only ${ALGORITHM} is supported.`);
  const params = new Map<string, string>();
  for (const part of rest.join(' ').split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((name) => !params.get(name));
  if (missing.length > 0) {
    throw errors.incompleteSignature(`${missing.map((name) => `Authorization header requires '${name}' parameter.`).join(' ')} Authorization=${header}`);
  }
  const scope = params.get('Credential')!.split('/');
  if (scope.length !== 5 || scope.some((part) => part === '')) {
    throw errors.incompleteSignature(`Credential must have exactly 5 slash-separated parts: <access key>/<date>/<region>/<service>/aws4_request. Authorization=${header}`);
  }
  const [accessKeyId, date, region, service, terminator] = scope;
  return { accessKeyId, date, region, service, terminator, signedHeaders: params.get('SignedHeaders')!.split(';'), signature: params.get('Signature')! };
}

/**
 * Verifies a SigV4-signed request as AWS does, in AWS's order: the key must exist, the session
 * token must match and not be expired, the scope must name a real region and this service, the
 * time must be within 15 minutes, and the signature recomputed with the key's secret must match.
 */
export async function verifySignature(
  request: SignedRequest,
  findCredential: (accessKeyId: string) => CredentialState | undefined,
  options: { service?: string; realNow?: number } = {},
): Promise<{ credential: CredentialState; region: string }> {
  const service = options.service ?? SIGNING_SERVICE;
  const realNow = options.realNow ?? Date.now();
  const auth = parseAuthorization(request.headers.authorization);
  const amzDate = request.headers['x-amz-date'];
  if (!amzDate) {
    throw errors.incompleteSignature(`Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${request.headers.authorization}`);
  }
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate) throw errors.incompleteSignature(`X-Amz-Date must be in the ISO8601 Long Format (yyyyMMdd'T'HHmmss'Z'), got '${amzDate}'`);

  const credential = findCredential(auth.accessKeyId);
  if (!credential) throw errors.unrecognizedClient();
  const token = request.headers['x-amz-security-token'];
  if ((credential.sessionToken ?? undefined) !== (token ?? undefined)) throw errors.unrecognizedClient();
  if (credential.expired || (credential.expiresAt !== undefined && credential.expiresAt <= realNow)) throw errors.expiredToken();

  if (!isAwsRegion(auth.region)) throw errors.invalidSignature('Credential should be scoped to a valid region.');
  if (auth.service !== service) throw errors.invalidSignature(`Credential should be scoped to correct service: '${service}'.`);
  if (auth.terminator !== 'aws4_request') throw errors.invalidSignature(`Credential should be scoped with a valid terminator: 'aws4_request', not '${auth.terminator}'.`);
  if (auth.date !== amzDate.slice(0, 8)) {
    throw errors.invalidSignature(`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`);
  }
  checkClockSkew(signingDate, amzDate, realNow);
  if (!auth.signedHeaders.includes('host')) throw errors.invalidSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  if (auth.signedHeaders.some((name) => request.headers[name] === undefined)) throw errors.signatureMismatch();

  // A client may state the payload hash in a header; it has to be the hash of the body actually sent.
  const statedHash = request.headers['x-amz-content-sha256'];
  if (statedHash !== undefined && statedHash !== createHash('sha256').update(request.body).digest('hex')) throw errors.signatureMismatch();

  const expected = await computeSignature(request, auth, credential.secretAccessKey, signingDate);
  const given = Buffer.from(auth.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw errors.signatureMismatch();
  return { credential, region: auth.region };
}

async function computeSignature(request: SignedRequest, auth: AuthorizationParts, secretAccessKey: string, signingDate: Date): Promise<Buffer> {
  // Give the signer exactly the headers the client signed, so it signs the same canonical request.
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) headers[name] = request.headers[name];
  const signer = new SignatureV4({
    credentials: { accessKeyId: auth.accessKeyId, secretAccessKey },
    region: auth.region,
    service: auth.service,
    sha256: NodeSha256,
    applyChecksum: false,
  });
  // The signer copies the request into its own HttpRequest: a plain object of that shape is enough.
  const unsigned: HttpRequest = { method: request.method, protocol: 'http:', hostname: 'emulator', path: request.path, query: request.query, headers, body: request.body };
  const signed = await signer.sign(unsigned, { signingDate, signableHeaders: new Set(auth.signedHeaders) });
  const authorization = String(signed.headers.authorization ?? '');
  const signedHeaderList = /SignedHeaders=([^,]+)/.exec(authorization)?.[1];
  // The signer may have dropped a header it never signs (e.g. `date`); then the client signed something else.
  if (signedHeaderList !== [...auth.signedHeaders].sort().join(';')) return Buffer.from('');
  return Buffer.from(/Signature=([0-9a-f]+)/.exec(authorization)?.[1] ?? '');
}

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function checkClockSkew(signingDate: Date, amzDate: string, realNow: number): void {
  const format = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  if (signingDate.getTime() < realNow - MAX_CLOCK_SKEW_MS) {
    throw errors.invalidSignature(`Signature expired: ${amzDate} is now earlier than ${format(realNow - MAX_CLOCK_SKEW_MS)} (${format(realNow)} - 15 min.)`);
  }
  if (signingDate.getTime() > realNow + MAX_CLOCK_SKEW_MS) {
    throw errors.invalidSignature(`Signature not yet current: ${amzDate} is still later than ${format(realNow + MAX_CLOCK_SKEW_MS)} (${format(realNow)} + 15 min.)`);
  }
}
