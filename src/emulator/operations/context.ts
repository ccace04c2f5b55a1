import { randomBytes } from 'node:crypto';
import type { CounterSet } from '../counters';
import type { AccessLevel } from '../seed/seedTypes';
import type { EmulatorState } from '../state/emulatorState';
import type { OperationName } from '../validation/shapes';

/** Who is calling, from the verified signature. */
export interface Caller {
  accessKeyId: string;
  accountId: string;
  userArn: string;
  accessLevels: ReadonlySet<AccessLevel>;
}

export interface OperationContext {
  operation: OperationName;
  caller: Caller;
  /** The region of the request's credential scope. */
  region: string;
  state: EmulatorState;
  /** Emulator-clock epoch ms, fixed for the whole call. */
  now: number;
  counters: CounterSet;
}

// The handlers receive input that validateInput has already checked against the operation's shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OperationHandler = (input: any, context: OperationContext) => unknown;

/** An id shaped like AWS's: a prefix and 13 lower-case letters and digits. */
export function newId(prefix: string): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(13);
  return `${prefix}-${Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('')}`;
}

export function epochSeconds(ms: number): number {
  return ms / 1000;
}
