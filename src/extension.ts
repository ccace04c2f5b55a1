import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('serviceCatalog.executeServiceAction', () => {
      void vscode.window.showInformationMessage('Execute Service Action is not available yet.');
    }),
  );
}

export function deactivate(): void {}
