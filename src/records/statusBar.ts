import * as vscode from 'vscode';
import { commands } from '../catalog/commands';
import { panelTitle } from '../shared/panelText';
import { presentStatus } from '../shared/recordFormat';
import type { LiveRecordTracker } from './tracking/liveRecordTracker';
import { toRecordView } from './panel/recordView';

/** "$(sync~spin) 2 actions running" while records are in flight; hidden otherwise. Clicking lists them. */
export class RunningRecordsStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly tracker: LiveRecordTracker) {
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
    if (running.length === 0) {
      this.item.hide();
      return;
    }
    this.item.text =
      running.length === 1
        ? vscode.l10n.t('$(sync~spin) 1 action running')
        : vscode.l10n.t('$(sync~spin) {0} actions running', running.length);
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.isTrusted = false;
    tooltip.appendMarkdown(`**${vscode.l10n.t('Service Catalog actions running')}**\n\n`);
    for (const snapshot of running) {
      const view = toRecordView(snapshot);
      const status = presentStatus(view.status);
      // Names come from AWS: appendText escapes them.
      tooltip.appendMarkdown(`- $(${status.icon}) `);
      tooltip.appendText(`${panelTitle(view)}: ${status.label} (${view.ref.profile}, ${view.ref.region})`);
      tooltip.appendMarkdown('\n');
    }
    tooltip.appendMarkdown(`\n${vscode.l10n.t('Click to see them.')}`);
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: this.item.text.replace('$(sync~spin) ', ''), role: 'button' };
    this.item.show();
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.item.dispose();
  }
}
