/**
 * A local AWS Service Catalog: awsJson1_1 over HTTP with SigV4 verification, the operations the
 * extension uses, records that run on a controllable clock, fault injection and counters.
 * See README.md next to this file.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ADMIN_PREFIX, handleAdminRequest, type AdminControls } from './admin/adminApi';
import { EmulatorClock } from './clock';
import { CounterSet, type EmulatorCounters } from './counters';
import { FaultInjector, type FaultRule } from './faults';
import { handleAwsJsonRequest } from './protocol/awsJsonHandler';
import { EmulatorHttpServer } from './protocol/httpServer';
import { loadSeed } from './seed/loadSeed';
import { handleSsoPortalRequest, isSsoPortalRequest } from './sso/portalHandler';
import { handleStsRequest } from './sts/stsHandler';
import type { Seed } from './seed/seedTypes';
import { EmulatorState } from './state/emulatorState';
import { recordTimelineAt } from './state/records';

export type { EmulatorCounters } from './counters';
export type { FaultRule, FaultKind } from './faults';
export type * from './seed/seedTypes';
export { EmulatorState } from './state/emulatorState';
export { SAMPLE_SEED_PATH, loadSeed } from './seed/loadSeed';
export { SeedValidationError } from './seed/seedChecker';
export { validateSeed } from './seed/validateSeed';
export { generateSeed, type GenerateSeedOptions } from './seed/generateSeed';
export { generateOrganisationSeed, ORGANISATION_ROLES, type GenerateOrganisationOptions } from './seed/generateOrganisation';
export { writeAwsConfig, writeSsoTokenCache, ssoTokenCacheFile, type WriteAwsConfigOptions } from './awsConfig';
export { ssoRoleSessionArn } from './sso/identityCenter';
export { EXECUTE_RECORD_TYPE } from './state/records';

export interface StartEmulatorOptions {
  /** A seed object or the path of a JSON seed file. */
  seed: Seed | string;
  /** 0 or undefined: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** How fast the emulator clock runs compared with real time; default 1. */
  clockSpeed?: number;
  faults?: FaultRule[];
  /** No log lines on stderr. */
  quiet?: boolean;
  /** Serve the admin API under /_emulator/ (default true). The extension's sandbox turns it off. */
  adminApi?: boolean;
  /**
   * Answer only requests whose Host header is this emulator's own loopback address (127.0.0.1, localhost
   * or [::1] with its port): a web page that rebinds a DNS name to 127.0.0.1 gets 421. Default false.
   */
  requireLoopbackHost?: boolean;
}

export interface RunningEmulator {
  endpoint: string;
  port: number;
  clock: { now(): number; advance(ms: number): void; setSpeed(factor: number): void };
  faults: { set(rules: FaultRule[]): void; clear(): void };
  counters(): EmulatorCounters;
  /** The status changes of a record so far, as epoch ms on the emulator clock; [] for an unknown id. */
  recordTimeline(recordId: string): Array<{ status: string; at: number }>;
  /** The live in-memory model (replaced by reset). */
  readonly state: EmulatorState;
  expireSessionToken(accessKeyId: string): void;
  /** IAM Identity Center's portal refuses the token of this session of the seed (`expired: false` accepts it again). */
  setSsoSessionExpired(session: string, expired: boolean): void;
  /** Stops listening at once; resolves when listening again on the same port after `ms` real ms. */
  down(ms: number): Promise<void>;
  /** Back to the given seed (default the one it started with): state, records and counters. Faults and clock stay. */
  reset(seed?: Seed | string): void;
  stop(): Promise<void>;
}

