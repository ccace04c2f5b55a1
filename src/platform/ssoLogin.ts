import * as vscode from 'vscode';

/**
 * Runs `aws sso login --profile NAME` in a terminal. The CLI is started without a shell, so a
 * profile name is never read as shell syntax. Resolves whether the login succeeded when the
 * terminal closes.
 */
export function runSsoLogin(profile: string): Promise<boolean> {
  const terminal = vscode.window.createTerminal({
    name: vscode.l10n.t('AWS SSO login: {0}', profile),
    shellPath: 'aws',
    shellArgs: ['sso', 'login', '--profile', profile],
  });
  terminal.show();
  return new Promise((resolve) => {
    const listener = vscode.window.onDidCloseTerminal((closed) => {
      if (closed === terminal) {
        listener.dispose();
        resolve(closed.exitStatus?.code === 0);
      }
    });
  });
}
