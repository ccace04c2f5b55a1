import * as vscode from 'vscode';
import { isPanelState, recordPanelViewType, type RecordView } from '../../shared/protocol';
import { RecordPanel, webviewOptions, type RecordPanelDependencies } from './recordPanel';
import { sameRecord, type RecordOrigin, type RecordRef } from '../../catalog/records';

/**
 * One panel per record: showing a record that has a panel reveals it. Panels follow the tracker's
 * snapshots, and come back after a reload through the serializer (the webview's saved state says which record).
 */
export class RecordPanels implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private readonly panels: RecordPanel[] = [];
  private readonly subscription: vscode.Disposable;

  constructor(private readonly deps: RecordPanelDependencies) {
    this.subscription = deps.tracker.onDidChange((snapshot) => {
      for (const panel of this.panels) {
        if (sameRecord(panel.ref, snapshot.ref)) {
          panel.update(snapshot);
        }
      }
    });
  }

  /** Opens the record's panel, or reveals the one already open. */
  show(ref: RecordRef, origin?: RecordOrigin): RecordPanel {
    this.deps.tracker.watch(ref, origin);
    const existing = this.find(ref);
    if (existing) {
      existing.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      recordPanelViewType,
      ref.recordId,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      { ...webviewOptions(this.deps.extensionUri), enableFindWidget: true },
    );
    return this.adopt(ref, panel);
  }

  find(ref: RecordRef): RecordPanel | undefined {
    return this.panels.find((panel) => sameRecord(panel.ref, ref));
  }

  get openPanels(): readonly RecordPanel[] {
    return this.panels;
  }

  /** Restores a panel after a reload; a state that is not ours (or damaged) closes the panel. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (!isPanelState(state)) {
      this.deps.log.warn('A record panel could not be restored: its saved state is missing or from another version');
      panel.dispose();
      return;
    }
    const ref: RecordRef = { profile: state.ref.profile, region: state.ref.region, recordId: state.ref.recordId };
    const duplicate = this.find(ref);
    if (duplicate) {
      panel.dispose();
      duplicate.reveal();
      return;
    }
    this.deps.tracker.watch(ref, originFromView(state.view));
    this.adopt(ref, panel);
  }

  dispose(): void {
    this.subscription.dispose();
    for (const panel of [...this.panels]) {
      panel.dispose();
    }
    this.panels.length = 0;
  }

  private adopt(ref: RecordRef, webviewPanel: vscode.WebviewPanel): RecordPanel {
    const panel: RecordPanel = new RecordPanel(ref, webviewPanel, this.deps, () => {
      const index = this.panels.indexOf(panel);
      if (index >= 0) {
        this.panels.splice(index, 1);
      }
    });
    this.panels.push(panel);
    return panel;
  }
}

/** What a restored panel knew about its record, so "Execute again" and the names survive a reload. */
function originFromView(view: RecordView | undefined): RecordOrigin {
  if (!view) {
    return {};
  }
  return {
    provisionedProductId: view.provisionedProductId,
    provisionedProductName: view.provisionedProductName,
    productName: view.productName,
    serviceActionId: view.serviceActionId,
    serviceActionName: view.actionName,
    accountId: view.accountId,
    parameters: view.parameters.length ? Object.fromEntries(view.parameters.map((parameter) => [parameter.name, [...parameter.values]])) : undefined,
  };
}
