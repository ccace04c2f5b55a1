/**
 * A typed client for the emulator's admin API (/_emulator/...), for users in another process:
 * integration tests inside VS Code, benchmarks, scripts. Uses the global fetch; no other import.
 */
import type { AdminHealth } from './admin/adminApi';
import type { EmulatorCounters } from './counters';
import type { FaultRule } from './faults';
import type { Seed } from './seed/seedTypes';

export type { AdminHealth } from './admin/adminApi';
export type { EmulatorCounters } from './counters';
export type { FaultRule, FaultKind } from './faults';

export class EmulatorAdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'EmulatorAdminError';
  }
}

export class EmulatorAdminClient {
  private readonly base: string;

  /** `endpoint` is the emulator's endpoint, e.g. "http://127.0.0.1:4566". */
  constructor(endpoint: string) {
    this.base = `${endpoint.replace(/\/+$/, '')}/_emulator`;
  }

  health(): Promise<AdminHealth> {
    return this.call('GET', '/health');
  }

  counters(): Promise<EmulatorCounters> {
    return this.call('GET', '/counters');
  }

  /** Service Catalog calls by the `AcceptLanguage` they sent: `{ en, jp, zh, none, ...other values }`. */
  async acceptLanguages(): Promise<EmulatorCounters['acceptLanguages']> {
    return (await this.counters()).acceptLanguages;
  }

  async recordTimeline(recordId: string): Promise<Array<{ status: string; at: number }>> {
    const answer = await this.call<{ timeline: Array<{ status: string; at: number }> }>('GET', `/records/${encodeURIComponent(recordId)}/timeline`);
    return answer.timeline;
  }

  async faults(): Promise<FaultRule[]> {
    return (await this.call<{ faults: FaultRule[] }>('GET', '/faults')).faults;
  }

  async setFaults(rules: FaultRule[]): Promise<void> {
    await this.call('POST', '/faults', rules);
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/faults');
  }

  clock(): Promise<{ now: number; speed: number }> {
    return this.call('GET', '/clock');
  }

  setClockSpeed(speed: number): Promise<{ now: number; speed: number }> {
    return this.call('POST', '/clock', { speed });
  }

  advanceClock(ms: number): Promise<{ now: number; speed: number }> {
    return this.call('POST', '/clock', { advanceMs: ms });
  }

  /** Back to the start seed, or to another one (a path the emulator can read, or a seed object). */
  reset(seed?: Seed | string): Promise<AdminHealth> {
    return this.call('POST', '/reset', seed === undefined ? {} : { seed });
  }

  async expireSessionToken(accessKeyId: string): Promise<void> {
    await this.call('POST', '/expire-token', { accessKeyId });
  }

  /** Asks the emulator to stop listening for `ms`; returns once it has accepted (it goes down right after). */
  /** The portal refuses (or, with `false`, accepts again) the token of an IAM Identity Center session of the seed. */
  async setSsoSessionExpired(session: string, expired: boolean): Promise<void> {
    await this.call('POST', '/sso-session', { session, expired });
  }

  async down(ms: number): Promise<void> {
    await this.call('POST', '/down', { ms });
  }

  /** Polls /health until the emulator answers, e.g. after `down` or while a separate process starts. */
  async waitUntilUp(timeoutMs = 10_000, intervalMs = 50): Promise<AdminHealth> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await this.health();
      } catch (err) {
        if (err instanceof EmulatorAdminError || Date.now() > deadline) throw err;
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
    }
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (!response.ok) {
      const message = (parsed as { error?: string } | undefined)?.error ?? `HTTP ${response.status}`;
      throw new EmulatorAdminError(response.status, `Emulator admin ${method} ${path}: ${message}`);
    }
    return parsed as T;
  }
}
