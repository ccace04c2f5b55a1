import { seededRandom } from './seededRandom';

/**
 * Fault injection: rules scoped by access key and/or operation. Latency rules add up; of the
 * failure rules, the first one that fires decides the call's fate. Durations are in real time.
 * `endlessPages` is a service that never stops paging: the call answers its first page with a new
 * NextPageToken each time, whatever token it was given.
 */
export type FaultKind = 'latency' | 'endlessPages' | 'throttle' | 'internalFailure' | 'serviceUnavailable' | 'drop';

export interface FaultRule {
  kind: FaultKind;
  /** Only calls signed with this access key. */
  accessKeyId?: string;
  /** Only calls to this operation (e.g. "SearchProvisionedProducts"). */
  operation?: string;
  /** latency: milliseconds added to each matching call. */
  latencyMs?: number;
  /** Fire with this probability (0..1), drawn from a random generator seeded with `seed`. */
  probability?: number;
  seed?: number;
  /** Fire on every Nth matching call (N, 2N, ...). */
  everyNth?: number;
  /** Stop firing after this many times. */
  times?: number;
  /** The rule lasts this long (real ms) from when it was set. */
  forMs?: number;
}

export type FailureKind = Exclude<FaultKind, 'latency' | 'endlessPages'>;

export interface FaultDecision {
  latencyMs: number;
  endlessPages?: boolean;
  failure?: FailureKind;
}

interface ActiveRule {
  rule: FaultRule;
  matched: number;
  fired: number;
  expiresAt: number;
  random: () => number;
}

const KINDS: readonly FaultKind[] = ['latency', 'endlessPages', 'throttle', 'internalFailure', 'serviceUnavailable', 'drop'];

export class FaultInjector {
  private rules: ActiveRule[] = [];

  constructor(private readonly realNow: () => number = Date.now) {}

  set(rules: FaultRule[]): void {
    const now = this.realNow();
    this.rules = rules.map((rule, i) => {
      validateFaultRule(rule, `faults[${i}]`);
      return { rule: { ...rule }, matched: 0, fired: 0, expiresAt: rule.forMs === undefined ? Infinity : now + rule.forMs, random: seededRandom(rule.seed ?? 1) };
    });
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    const now = this.realNow();
    return this.rules.filter((active) => active.expiresAt > now).map((active) => ({ ...active.rule }));
  }

  decide(call: { operation: string; accessKeyId?: string }): FaultDecision {
    const now = this.realNow();
    const decision: FaultDecision = { latencyMs: 0 };
    for (const active of this.rules) {
      const { rule } = active;
      if (active.expiresAt <= now) continue;
      if (rule.accessKeyId !== undefined && rule.accessKeyId !== call.accessKeyId) continue;
      if (rule.operation !== undefined && rule.operation !== call.operation) continue;
      const modifier = rule.kind === 'latency' || rule.kind === 'endlessPages';
      if (!modifier && decision.failure) continue;
      if (rule.times !== undefined && active.fired >= rule.times) continue;
      active.matched += 1;
      if (rule.everyNth !== undefined && active.matched % rule.everyNth !== 0) continue;
      if (rule.probability !== undefined && active.random() >= rule.probability) continue;
      active.fired += 1;
      if (rule.kind === 'latency') decision.latencyMs += rule.latencyMs ?? 0;
      else if (rule.kind === 'endlessPages') decision.endlessPages = true;
      else decision.failure = rule.kind;
    }
    return decision;
  }
}

export function validateFaultRule(rule: FaultRule, path = 'fault'): void {
  const fail = (message: string) => {
    throw new TypeError(`${path}: ${message}`);
  };
  if (typeof rule !== 'object' || rule === null) fail('must be an object');
  if (!KINDS.includes(rule.kind)) fail(`kind must be one of ${KINDS.join(', ')}, got ${JSON.stringify(rule.kind)}`);
  if (rule.kind === 'latency' && !(typeof rule.latencyMs === 'number' && rule.latencyMs >= 0)) fail('a latency rule needs latencyMs >= 0');
  if (rule.probability !== undefined && !(typeof rule.probability === 'number' && rule.probability >= 0 && rule.probability <= 1)) fail('probability must be between 0 and 1');
  if (rule.everyNth !== undefined && !(Number.isInteger(rule.everyNth) && rule.everyNth >= 1)) fail('everyNth must be an integer >= 1');
  if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times >= 0)) fail('times must be an integer >= 0');
  if (rule.forMs !== undefined && !(typeof rule.forMs === 'number' && rule.forMs >= 0)) fail('forMs must be >= 0');
  for (const key of ['accessKeyId', 'operation'] as const) {
    if (rule[key] !== undefined && typeof rule[key] !== 'string') fail(`${key} must be a string`);
  }
}
