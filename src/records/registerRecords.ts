import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { AwsContext } from '../aws/awsContext';
import type { Logger } from '../platform/logger';
import type { ExecuteArguments } from '../catalog/executeArguments';
import type { ShowRecord } from '../catalog/records';
import type { Settings } from '../catalog/settings';
import { WindowOwnership } from '../platform/windowOwnership';
import { recordPanelViewType } from '../shared/protocol';
import { InFlightStore } from './tracking/inFlightStore';
import { defaultExecutionHistoryLimits, endedExecutionOf, ExecutionHistory } from './tracking/executionHistory';
import { Activity } from './tracking/activity';
import { ActivityView } from './activity/activityView';
import { registerActivityCommands } from './activity/activityCommands';
import type { RevealProduct } from '../catalog/products';
import type { KeyValueStore } from '../platform/keyValueStore';
import { DurationEstimator } from './estimates/durationEstimator';
import type { EstimateDuration } from '../catalog/durations';
import { LiveRecordTracker } from './tracking/liveRecordTracker';
import { registerEndNotifications } from './notifications';
import { registerRecordCommands } from './recordCommands';
import { RecordPanels } from './panel/recordPanels';
import { RunningRecordsStatusBar } from './statusBar';
import { countingTimers, systemTimers } from '../platform/timers';

export interface RecordsDependencies {
  aws: AwsContext;
  settings: Settings;
  log: Logger;
  /** "Execute again" from a record panel or the Activity view: Execute Service Action, stopping at its review. */
  executeAgain(args: ExecuteArguments): Thenable<unknown>;
  /** The Activity view's "Show Product": the product in the Provisioned Products view. */
  revealProduct: RevealProduct;
}

export interface RecordsPart {
  tracker: LiveRecordTracker;
  /** Opens a record's panel (or reveals it), watching the record. */
  show: ShowRecord;
  /** Activation's step: follow again the records in flight that this window (or a closed one) saved. */
  resume(): void;
  /** This window's heartbeat and the verdict on entries of `globalState` saved by other windows. */
  window: WindowOwnership;
  panels: RecordPanels;
  statusBar: RunningRecordsStatusBar;
  /** The executions this machine ran that ended (which action, which product, when), every window's. */
  executions: ExecutionHistory;
  /** Every action run from this machine, running or ended: the Activity view's and the running list's one source. */
  activity: Activity;
  activityView: ActivityView;
  /** The `globalState` the records' stores share (tests build another window's stores over it). */
  storage: KeyValueStore;
  /** This window's `workspaceState`, where the Activity view keeps its filter. */
  windowStorage: KeyValueStore;
  /** How long an action usually takes on a product, from its earlier runs (for Execute's review). */
  estimateDuration: EstimateDuration;
  /**
   * Counts for leak checks: records kept, pollers scheduled or polling, timers pending, listeners and
   * open panels. All fall back once records have ended and panels are closed.
   */
  usage(): RecordsUsage;
}

export interface RecordsUsage {
  records: number;
  activePollers: number;
  activeTimers: number;
  listeners: number;
  openPanels: number;
}

/**
 * Live records: the tracker (one poller per record, in-flight records persisted in globalState), the
 * record panels and their serializer, the status bar item, the end notifications and the commands.
 */
