/** Shared helpers for the emulator's tests: a running emulator on the test seed, SDK clients, raw signed calls. */
import assert from 'node:assert/strict';
import { Sha256 } from '@aws-crypto/sha256-js';
import { ServiceCatalogClient } from '@aws-sdk/client-service-catalog';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { loadSeed, startEmulator, type RunningEmulator, type SeedCredential } from '../../../src/emulator/index';
import { TEST_SEED_PATH } from '../../fixtures/seeds';

export const testSeed = loadSeed(TEST_SEED_PATH);

export function credential(profileName: string): SeedCredential {
  const found = testSeed.credentials.find((c) => c.profileName === profileName);
  if (!found) throw new Error(`no credential ${profileName} in the test seed`);
  return found;
}

/** Starts a quiet emulator on the test seed with a frozen clock (speed 0) before each test of the suite. */
export function useEmulator(options: { clockSpeed?: number } = {}): { readonly emulator: RunningEmulator } {
  const holder: { emulator?: RunningEmulator } = {};
  beforeEach(async () => {
    holder.emulator = await startEmulator({ seed: TEST_SEED_PATH, quiet: true, clockSpeed: options.clockSpeed ?? 0 });
  });
  afterEach(async () => {
    await holder.emulator?.stop();
  });
  return {
    get emulator() {
      if (!holder.emulator) throw new Error('emulator not started');
      return holder.emulator;
    },
  };
}

export function client(
  emulator: { endpoint: string },
  profileName = 'main-alice',
  overrides: { region?: string; secretAccessKey?: string; sessionToken?: string | null; maxAttempts?: number } = {},
): ServiceCatalogClient {
  const cred = credential(profileName);
  const sessionToken = overrides.sessionToken === null ? undefined : (overrides.sessionToken ?? cred.sessionToken);
  return new ServiceCatalogClient({
    endpoint: emulator.endpoint,
    region: overrides.region ?? 'us-east-1',
    credentials: { accessKeyId: cred.accessKeyId, secretAccessKey: overrides.secretAccessKey ?? cred.secretAccessKey, sessionToken },
    maxAttempts: overrides.maxAttempts ?? 1,
  });
}

export interface RawCall {
  operation?: string;
  /** Sent as is (string) or JSON-encoded. */
  body?: unknown;
  method?: string;
  profileName?: string;
  region?: string;
  service?: string;
  secretAccessKey?: string;
  /** Headers added before signing. */
  headers?: Record<string, string>;
  /** Change the request after signing (to tamper with it). */
  afterSigning?: (request: { headers: Record<string, string>; body: string }) => void;
  signingDate?: Date;
  unsigned?: boolean;
}

/** A SigV4-signed request made with fetch, for inputs the SDK cannot produce. */
export async function rawCall(emulator: { endpoint: string }, call: RawCall): Promise<{ status: number; headers: Headers; body: Record<string, unknown> | undefined }> {
  const url = new URL(emulator.endpoint);
  const cred = credential(call.profileName ?? 'main-alice');
  const body = typeof call.body === 'string' ? call.body : JSON.stringify(call.body ?? {});
  const method = call.method ?? 'POST';
  const headers: Record<string, string> = {
    host: url.host,
    'content-type': 'application/x-amz-json-1.1',
    ...(call.operation === undefined ? {} : { 'x-amz-target': `AWS242ServiceCatalogService.${call.operation}` }),
    ...call.headers,
  };
  let signedHeaders = headers;
  if (!call.unsigned) {
    const signer = new SignatureV4({
      credentials: { accessKeyId: cred.accessKeyId, secretAccessKey: call.secretAccessKey ?? cred.secretAccessKey, sessionToken: cred.sessionToken },
      region: call.region ?? 'us-east-1',
      service: call.service ?? 'servicecatalog',
      sha256: Sha256,
    });
    const signed = await signer.sign(
      new HttpRequest({ method, protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', headers, body: method === 'GET' ? undefined : body }),
      { signingDate: call.signingDate },
    );
    signedHeaders = signed.headers as Record<string, string>;
  }
  const request = { headers: { ...signedHeaders }, body };
  call.afterSigning?.(request);
  delete request.headers.host;
  const response = await fetch(emulator.endpoint, { method, headers: request.headers, body: method === 'GET' ? undefined : request.body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

/** Asserts that `promise` fails with an AWS error of that name (and, optionally, a message matching). */
export async function rejectsWith(promise: Promise<unknown>, name: string, message?: RegExp | string): Promise<Error & { $metadata?: { httpStatusCode?: number; attempts?: number } }> {
  try {
    await promise;
  } catch (err) {
    const error = err as Error & { $metadata?: { httpStatusCode?: number; attempts?: number } };
    assert.equal(error.name, name, `expected ${name}, got ${error.name}: ${error.message}`);
    if (typeof message === 'string') assert.equal(error.message, message);
    else if (message) assert.match(error.message, message);
    return error;
  }
  assert.fail(`expected ${name}, but the call succeeded`);
}
