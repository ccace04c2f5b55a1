import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import * as vscode from 'vscode';

/**
 * Runs a program in a terminal of the panel, with exactly the environment given: a terminal VS Code starts
 * itself adds a workspace's `terminal.integrated.env.*` and the variables other extensions put in terminals,
 * and in a remote window it does so even with `strictEnv` (its remote terminal channel drops the option).
 * Here the extension starts the process and the terminal only shows it: its output as it comes, what is typed
 * forwarded to it. It closes by itself when the program succeeds; after a failure it stays until a key is
 * pressed. Resolves, once the terminal is closed, with the program's exit code (undefined when it could not
 * start or the terminal was closed first, which ends it).
 */
export function runInTerminal(options: { name: string; program: string; args: string[]; env: NodeJS.ProcessEnv; banner?: string }): Promise<number | undefined> {
  const output = new vscode.EventEmitter<string>();
  const closing = new vscode.EventEmitter<number | void>();
  const show = (text: string) => output.fire(text.replace(/\r?\n/g, '\r\n'));
  let child: ReturnType<typeof spawn> | undefined;
  let exitCode: number | undefined;
  let over = false;

  const ended = (code: number | undefined, problem?: string) => {
    if (over) return;
    over = true;
    exitCode = code;
    if (problem) show(`\n${problem}\n`);
    if (code === 0) {
      closing.fire(0);
    } else {
      show(`\n${vscode.l10n.t('It ended with exit code {0}. Press any key to close this terminal.', code ?? '?')}\n`);
    }
  };

  const pty: vscode.Pseudoterminal = {
    onDidWrite: output.event,
    onDidClose: closing.event,
    open: () => {
      if (options.banner) show(`${options.banner}\n\n`);
      child = spawn(options.program, options.args, { env: options.env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
      for (const stream of [child.stdout, child.stderr]) {
        const decoder = new StringDecoder('utf8');
        stream?.on('data', (chunk: Buffer) => show(decoder.write(chunk)));
      }
      child.on('error', (error: NodeJS.ErrnoException) => ended(undefined, vscode.l10n.t('{0} could not be started ({1}).', options.program, error.code ?? error.message)));
      child.on('close', (code) => ended(code ?? undefined));
    },
    close: () => {
      if (!over) {
        over = true;
        child?.kill();
      }
    },
    handleInput: (data) => {
      if (over) {
        closing.fire(exitCode);
        return;
      }
      // No TTY: what is typed is shown here and sent to the program as a terminal would.
      const text = data === '\r' ? '\n' : data;
      show(text);
      child?.stdin?.write(text);
    },
  };

  return new Promise((resolve) => {
    const terminal = vscode.window.createTerminal({ name: options.name, pty });
    const listener = vscode.window.onDidCloseTerminal((closed) => {
      if (closed !== terminal) return;
      listener.dispose();
      if (!over) {
        over = true;
        child?.kill();
      }
      output.dispose();
      closing.dispose();
      resolve(exitCode);
    });
    terminal.show();
  });
}