export function registerRecords(
  context: vscode.ExtensionContext,
  deps: RecordsDependencies,
): RecordsPart {
  const timers = countingTimers(systemTimers);
  // The heartbeat runs for as long as the window lives: on the plain timers, not those counted for leaks.
  const window = new WindowOwnership({ storage: context.globalState, timers: systemTimers, windowId: windowIdOf(context), log: deps.log }).start();
  const executions = new ExecutionHistory(context.globalState, {
    window,
    timers: systemTimers,
    log: deps.log,
    limits: () => ({ ...defaultExecutionHistoryLimits, maxEntries: deps.settings.activityMaxEntries }),
  });
  const estimator = new DurationEstimator({
    api: (profile, region) => deps.aws.apiFor(profile, region),
    executions: () => executions.entries(),
    accessLevel: () => deps.settings.accessLevel,
    files: deps.aws,
    log: deps.log,
  });
  const estimateDuration: EstimateDuration = (query, options) => estimator.estimate(query, options);
  const inFlight = new InFlightStore(context.globalState, { window, timers: systemTimers, log: deps.log });
  const tracker = new LiveRecordTracker({
    describe: async (ref, signal) => (await deps.aws.apiFor(ref.profile, ref.region)).describeRecord(ref.recordId, { signal }),
    store: inFlight,
    redactor: deps.aws.redactor,
    log: deps.log,
    timers,
    estimate: estimateDuration,
    files: () => deps.aws.files,
  });
  const activity = new Activity({
    sources: { watched: () => tracker.watched(), filesOf: (ref) => tracker.filesOf(ref), inFlight: () => inFlight.all(), ended: () => executions.entries() },
    storage: context.globalState,
    maxEntries: () => deps.settings.activityMaxEntries,
    now: () => Date.now(),
  });
  const activityView = new ActivityView(activity, context.workspaceState);
  const panels = new RecordPanels({ tracker, log: deps.log, extensionUri: context.extensionUri, executeAgain: deps.executeAgain });
  const statusBar = new RunningRecordsStatusBar(activity, timers);
  context.subscriptions.push(
    window,
    { dispose: () => tracker.dispose() },
    panels,
    statusBar,
    vscode.window.registerWebviewPanelSerializer(recordPanelViewType, panels),
    registerEndNotifications(tracker, (ref) => panels.show(ref)),
    ...registerRecordCommands({ tracker, activity, panels, aws: deps.aws, settings: deps.settings, log: deps.log }),
  );
  context.subscriptions.push(
    activityView,
    { dispose: () => activity.dispose() },
    tracker.onDidChange(() => activity.changed()),
    tracker.onDidStopWatching(() => activity.changed()),
    executions.onDidAdd(() => activity.changed()),
    deps.settings.onDidChange((changed) => changed('activity.maxEntries') && activity.changed()),
    ...registerActivityCommands({ activity, view: activityView, log: deps.log, executeAgain: deps.executeAgain, revealProduct: deps.revealProduct }),
  );
  context.subscriptions.push(
    retryWhenFilesChange(tracker, deps.aws),
    deps.aws.onDidSwitchFiles(() => tracker.useFiles()),
    { dispose: () => executions.dispose() },
    { dispose: () => estimator.dispose() },
    deps.aws.onDidChangeFiles(() => estimator.clear()),
    rememberEndedExecutions(tracker, executions, deps.log),
  );
  const usage = (): RecordsUsage => ({ ...tracker.usage(), activeTimers: timers.active, openPanels: panels.openPanels.length });
  const resume = () => {
    const own = tracker.restore();
    void tracker.adoptOrphans().then(
      (adopted) => deps.log.info(`Records in flight: resumed ${own.length} of this window, took over ${adopted.length} of closed windows`),
      (error: unknown) => deps.log.warn('Could not take over the records of closed windows', error),
    );
  };
  return {
    tracker,
    show: (ref, origin) => void panels.show(ref, origin),
    window,
    panels,
    statusBar,
    executions,
    activity,
    activityView,
    storage: context.globalState,
    windowStorage: context.workspaceState,
    estimateDuration,
    usage,
    resume,
  };
}

/** Each execution this machine ran that ends joins the history: its action is then known for the estimates. */
function rememberEndedExecutions(tracker: LiveRecordTracker, executions: ExecutionHistory, log: Logger): vscode.Disposable {
  return tracker.onDidEnd((snapshot) => {
    const files = tracker.filesOf(snapshot.ref);
    const entry = files && endedExecutionOf(snapshot, files);
    if (entry) {
      executions.add(entry).catch((error: unknown) => log.warn(`Could not keep the end of record ${entry.ref.recordId} in the execution history`, error));
    }
  });
}

/** How long after the AWS files change the records that could not use their profile are tried again: the view reloads the profiles first. */
const afterFilesChangeMs = 1_000;

/**
 * A profile that was missing or misconfigured may be fixed by editing the AWS files: the records
 * stopped for it are tried again once the profiles are read again. (The sandbox, which switches the
 * files without editing them, asks the tracker itself when it stops.)
 */
function retryWhenFilesChange(tracker: LiveRecordTracker, aws: AwsContext): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const subscription = aws.onDidChangeFiles(() => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      void aws.profiles().then(
        () => tracker.retryAfterConfigChange(),
        () => undefined,
      );
    }, afterFilesChangeMs);
  });
  return { dispose: () => (clearTimeout(timer), subscription.dispose()) };
}

const windowIdKey = 'serviceCatalog.windowId';

/**
 * This window's id for `WindowOwnership`, kept in `workspaceState`, which survives a reload (a new
 * extension host); `vscode.env.sessionId` does not, and is one constant where telemetry is off.
 */
function windowIdOf(context: vscode.ExtensionContext): string {
  const stored = context.workspaceState.get<unknown>(windowIdKey);
  if (typeof stored === 'string' && stored !== '') {
    return stored;
  }
  const id = randomUUID();
  void context.workspaceState.update(windowIdKey, id);
  return id;
}
