import type { IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CounterSet } from '../counters';
import type { FaultInjector } from '../faults';
import { errors } from './awsErrors';

/**
 * Applies the fault rules to a verified call: waits out injected latency, then throws the injected
 * error, or destroys the socket and returns 'dropped' (the caller must then not answer), or returns
 * 'endlessPages' (the caller answers the first page with a new page token).
 */
export async function applyFaults(
  req: IncomingMessage,
  deps: { faults: FaultInjector; counters: CounterSet },
  call: { operation: string; accessKeyId: string },
): Promise<'dropped' | 'endlessPages' | undefined> {
  const decision = deps.faults.decide(call);
  if (decision.latencyMs > 0) {
    deps.counters.countFault('delayed');
    await sleep(decision.latencyMs);
  }
  if (!decision.failure) {
    if (!decision.endlessPages) return undefined;
    deps.counters.countFault('endlessPages');
    return 'endlessPages';
  }
  deps.counters.countFault(decision.failure);
  switch (decision.failure) {
    case 'drop':
      req.socket.destroy();
      return 'dropped';
    case 'throttle':
      throw errors.throttling();
    case 'internalFailure':
      throw errors.internalFailure();
    case 'serviceUnavailable':
      throw errors.serviceUnavailable();
  }
}
