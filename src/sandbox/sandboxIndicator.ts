import * as vscode from 'vscode';
import { contextKeys, focusViewCommand, views } from '../catalog/commands';
import { setContext } from '../platform/vscode/commands';
import type { RunningSandbox, SandboxState } from './sandboxApi';

/**
 * Says the sandbox is on where people look: a line above the tree (the view's title is cut short in a
 * narrow side bar, and renaming it would rename the tree for screen readers), the Stop Sandbox action
 * in the view's title bar (menus, by context key), and a status bar item that shows the view.
 */
export class SandboxIndicator implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('serviceCatalog.sandbox', vscode.StatusBarAlignment.Left, 49);

  constructor(private readonly view: vscode.TreeView<unknown>) {
    this.item.name = vscode.l10n.t('Service Catalog sandbox');
    this.item.command = focusViewCommand(views.provisionedProducts);
  }

  show(state: SandboxState, sandbox: RunningSandbox | undefined): void {
    const active = state !== 'off';
    void setContext(contextKeys.sandboxActive, active);
    void setContext(contextKeys.sandboxStarting, state === 'starting');
    // Only once it runs: a message hides the welcome content, which says "starting" meanwhile.
    this.view.message =
      state === 'on' && sandbox
        ? vscode.l10n.t('Sandbox: sample data from a local Service Catalog on {0}. Stop Sandbox to return to your AWS profiles.', new URL(sandbox.endpoint).host)
        : undefined;
    if (!active) {
      this.item.hide();
      return;
    }
    this.item.text = state === 'starting' ? vscode.l10n.t('$(loading~spin) Sandbox') : vscode.l10n.t('$(beaker) Sandbox');
    this.item.tooltip = sandbox
      ? vscode.l10n.t('Service Catalog sandbox: sample data from a local Service Catalog on {0}. Your AWS files are not read until you run "Service Catalog: Stop Sandbox". Click to show the view.', new URL(sandbox.endpoint).host)
      : vscode.l10n.t('Starting the Service Catalog sandbox…');
    this.item.accessibilityInformation = { label: vscode.l10n.t('Service Catalog sandbox is on'), role: 'button' };
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
