import * as vscode from 'vscode';
import { commands } from '../catalog/commands';
import { panelTitle } from '../shared/panelText';
import { presentStatus } from '../shared/recordFormat';
import { progressOf, shortProgressText } from '../shared/estimateText';
import type { RecordSnapshot } from '../catalog/records';
import { systemTimers, type Timers } from '../platform/timers';
import type { LiveRecordTracker } from './tracking/liveRecordTracker';
import { toRecordView } from './panel/recordView';

/**
 * "$(sync~spin) 2 actions running" while records are in flight; hidden otherwise. Clicking lists them.
 * A running action whose earlier runs say how long it takes shows how far along it is ("about 2 min
 * left", "longer than usual"), kept current every few seconds.
 */
export class RunningRecordsStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[];
  private ticker: unknown;

  /** `timers`: the records feature's, so its leak checks count the tick. */
  constructor(
    private readonly tracker: LiveRecordTracker,
    private readonly timers: Timers = systemTimers,
  ) {
    this.item = vscode.window.createStatusBarItem('serviceCatalog.runningActions', vscode.StatusBarAlignment.Left, 50);
    this.item.name = vscode.l10n.t('Service Catalog: running actions');
    this.item.command = commands.showRunningExecutions;
    this.subscriptions = [tracker.onDidChange(() => this.refresh()), tracker.onDidEnd(() => this.refresh())];
    this.refresh();
  }

  /** What the item shows now (for tests): undefined while hidden. */
  get text(): string | undefined {
    return this.tracker.inFlight().length > 0 ? this.item.text : undefined;
  }

  refresh(): void {
    const running = this.tracker.inFlight();
    const now = this.timers.now();
    this.keepTicking(running.some((snapshot) => progressText(snapshot, now, shortProgressText) !== undefined));
    if (running.length === 0) {
      this.item.hide();
      return;
    }
    const single = running.length === 1 ? progressText(running[0], now, shortProgressText) : undefined;
    this.item.text =
      running.length > 1
        ? vscode.l10n.t('$(sync~spin) {0} actions running', running.length)
        : single
          ? vscode.l10n.t('$(sync~spin) 1 action running, {0}', single)
          : vscode.l10n.t('$(sync~spin) 1 action running');
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.isTrusted = false;
    tooltip.appendMarkdown(`**${vscode.l10n.t('Service Catalog actions running')}**\n\n`);
    for (const snapshot of running) {
      const view = toRecordView(snapshot);
      const status = presentStatus(view.status);
      // Names come from AWS: appendText escapes them.
      tooltip.appendMarkdown(`- $(${status.icon}) `);
      const progress = progressText(snapshot, now, (estimate, elapsed) => progressOf(estimate, elapsed).text);
      tooltip.appendText(`${panelTitle(view)}: ${status.label} (${view.ref.profile}, ${view.ref.region})${progress ? ` · ${progress}` : ''}`);
      tooltip.appendMarkdown('\n');
    }
    tooltip.appendMarkdown(`\n${vscode.l10n.t('Click to see them.')}`);
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: this.item.text.replace('$(sync~spin) ', ''), role: 'button' };
    this.item.show();
  }

  dispose(): void {
    this.keepTicking(false);
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.item.dispose();
  }

  /** One pending tick while a running record shows its progress; each tick refreshes, which sets the next. */
  private keepTicking(on: boolean): void {
    if (on && this.ticker === undefined) {
      this.ticker = this.timers.setTimeout(() => {
        this.ticker = undefined;
        this.refresh();
      }, tickMs);
    } else if (!on && this.ticker !== undefined) {
      this.timers.clearTimeout(this.ticker);
      this.ticker = undefined;
    }
  }
}

const tickMs = 5_000;

/** The progress of a running record against its action's earlier runs, in the words `words` gives; undefined without an estimate. */
function progressText(
  snapshot: RecordSnapshot,
  now: number,
  words: (estimate: NonNullable<RecordSnapshot['estimate']>, elapsedMs: number) => string,
): string | undefined {
  const created = snapshot.record?.CreatedTime ? new Date(snapshot.record.CreatedTime).getTime() : Number.NaN;
  return snapshot.estimate && Number.isFinite(created) ? words(snapshot.estimate, now - created) : undefined;
}
