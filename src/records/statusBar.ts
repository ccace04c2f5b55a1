import * as vscode from 'vscode';
import { commands } from '../catalog/commands';
import { progressOf, shortProgressText, type EstimateView } from '../shared/estimateText';
import { systemTimers, type Timers } from '../platform/timers';
import type { Activity, ActivityEntry } from './tracking/activity';
import { entryStatus, entryTitle } from './activity/activityView';

/**
 * "$(sync~spin) 2 actions running" while records this window follows run; hidden otherwise. Clicking
 * lists them. It reads the Activity, like the Activity view and the running list: it counts the running
 * entries this window follows, lists them with the view's words, and mentions those other windows
 * follow. A running action whose earlier runs say how long it takes shows how far along it is ("about
 * 2 min left", "longer than usual"), kept current every few seconds.
 */
export class RunningRecordsStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[];
  private ticker: unknown;
  private shown = false;

  /** `timers`: the records feature's, so its leak checks count the tick. */
  constructor(
    private readonly activity: Activity,
    private readonly timers: Timers = systemTimers,
  ) {
    this.item = vscode.window.createStatusBarItem('serviceCatalog.runningActions', vscode.StatusBarAlignment.Left, 50);
    this.item.name = vscode.l10n.t('Service Catalog: running actions');
    this.item.command = commands.showRunningExecutions;
    this.subscriptions = [activity.onDidChange(() => this.refresh())];
    this.refresh();
  }

  /** What the item shows now (for tests): undefined while hidden. */
  get text(): string | undefined {
    return this.shown ? this.item.text : undefined;
  }

  /** Its tooltip now (for tests): undefined while hidden. */
  get tooltip(): vscode.MarkdownString | undefined {
    return this.shown ? (this.item.tooltip as vscode.MarkdownString) : undefined;
  }

  /** Reads the Activity again and shows what it says. */
  refresh(): void {
    const { here, elsewhere } = this.activity.runningSummary();
    const now = this.timers.now();
    this.keepTicking(here.some((entry) => progressText(entry, now, shortProgressText) !== undefined));
    if (here.length === 0) {
      this.shown = false;
      this.item.hide();
      return;
    }
    const single = here.length === 1 ? progressText(here[0], now, shortProgressText) : undefined;
    this.item.text =
      here.length > 1
        ? vscode.l10n.t('$(sync~spin) {0} actions running', here.length)
        : single
          ? vscode.l10n.t('$(sync~spin) 1 action running, {0}', single)
          : vscode.l10n.t('$(sync~spin) 1 action running');
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.isTrusted = false;
    tooltip.appendMarkdown(`**${vscode.l10n.t('Service Catalog actions running')}**\n\n`);
    for (const entry of here) {
      const status = entryStatus(entry);
      // Names come from AWS: appendText escapes them.
      tooltip.appendMarkdown(`- $(${status.icon}) `);
      const progress = progressText(entry, now, (estimate, elapsed) => progressOf(estimate, elapsed).text);
      tooltip.appendText(`${entryTitle(entry)}: ${status.label} (${entry.ref.profile}, ${entry.ref.region})${progress ? ` · ${progress}` : ''}`);
      tooltip.appendMarkdown('\n');
    }
    if (elsewhere > 0) {
      tooltip.appendMarkdown('\n');
      tooltip.appendText(elsewhere === 1 ? vscode.l10n.t('1 more running in other windows') : vscode.l10n.t('{0} more running in other windows', elsewhere));
      tooltip.appendMarkdown('\n');
    }
    tooltip.appendMarkdown(`\n${vscode.l10n.t('Click to see them.')}`);
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: this.item.text.replace('$(sync~spin) ', ''), role: 'button' };
    this.shown = true;
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

/** The progress of a running entry against its action's earlier runs, in the words `words` gives; undefined without an estimate. */
function progressText(entry: ActivityEntry, now: number, words: (estimate: EstimateView, elapsedMs: number) => string): string | undefined {
  return entry.estimate ? words(entry.estimate, now - entry.startedAt) : undefined;
}
