/**
 * The messages between the record panel's host (extension) and its webview, and the state the webview
 * keeps with `setState`. No vscode import and no SDK: both bundles import this module, and everything
 * in it survives `postMessage` (plain JSON: times are epoch milliseconds).
 *
 * Every message that crosses the boundary is checked with the guards below before it is used.
 */

import type { EstimateView } from './estimateText';

export const recordPanelViewType = 'serviceCatalog.record';

export interface RecordRefView {
  profile: string;
  region: string;
  recordId: string;
}

export type ConnectionView = 'live' | 'reconnecting' | 'ended';

/** What the panel shows: a record as the host last saw it, already reduced to text and numbers. */
export interface RecordView {
  ref: RecordRefView;
  actionName?: string;
  serviceActionId?: string;
  productName?: string;
  productId?: string;
  provisioningArtifactId?: string;
  provisionedProductName?: string;
  provisionedProductId?: string;
  provisionedProductType?: string;
  pathId?: string;
  recordType?: string;
  launchRoleArn?: string;
  accountId?: string;
  /** The record's status as Service Catalog gave it; undefined until the first answer. */
  status?: string;
  createdAt?: number;
  updatedAt?: number;
  /** Each error as Service Catalog gave it, with what it means when the documentation describes it. */
  errors: Array<{ code: string; description: string; explanation?: { cause: string; fix: string } }>;
  /** `consoleLink`: the host can open the value's page in the AWS console (an ARN or a console URL). */
  outputs: Array<{ key: string; value: string; description: string; consoleLink?: boolean }>;
  tags: Array<{ key: string; value: string }>;
  /** The parameters the execution was given, when the extension ran it. */
  parameters: Array<{ name: string; values: string[] }>;
  statusHistory: Array<{ status: string; seenAt: number }>;
  /** When the last successful DescribeRecord answered. */
  fetchedAt?: number;
  connection: ConnectionView;
  /** Why the last poll failed (while reconnecting) or why polling stopped. */
  problem?: { summary: string; detail: string; fix?: string };
  /** When the next poll is due, while live or reconnecting. */
  nextPollAt?: number;
  canExecuteAgain: boolean;
  hasConsoleLink: boolean;
  /** How long the action usually takes, from its earlier runs; absent when there are too few to say. */
  estimate?: EstimateView;
}

export type CopyField =
  | 'recordId'
  | 'provisionedProductId'
  | 'productId'
  | 'provisioningArtifactId'
  | 'pathId'
  | 'serviceActionId'
  | 'launchRoleArn'
  | 'accountId';

export const copyFields: readonly CopyField[] = [
  'recordId',
  'provisionedProductId',
  'productId',
  'provisioningArtifactId',
  'pathId',
  'serviceActionId',
  'launchRoleArn',
  'accountId',
];

/**
 * What to copy. The host computes the text from its own copy of the record, never from the webview.
 * `cli`: the AWS CLI command that shows the record; `cliExecuteAgain`: the one that runs its action
 * again with the same parameters.
 */
export type CopyItem =
  | { kind: 'field'; field: CopyField }
  | { kind: 'output'; index: number }
  | { kind: 'json' }
  | { kind: 'cli' }
  | { kind: 'cliExecuteAgain' };

// Host -> webview
export type HostMessage =
  | { type: 'init'; l10nBundle?: Record<string, string> }
  | { type: 'update'; view: RecordView }
  | { type: 'copied'; item: CopyItem };

// Webview -> host
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'copy'; item: CopyItem }
  | { type: 'openConsole' }
  /** Opens the console page of output `index`, as the host computes it from its own copy of the record. */
  | { type: 'openOutput'; index: number }
  | { type: 'executeAgain' }
  /** An update failed the webview's checks: it shows an error instead, and says so for the log. */
  | { type: 'viewRejected' };

export const panelStateVersion = 1;

/** What the webview keeps with `setState`: enough to show the last view at once and for the serializer to find the record. */
export interface PanelState {
  version: typeof panelStateVersion;
  ref: RecordRefView;
  view?: RecordView;
}

// ---- guards ---------------------------------------------------------------------------------

/**
 * The longest text of a view the webview accepts, and the longest profile name of a record reference. The
 * host keeps what it sends well within them (`fitForPanel`): a view over them is rejected as a whole.
 */
export const viewLimits = { text: 100_000, profile: 1_000 } as const;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown, maxLength: number = viewLimits.text): value is string {
  return typeof value === 'string' && value.length <= maxLength;
}

