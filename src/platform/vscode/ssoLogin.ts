import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { optionArguments, shellOption } from '../shellQuote';
import { runInTerminal } from './processTerminal';

/**
 * Runs `aws sso login --profile NAME` or `aws sso login --sso-session NAME` in a terminal named after
 * `what`. The CLI is started by the extension, without a shell, so a name is never read as shell syntax, and with the extension host's own environment
 * only: neither `terminal.integrated.env.*` of a workspace nor the variables other extensions add to
 * terminals (`AWS_CONFIG_FILE`, `AWS_CA_BUNDLE`, `HTTPS_PROXY`...) reach the login (`runInTerminal`).
 * Resolves whether the login succeeded when the terminal closes; says what to install when the AWS CLI is
 * not on the PATH.
 */
export async function runSsoLogin(what: string, option: '--profile' | '--sso-session', name: string): Promise<boolean> {
  const cli = await findOnPath(process.platform === 'win32' ? ['aws.exe', 'aws.cmd'] : ['aws']);
  if (!cli) {
    const install = vscode.l10n.t('How to Install');
    const choice = await vscode.window.showErrorMessage(
      vscode.l10n.t('Signing in with SSO needs the AWS CLI (version 2), and "aws" is not on the PATH of VS Code.'),
      install,
    );
    if (choice === install) {
      await vscode.env.openExternal(vscode.Uri.parse('https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html'));
    }
    return false;
  }
  const exitCode = await runInTerminal({
    name: vscode.l10n.t('AWS SSO login: {0}', what),
    program: cli,
    args: ['sso', 'login', ...optionArguments(option, name)],
    // The CLI's output goes to a pipe, not a TTY: unbuffered, the sign-in URL and code show as they are printed.
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
    banner: `$ aws sso login ${shellOption(option, name)}`,
  });
  return exitCode === 0;
}

async function findOnPath(names: string[]): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        await fs.access(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}