export async function startEmulator(options: StartEmulatorOptions): Promise<RunningEmulator> {
  const initialSeed = loadSeed(options.seed);
  const clock = new EmulatorClock(options.clockSpeed ?? 1);
  const faults = new FaultInjector();
  faults.set(options.faults ?? []);
  const counters = new CounterSet();
  const log = options.quiet ? () => {} : (message: string) => console.error(message);
  let state = new EmulatorState(initialSeed, () => clock.now());
  let endpoint = '';

  const reset = (seed?: Seed | string) => {
    const previous = state;
    state = new EmulatorState(seed === undefined ? structuredClone(initialSeed) : loadSeed(seed), () => clock.now());
    // Temporary credentials already handed out (AssumeRole, GetRoleCredentials) stay valid until they expire, as in AWS:
    // a client that cached them keeps working across a reset of the data.
    for (const [accessKeyId, credential] of previous.credentials) {
      if (credential.expiresAt !== undefined && !state.credentials.has(accessKeyId)) state.credentials.set(accessKeyId, credential);
    }
    counters.reset();
  };
  const expireSessionToken = (accessKeyId: string) => {
    const credential = state.credentials.get(accessKeyId);
    if (credential) credential.expired = true;
    return credential !== undefined;
  };
  const setSsoSessionExpired = (session: string, expired: boolean) => {
    if (!(state.seed.identityCenter?.sessions ?? []).some((candidate) => candidate.name === session)) return false;
    if (expired) state.expiredSsoSessions.add(session);
    else state.expiredSsoSessions.delete(session);
    return true;
  };
  const recordTimeline = (recordId: string) => {
    const record = state.records.get(recordId);
    return record ? recordTimelineAt(record, clock.now()) : undefined;
  };

  const admin: AdminControls = {
    health: () => ({
      ok: true,
      endpoint,
      now: clock.now(),
      clockSpeed: clock.currentSpeed,
      accounts: state.accounts.size,
      provisionedProducts: state.provisionedProducts.size,
      records: state.records.size,
    }),
    counters: () => counters.snapshot(),
    recordTimeline,
    listFaults: () => faults.list(),
    setFaults: (rules) => faults.set(rules),
    clearFaults: () => faults.clear(),
    clock: () => ({ now: clock.now(), speed: clock.currentSpeed }),
    setClockSpeed: (factor) => clock.setSpeed(factor),
    advanceClock: (ms) => clock.advance(ms),
    reset,
    expireSessionToken,
    setSsoSessionExpired,
    down: (ms) => server.down(ms),
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    if (options.requireLoopbackHost && !isLoopbackHost(req.headers.host, port)) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('Misdirected request: this emulator only answers on its loopback address.');
      return;
    }
    if ((req.url ?? '').startsWith(ADMIN_PREFIX) && options.adminApi !== false) return handleAdminRequest(req, res, body, admin);
    // IAM Identity Center's portal (restJson1) is GETs on its own paths; STS (awsQuery) is form-encoded; Service Catalog (awsJson1_1) is JSON.
    const isPortal = isSsoPortalRequest(req);
    const isSts = !isPortal && (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    const started = Date.now();
    const what = req.headers['x-amz-target'] ?? (isSts ? 'STS' : `${req.method} ${(req.url ?? '').split('?')[0]}`);
    if (!options.quiet) res.on('finish', () => log(`${what} -> ${res.statusCode} (${Date.now() - started} ms)`));
    const deps = { state: () => state, clock, faults, counters, log };
    if (isPortal) return handleSsoPortalRequest(req, res, deps);
    return isSts ? handleStsRequest(req, res, body, deps) : handleAwsJsonRequest(req, res, body, deps);
  };
  const server = new EmulatorHttpServer(handle, (err) => log(`emulator: ${(err as Error)?.message ?? String(err)}`));
  const host = options.host ?? '127.0.0.1';
  const port = await server.listen(options.port ?? 0, host);
  endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    endpoint,
    port,
    clock: {
      now: () => clock.now(),
      advance: (ms) => clock.advance(ms),
      setSpeed: (factor) => clock.setSpeed(factor),
    },
    faults: { set: (rules) => faults.set(rules), clear: () => faults.clear() },
    counters: () => counters.snapshot(),
    recordTimeline: (recordId) => recordTimeline(recordId) ?? [],
    get state() {
      state.settle();
      return state;
    },
    expireSessionToken: (accessKeyId) => {
      if (!expireSessionToken(accessKeyId)) throw new Error(`No credential with access key ${accessKeyId} in the seed.`);
    },
    setSsoSessionExpired: (session, expired) => {
      if (!setSsoSessionExpired(session, expired)) throw new Error(`No IAM Identity Center session ${session} in the seed.`);
    },
    down: (ms) => server.down(ms),
    reset,
    stop: () => server.close(),
  };
}

function isLoopbackHost(hostHeader: string | undefined, port: number): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].some((name) => hostHeader?.toLowerCase() === `${name}:${port}`);
}
