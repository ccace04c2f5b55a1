import type { FinalizeHandler, FinalizeHandlerArguments, MetadataBearer, Pluggable } from '@smithy/types';

/** A held place among the calls in flight; release it exactly once. */
export interface LimiterSlot {
  release(): void;
}

export interface CallLimiterStats {
  /** Calls holding a slot now. */
  inFlight: number;
  /** Calls waiting for one. */
  queued: number;
  /** The most calls ever in flight at once. */
  peakInFlight: number;
  /** Slots given so far, in all and by key. */
  started: number;
  startedByKey: Record<string, number>;
}

interface Waiter {
  key: string;
  grant: (slot: LimiterSlot) => void;
}

/**
 * The one gate every AWS call of the extension goes through: at most `maxInFlight` calls at a time, and when
 * calls wait, the next free slot goes to the keys (scopes: a profile, a discovered role, a portal) in turn, so
 * one scope with many calls queued, or one whose calls are slow or throttled, cannot starve the others.
 *
 * For the SDK's clients it works per attempt (`plugin`): the slot is taken after the SDK's retry middleware and
 * before signing, so a request waiting here is signed when it leaves, and the SDK's backoff between two
 * attempts of a throttled request holds no slot. The SDK's retries and their quota stay the SDK's own.
 * No vscode, no AWS SDK at run time: it is a plain queue.
 */
export class CallLimiter {
  private inFlight = 0;
  private peak = 0;
  private started = 0;
  private readonly startedByKey = new Map<string, number>();
  /** Waiting calls by key, each queue in arrival order; the map's order is the turn order. */
  private readonly queues = new Map<string, Waiter[]>();
  /** The key served last, so the next grant goes to the key after it. */
  private lastKey: string | undefined;

  constructor(private maxInFlight = defaultMaxInFlight) {
    this.maxInFlight = clampLimit(maxInFlight);
  }

  get limit(): number {
    return this.maxInFlight;
  }

  /** Changes the limit; calls already in flight finish, and waiting ones start as slots allow. */
  setLimit(maxInFlight: number): void {
    this.maxInFlight = clampLimit(maxInFlight);
    this.drain();
  }

  /** Waits for a slot of `key`. An abort while waiting rejects with the signal's reason and takes no slot. */
  acquire(key: string, signal?: AbortSignal): Promise<LimiterSlot> {
    signal?.throwIfAborted();
    if (this.inFlight < this.maxInFlight && this.queues.size === 0) {
      return Promise.resolve(this.grant(key));
    }
    return new Promise<LimiterSlot>((resolve, reject) => {
      const waiter: Waiter = { key, grant: resolve };
      const queue = this.queues.get(key) ?? [];
      queue.push(waiter);
      this.queues.set(key, queue);
      signal?.addEventListener(
        'abort',
        () => {
          const waiting = this.queues.get(key);
          const index = waiting?.indexOf(waiter) ?? -1;
          if (waiting && index >= 0) {
            waiting.splice(index, 1);
            if (waiting.length === 0) this.queues.delete(key);
            reject(signal.reason);
          }
        },
        { once: true },
      );
      this.drain();
    });
  }

  /** Runs `work` holding a slot of `key`. */
  async run<T>(key: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const slot = await this.acquire(key, signal);
    try {
      return await work();
    } finally {
      slot.release();
    }
  }

  /** An SDK client plugin: each attempt of each request of the client holds a slot of `key` while it is on the wire. */
  plugin<Input extends object, Output extends MetadataBearer>(key: string): Pluggable<Input, Output> {
    return {
      applyToStack: (stack) => {
        stack.addRelativeTo(
          (next: FinalizeHandler<Input, Output>) =>
            async (args: FinalizeHandlerArguments<Input>) => {
              const slot = await this.acquire(key);
              try {
                return await next(args);
              } finally {
                slot.release();
              }
            },
          { name: 'serviceCatalogActionsCallLimiter', relation: 'before', toMiddleware: 'httpSigningMiddleware', override: true },
        );
      },
    };
  }

  stats(): CallLimiterStats {
    return {
      inFlight: this.inFlight,
      queued: [...this.queues.values()].reduce((sum, queue) => sum + queue.length, 0),
      peakInFlight: this.peak,
      started: this.started,
      startedByKey: Object.fromEntries(this.startedByKey),
    };
  }

  private grant(key: string): LimiterSlot {
    this.inFlight += 1;
    this.peak = Math.max(this.peak, this.inFlight);
    this.started += 1;
    this.startedByKey.set(key, (this.startedByKey.get(key) ?? 0) + 1);
    this.lastKey = key;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.inFlight -= 1;
        this.drain();
      },
    };
  }

  /** Gives free slots to waiting calls, one key after the other. */
  private drain(): void {
    while (this.inFlight < this.maxInFlight && this.queues.size > 0) {
      const key = this.nextKey();
      const queue = this.queues.get(key)!;
      const waiter = queue.shift()!;
      if (queue.length === 0) this.queues.delete(key);
      waiter.grant(this.grant(key));
    }
  }

  /** The first waiting key after the one served last, in the order keys started waiting. */
  private nextKey(): string {
    const keys = [...this.queues.keys()];
    const last = this.lastKey === undefined ? -1 : keys.indexOf(this.lastKey);
    if (last >= 0) {
      return keys[(last + 1) % keys.length];
    }
    // The key served last has nothing waiting: take the first that waits after it in arrival order.
    return keys[0];
  }
}

export const defaultMaxInFlight = 8;
export const maxLimit = 32;

function clampLimit(value: number): number {
  return Number.isInteger(value) && value >= 1 ? Math.min(value, maxLimit) : defaultMaxInFlight;
}
