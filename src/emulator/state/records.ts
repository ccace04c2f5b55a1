import type { RecordStatus, SeedActionOutcome } from '../seed/seedTypes';
import { TERMINAL_RECORD_STATUSES } from '../seed/seedTypes';

export const EXECUTE_RECORD_TYPE = 'EXECUTE_PROVISIONED_PRODUCT_SERVICE_ACTION';

export interface RecordTag {
  Key: string;
  Value: string;
}

/** A record as the emulator keeps it: its whole schedule is known up front, its status at any instant is derived. */
export interface RecordState {
  id: string;
  accountId: string;
  region: string;
  provisionedProductId: string;
  provisionedProductName: string;
  provisionedProductType: string;
  productId: string;
  provisioningArtifactId: string;
  pathId?: string;
  recordType: string;
  /** The caller who made the request (for access levels in ListRecordHistory). */
  userArn: string;
  launchRoleArn?: string;
  tags: RecordTag[];
  createdAt: number;
  /** Status changes in order, as emulator-clock epoch ms. The first is CREATED at createdAt. */
  timeline: Array<{ status: RecordStatus; at: number }>;
  errors: Array<{ Code: string; Description: string }>;
  outputs: Array<{ OutputKey: string; OutputValue: string; Description?: string }>;
  /** Present on records started by ExecuteProvisionedProductServiceAction. */
  execution?: {
    serviceActionId: string;
    executeToken: string;
    parameters: Record<string, string[]>;
    productStatusAfter: 'AVAILABLE' | 'TAINTED' | 'ERROR';
    productStatusMessageAfter?: string;
  };
}

export function recordStatusAt(record: RecordState, now: number): { status: RecordStatus; updatedAt: number } {
  let current = record.timeline[0];
  for (const step of record.timeline) {
    if (step.at > now) break;
    current = step;
  }
  return { status: current.status, updatedAt: current.at };
}

/** The status changes that have happened by `now`. */
export function recordTimelineAt(record: RecordState, now: number): Array<{ status: RecordStatus; at: number }> {
  return record.timeline.filter((step, i) => i === 0 || step.at <= now).map((step) => ({ ...step }));
}

export function recordEndsAt(record: RecordState): number {
  return record.timeline[record.timeline.length - 1].at;
}

export function isTerminal(status: RecordStatus): boolean {
  return TERMINAL_RECORD_STATUSES.includes(status);
}

// Errors show once something has gone wrong (or the record ended); outputs once it has ended.
export function visibleErrors(record: RecordState, now: number): RecordState['errors'] {
  const { status } = recordStatusAt(record, now);
  return status === 'IN_PROGRESS_IN_ERROR' || isTerminal(status) ? record.errors : [];
}

export function visibleOutputs(record: RecordState, now: number): RecordState['outputs'] {
  return isTerminal(recordStatusAt(record, now).status) ? record.outputs : [];
}

/** The schedule of an execution, from its scripted outcome; `duration` is this run's (see `runDurations`). */
export function timelineFromOutcome(outcome: SeedActionOutcome, createdAt: number, duration = outcome.durationSeconds): RecordState['timeline'] {
  const at = (seconds: number) => createdAt + Math.round(seconds * 1000);
  if (outcome.timeline) return outcome.timeline.map((step) => ({ status: step.status, at: at(step.atSeconds) }));
  // Start work quickly (within 2 s, or a tenth of a short run), as Service Catalog does.
  const steps: RecordState['timeline'] = [
    { status: 'CREATED', at: at(0) },
    { status: 'IN_PROGRESS', at: at(Math.min(2, duration / 10)) },
  ];
  if (outcome.status === 'FAILED' && outcome.inErrorSeconds !== undefined) {
    steps.push({ status: 'IN_PROGRESS_IN_ERROR', at: at(duration - outcome.inErrorSeconds) });
  }
  steps.push({ status: outcome.status, at: at(duration) });
  return steps;
}

/** Replaces `{{Name}}` with the executed values of parameter Name, joined with commas. */
export function fillPlaceholders(text: string, parameters: Record<string, string[]>): string {
  return text.replace(/\{\{([^{}]+)\}\}/g, (whole, name: string) => (Object.hasOwn(parameters, name) ? parameters[name].join(',') : whole));
}
