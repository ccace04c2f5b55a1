import * as vscode from 'vscode';
import type { AwsContext } from '../aws/awsContext';
import type { Logger } from '../platform/logger';
import type { Settings } from '../platform/settings';
import { recordPanelViewType } from '../shared/protocol';
import { InFlightStore } from './inFlightStore';
import { LiveRecordTracker } from './liveRecordTracker';
import { registerEndNotifications } from './notifications';
import { registerRecordCommands } from './recordCommands';
import { RecordPanels } from './recordPanels';
import { RunningRecordsStatusBar } from './statusBar';
import { countingTimers, systemTimers } from '../platform/timers';

export interface RecordsPart {
  tracker: LiveRecordTracker;
  panels: RecordPanels;
  statusBar: RunningRecordsStatusBar;
  /**
   * Counts for leak tests (test/integration/reliability.executions.test.ts): records the tracker
   * keeps, its pollers still scheduled or polling, timers set through its timers and not yet fired or
   * cleared, listeners of its events, and open record panels. All fall back once records have ended
   * and panels are closed.
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
  deps: { aws: AwsContext; settings: Settings; log: Logger },
): RecordsPart {
  const timers = countingTimers(systemTimers);
  const tracker = new LiveRecordTracker({
    describe: async (ref, signal) => (await deps.aws.apiFor(ref.profile, ref.region)).describeRecord(ref.recordId, { signal }),
    store: new InFlightStore(context.globalState, Date.now),
    log: deps.log,
    timers,
  });
  const panels = new RecordPanels({ tracker, log: deps.log, extensionUri: context.extensionUri });
  const statusBar = new RunningRecordsStatusBar(tracker);
  context.subscriptions.push(
    { dispose: () => tracker.dispose() },
    panels,
    statusBar,
    vscode.window.registerWebviewPanelSerializer(recordPanelViewType, panels),
    registerEndNotifications(tracker),
    ...registerRecordCommands({ tracker, panels, aws: deps.aws, settings: deps.settings, log: deps.log }),
  );
  tracker.restore();
  const usage = (): RecordsUsage => ({ ...tracker.usage(), activeTimers: timers.active, openPanels: panels.openPanels.length });
  return { tracker, panels, statusBar, usage };
}
