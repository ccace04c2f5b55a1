import { errors } from '../protocol/awsErrors';
import type { SeedServiceAction } from '../seed/seedTypes';
import type { ProvisionedProductState } from '../state/emulatorState';
import { EXECUTE_RECORD_TYPE, fillPlaceholders, recordStatusAt, timelineFromOutcome, type RecordState } from '../state/records';
import { defaultValues, findExecutionTarget } from './catalog';
import { newId, type OperationContext } from './context';
import { recordDetail } from './views';

interface ExecuteInput {
  ProvisionedProductId: string;
  ServiceActionId: string;
  ExecuteToken: string;
  Parameters?: Record<string, string[]>;
}

/**
 * Starts a record that follows the action's scripted outcome. The same ExecuteToken with the same
 * request returns the same record and starts nothing; with a different request it is refused.
 */
export function executeProvisionedProductServiceAction(input: ExecuteInput, context: OperationContext) {
  const { state, caller, now } = context;
  const { pp, action } = findExecutionTarget(context, input.ProvisionedProductId, input.ServiceActionId);
  const parameters = resolveParameters(action, pp, input.Parameters);

  const tokenKey = `${caller.accountId}/${context.region}/${input.ExecuteToken}`;
  const fingerprint = JSON.stringify([pp.id, action.id, parameters]);
  const previous = state.executeTokens.get(tokenKey);
  if (previous) {
    if (previous.fingerprint !== fingerprint) {
      throw errors.invalidParameters(
        `ExecuteToken ${input.ExecuteToken} was already used for a different request (record ${previous.recordId}). Use a new token for a new request.`,
      );
    }
    return { RecordDetail: recordDetail(state.records.get(previous.recordId)!, now) };
  }

  if (pp.status === 'UNDER_CHANGE' || pp.status === 'PLAN_IN_PROGRESS') throw busy(pp, context);

  const record = newExecutionRecord(context, pp, action, parameters, input.ExecuteToken);
  state.startExecution(pp, record);
  state.executeTokens.set(tokenKey, { recordId: record.id, fingerprint });
  context.counters.countExecution(pp.id, input.ExecuteToken);
  return { RecordDetail: recordDetail(record, now) };
}

/** The values the action runs with: what was given, and the defaults for what was not. Keys sorted. */
function resolveParameters(action: SeedServiceAction, pp: ProvisionedProductState, given: Record<string, string[]> | undefined): Record<string, string[]> {
  const known = action.definition.parameters.map((p) => p.name);
  const unknown = Object.keys(given ?? {}).filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    const expected = known.length > 0 ? `Its parameters are: ${known.join(', ')}.` : 'It takes no parameters.';
    throw errors.invalidParameters(`Parameter${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not defined by service action ${action.id}. ${expected}`);
  }
  const resolved: Record<string, string[]> = {};
  for (const name of [...known].sort()) resolved[name] = given?.[name] ?? defaultValues(action, name, pp);
  return resolved;
}

function busy(pp: ProvisionedProductState, context: OperationContext) {
  const recordId = pp.runningRecordId ?? pp.lastRecordId;
  const record = recordId ? context.state.records.get(recordId) : undefined;
  const running = record ? ` Record ${record.id} is ${recordStatusAt(record, context.now).status}.` : '';
  return errors.invalidState(
    `Provisioned product ${pp.name} (${pp.id}) is ${pp.status}.${running} Wait until it is no longer ${pp.status} before executing another action.`,
  );
}

function newExecutionRecord(
  context: OperationContext,
  pp: ProvisionedProductState,
  action: SeedServiceAction,
  parameters: Record<string, string[]>,
  executeToken: string,
): RecordState {
  const { outcome } = action;
  const errorsOut = (outcome.errors ?? []).map((e) => ({ Code: e.code, Description: fillPlaceholders(e.description, parameters) }));
  return {
    id: newId('rec'),
    ...context.state.recordFieldsOf(pp),
    recordType: EXECUTE_RECORD_TYPE,
    userArn: context.caller.userArn,
    createdAt: context.now,
    timeline: timelineFromOutcome(outcome, context.now, context.state.nextRunSeconds(action)),
    errors: errorsOut,
    outputs: (outcome.outputs ?? []).map((o) => ({
      OutputKey: o.key,
      OutputValue: fillPlaceholders(o.value, parameters),
      ...(o.description ? { Description: o.description } : {}),
    })),
    execution: {
      serviceActionId: action.id,
      executeToken,
      parameters,
      productStatusAfter: outcome.productStatusAfter ?? 'AVAILABLE',
      productStatusMessageAfter: outcome.productStatusMessageAfter ?? (outcome.status === 'FAILED' ? errorsOut[0]?.Description : undefined),
    },
  };
}
