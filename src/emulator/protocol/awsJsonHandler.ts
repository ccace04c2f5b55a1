import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifySignature } from '../auth/verifySignature';
import type { EmulatorClock } from '../clock';
import type { CounterSet } from '../counters';
import type { FaultInjector } from '../faults';
import type { Caller } from '../operations/context';
import { OPERATIONS } from '../operations/index';
import { ACCESS_LEVELS } from '../seed/seedTypes';
import type { EmulatorState } from '../state/emulatorState';
import { INPUT_SHAPES, isOperationName } from '../validation/shapes';
import { validateInput } from '../validation/validateInput';
import { applyFaults } from './applyFaults';
import { AwsError, errors } from './awsErrors';
import { accessKeyIdOf, header, toSignedRequest } from './requestParts';
import { sendAwsError, sendAwsJson } from './respond';

export const TARGET_PREFIX = 'AWS242ServiceCatalogService.';

export interface AwsJsonDependencies {
  state(): EmulatorState;
  clock: EmulatorClock;
  faults: FaultInjector;
  counters: CounterSet;
  log(message: string): void;
}

/**
 * One Service Catalog call, in the order AWS handles it: method, signature, (injected faults),
 * operation, JSON body, input validation, then the operation itself.
 */
export async function handleAwsJsonRequest(req: IncomingMessage, res: ServerResponse, body: Buffer, deps: AwsJsonDependencies): Promise<void> {
  const target = header(req, 'x-amz-target') ?? '';
  const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target || '(no X-Amz-Target)';
  deps.counters.countCall(operation, accessKeyIdOf(req));
  deps.counters.countAcceptLanguage(acceptLanguageOf(body));
  try {
    if (req.method !== 'POST') throw errors.serialization(`Only POST is supported, got ${req.method}.`);
    const { credential, region } = await verifySignature(toSignedRequest(req, body), (key) => deps.state().credentials.get(key));

    const fault = await applyFaults(req, deps, { operation, accessKeyId: credential.accessKeyId });
    if (fault === 'dropped') return;
    if (deps.state().throttlesCall(credential.accountId)) {
      deps.counters.countFault('throttle');
      throw errors.throttling();
    }

    if (!target.startsWith(TARGET_PREFIX) || !isOperationName(operation)) throw errors.unknownOperation();
    const input = parseBody(body);
    validateInput(input, INPUT_SHAPES[operation]);
    if (fault === 'endlessPages') delete input.PageToken;

    const state = deps.state();
    const now = deps.clock.now();
    state.settle(now);
    const caller: Caller = {
      accessKeyId: credential.accessKeyId,
      accountId: credential.accountId,
      userArn: credential.userArn,
      accessLevels: new Set(credential.accessLevels ?? ACCESS_LEVELS),
    };
    const output = OPERATIONS[operation](input, { operation, caller, region, state, now, counters: deps.counters });
    sendAwsJson(res, 200, fault === 'endlessPages' ? { ...(output as object), NextPageToken: `endless-${randomUUID()}` } : output);
  } catch (err) {
    if (err instanceof AwsError) {
      sendAwsError(res, err);
      return;
    }
    deps.log(`emulator: unexpected error in ${operation}: ${(err as Error)?.stack ?? String(err)}`);
    sendAwsError(res, errors.internalFailure());
  }
}

/** The body's `AcceptLanguage` as sent, read leniently (for the counters: before anything is checked). */
function acceptLanguageOf(body: Buffer): string | undefined {
  try {
    const value = (JSON.parse(body.toString('utf8')) as { AcceptLanguage?: unknown } | null)?.AcceptLanguage;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function parseBody(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8');
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw errors.serialization('The request body is not valid JSON.');
  }
  if (parsed === null) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw errors.serialization(Array.isArray(parsed) ? 'Start of list found where not expected' : `${typeof parsed} found where a structure was expected`);
  }
  return parsed as Record<string, unknown>;
}