function isOptionalString(value: unknown): value is string | undefined {
  return value === undefined || isString(value);
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isOptionalTime(value: unknown): value is number | undefined {
  return value === undefined || isTime(value);
}

function isArrayOf<T>(value: unknown, guard: (item: unknown) => item is T): value is T[] {
  return Array.isArray(value) && value.every(guard);
}

export function isRecordRefView(value: unknown): value is RecordRefView {
  return (
    isObject(value) &&
    isString(value.profile, viewLimits.profile) &&
    value.profile !== '' &&
    isString(value.region, 100) &&
    /^[a-z0-9-]{1,50}$/.test(value.region) &&
    isString(value.recordId, 100) &&
    value.recordId.trim() !== ''
  );
}

export function isCopyItem(value: unknown): value is CopyItem {
  if (!isObject(value)) {
    return false;
  }
  switch (value.kind) {
    case 'field':
      return typeof value.field === 'string' && (copyFields as readonly string[]).includes(value.field);
    case 'output':
      return Number.isSafeInteger(value.index) && (value.index as number) >= 0;
    case 'json':
    case 'cli':
    case 'cliExecuteAgain':
      return true;
    default:
      return false;
  }
}

const connections: readonly string[] = ['live', 'reconnecting', 'ended'];

const optionalTextFields = [
  'actionName',
  'serviceActionId',
  'productName',
  'productId',
  'provisioningArtifactId',
  'provisionedProductName',
  'provisionedProductId',
  'provisionedProductType',
  'pathId',
  'recordType',
  'launchRoleArn',
  'accountId',
  'status',
] as const;

export function isRecordView(value: unknown): value is RecordView {
  if (!isObject(value) || !isRecordRefView(value.ref)) {
    return false;
  }
  return (
    optionalTextFields.every((field) => isOptionalString(value[field])) &&
    isOptionalTime(value.createdAt) &&
    isOptionalTime(value.updatedAt) &&
    isOptionalTime(value.fetchedAt) &&
    isOptionalTime(value.nextPollAt) &&
    isArrayOf(
      value.errors,
      (item): item is RecordView['errors'][number] =>
        isObject(item) &&
        isString(item.code) &&
        isString(item.description) &&
        (item.explanation === undefined || (isObject(item.explanation) && isString(item.explanation.cause) && isString(item.explanation.fix))),
    ) &&
    isArrayOf(
      value.outputs,
      (item): item is RecordView['outputs'][number] =>
        isObject(item) && isString(item.key) && isString(item.value) && isString(item.description) && (item.consoleLink === undefined || typeof item.consoleLink === 'boolean'),
    ) &&
    isArrayOf(value.tags, (item): item is RecordView['tags'][number] => isObject(item) && isString(item.key) && isString(item.value)) &&
    isArrayOf(
      value.parameters,
      (item): item is RecordView['parameters'][number] => isObject(item) && isString(item.name) && isArrayOf(item.values, (v): v is string => isString(v)),
    ) &&
    isArrayOf(value.statusHistory, (item): item is RecordView['statusHistory'][number] => isObject(item) && isString(item.status) && isTime(item.seenAt)) &&
    typeof value.connection === 'string' &&
    connections.includes(value.connection) &&
    (value.problem === undefined ||
      (isObject(value.problem) && isString(value.problem.summary) && isString(value.problem.detail) && isOptionalString(value.problem.fix))) &&
    typeof value.canExecuteAgain === 'boolean' &&
    typeof value.hasConsoleLink === 'boolean' &&
    (value.estimate === undefined || isEstimateView(value.estimate))
  );
}

function isEstimateView(value: unknown): value is EstimateView {
  return (
    isObject(value) &&
    isTime(value.typicalMs) &&
    value.typicalMs >= 0 &&
    Number.isSafeInteger(value.runs) &&
    (value.runs as number) > 0 &&
    isTime(value.longerAfterMs)
  );
}

export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (!isObject(value)) {
    return false;
  }
  switch (value.type) {
    case 'ready':
    case 'refresh':
    case 'openConsole':
    case 'executeAgain':
    case 'viewRejected':
      return true;
    case 'copy':
      return isCopyItem(value.item);
    case 'openOutput':
      return Number.isSafeInteger(value.index) && (value.index as number) >= 0;
    default:
      return false;
  }
}

export function isHostMessage(value: unknown): value is HostMessage {
  if (!isObject(value)) {
    return false;
  }
  switch (value.type) {
    case 'init':
      return (
        value.l10nBundle === undefined ||
        (isObject(value.l10nBundle) && Object.values(value.l10nBundle).every((text) => typeof text === 'string'))
      );
    case 'update':
      return isRecordView(value.view);
    case 'copied':
      return isCopyItem(value.item);
    default:
      return false;
  }
}

/** A state saved by this version of the panel; anything else (older versions, damage) is ignored. */
export function isPanelState(value: unknown): value is PanelState {
  return (
    isObject(value) &&
    value.version === panelStateVersion &&
    isRecordRefView(value.ref) &&
    (value.view === undefined || isRecordView(value.view))
  );
}

/** Whether a message that failed `isHostMessage` was meant as an update (so the panel says it cannot show it). */
export function isRejectedUpdate(value: unknown): boolean {
  return isObject(value) && value.type === 'update';
}

/** A short description of a rejected message for the log: its type if it has one, never its content. */
export function describeMessage(value: unknown): string {
  if (isObject(value) && typeof value.type === 'string') {
    return `message of type "${value.type.slice(0, 40)}"`;
  }
  return `message of kind ${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value}`;
}
