import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorCounters } from '../counters';
import type { FaultRule } from '../faults';
import { sendPlainJson } from '../protocol/respond';
import type { Seed } from '../seed/seedTypes';

export const ADMIN_PREFIX = '/_emulator/';

/** What the admin API can do; the running emulator provides it. */
export interface AdminControls {
  health(): AdminHealth;
  counters(): EmulatorCounters;
  recordTimeline(recordId: string): Array<{ status: string; at: number }> | undefined;
  listFaults(): FaultRule[];
  setFaults(rules: FaultRule[]): void;
  clearFaults(): void;
  clock(): { now: number; speed: number };
  setClockSpeed(factor: number): void;
  advanceClock(ms: number): void;
  reset(seed?: Seed | string): void;
  /** False when the access key is not in the seed. */
  expireSessionToken(accessKeyId: string): boolean;
  /** The portal refuses the session's token from now on (`expired: false` accepts it again); false when no such session. */
  setSsoSessionExpired(session: string, expired: boolean): boolean;
  down(ms: number): Promise<void>;
}

export interface AdminHealth {
  ok: true;
  endpoint: string;
  now: number;
  clockSpeed: number;
  accounts: number;
  provisionedProducts: number;
  records: number;
}

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** JSON control API under /_emulator/ for users in another process (integration tests, benchmarks, people). */
export async function handleAdminRequest(req: IncomingMessage, res: ServerResponse, body: Buffer, controls: AdminControls): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://emulator').pathname.slice(ADMIN_PREFIX.length).replace(/\/$/, '');
  const route = `${req.method} ${path}`;
  try {
    const timeline = /^GET records\/([^/]+)\/timeline$/.exec(route);
    if (timeline) {
      const recordId = decodeURIComponent(timeline[1]);
      const steps = controls.recordTimeline(recordId);
      if (!steps) throw new AdminError(404, `No record ${recordId}.`);
      return sendPlainJson(res, 200, { recordId, timeline: steps });
    }
    switch (route) {
      case 'GET health':
        return sendPlainJson(res, 200, controls.health());
      case 'GET counters':
        return sendPlainJson(res, 200, controls.counters());
      case 'GET faults':
        return sendPlainJson(res, 200, { faults: controls.listFaults() });
      case 'POST faults': {
        const parsed = parseJson(body);
        const rules = Array.isArray(parsed) ? parsed : (parsed as { rules?: unknown })?.rules;
        if (!Array.isArray(rules)) throw new AdminError(400, 'Send a JSON array of fault rules, or { "rules": [...] }.');
        try {
          controls.setFaults(rules as FaultRule[]);
        } catch (err) {
          throw new AdminError(400, (err as Error).message);
        }
        return sendPlainJson(res, 200, { faults: controls.listFaults() });
      }
      case 'DELETE faults':
        controls.clearFaults();
        return sendPlainJson(res, 200, { faults: [] });
      case 'GET clock':
        return sendPlainJson(res, 200, controls.clock());
      case 'POST clock': {
        const { speed, advanceMs } = (parseJson(body) ?? {}) as { speed?: unknown; advanceMs?: unknown };
        if (speed === undefined && advanceMs === undefined) throw new AdminError(400, 'Send { "speed": factor } and/or { "advanceMs": ms }.');
        try {
          if (speed !== undefined) controls.setClockSpeed(Number(speed));
          if (advanceMs !== undefined) controls.advanceClock(Number(advanceMs));
        } catch (err) {
          throw new AdminError(400, (err as Error).message);
        }
        return sendPlainJson(res, 200, controls.clock());
      }
      case 'POST reset': {
        const seed = seedFromBody(parseJson(body));
        try {
          controls.reset(seed);
        } catch (err) {
          throw new AdminError(400, (err as Error).message);
        }
        return sendPlainJson(res, 200, controls.health());
      }
      case 'POST expire-token': {
        const { accessKeyId } = (parseJson(body) ?? {}) as { accessKeyId?: unknown };
        if (typeof accessKeyId !== 'string') throw new AdminError(400, 'Send { "accessKeyId": "..." }.');
        if (!controls.expireSessionToken(accessKeyId)) throw new AdminError(404, `No credential with access key ${accessKeyId}.`);
        return sendPlainJson(res, 200, { accessKeyId, expired: true });
      }
      case 'POST sso-session': {
        const { session, expired } = (parseJson(body) ?? {}) as { session?: unknown; expired?: unknown };
        if (typeof session !== 'string' || typeof expired !== 'boolean') throw new AdminError(400, 'Send { "session": "...", "expired": true|false }.');
        if (!controls.setSsoSessionExpired(session, expired)) throw new AdminError(404, `No IAM Identity Center session ${session}.`);
        return sendPlainJson(res, 200, { session, expired });
      }
      case 'POST down': {
        const { ms } = (parseJson(body) ?? {}) as { ms?: unknown };
        if (typeof ms !== 'number' || !(ms >= 0)) throw new AdminError(400, 'Send { "ms": milliseconds }.');
        // Answer first, then go down once the answer has left.
        res.on('finish', () => controls.down(ms).catch((err: unknown) => console.error(`emulator: could not go down: ${String(err)}`)));
        return sendPlainJson(res, 202, { downForMs: ms });
      }
      default:
        throw new AdminError(404, `No admin route ${req.method} ${ADMIN_PREFIX}${path}. See src/emulator/README.md.`);
    }
  } catch (err) {
    const status = err instanceof AdminError ? err.status : 500;
    sendPlainJson(res, status, { error: (err as Error).message });
  }
}

/** Accepts `{ seed: path-or-object }`, `{ seedPath }`, a bare path string, a bare seed object, or nothing. */
function seedFromBody(parsed: unknown): Seed | string | undefined {
  if (parsed === undefined || typeof parsed === 'string') return parsed;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new AdminError(400, 'Send { "seed": path-or-object }, { "seedPath": path } or nothing.');
  const body = parsed as { seed?: Seed | string; seedPath?: string; accounts?: unknown };
  if (body.accounts !== undefined) return parsed as Seed;
  return body.seed ?? body.seedPath;
}

function parseJson(body: Buffer): unknown {
  const text = body.toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AdminError(400, 'The body is not valid JSON.');
  }
}
