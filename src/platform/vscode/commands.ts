import * as vscode from 'vscode';
import type { ArgumentsOf, CommandId, ContextKey } from '../commandId';

/** Registers a command; with `onError`, a handler that throws or rejects is reported there instead of by VS Code. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any command id; its arguments come from the id
export function registerCommand<Id extends CommandId<any>>(id: Id, handler: (...args: ArgumentsOf<Id>) => unknown, onError?: (error: unknown) => void): vscode.Disposable {
  if (!onError) {
    return vscode.commands.registerCommand(id, handler as (...args: unknown[]) => unknown);
  }
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...(args as ArgumentsOf<Id>));
    } catch (error) {
      onError(error);
      return undefined;
    }
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any command id; its arguments come from the id
export function executeCommand<Id extends CommandId<any>>(id: Id, ...args: ArgumentsOf<Id>): Thenable<unknown> {
  return vscode.commands.executeCommand(id, ...(args as unknown[]));
}

/** The command a tree item or a message runs when clicked. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any command id; its arguments come from the id
export function commandLink<Id extends CommandId<any>>(id: Id, title: string, ...args: ArgumentsOf<Id>): vscode.Command {
  return { command: id, title, arguments: args };
}

export function setContext<Value>(key: ContextKey<Value>, value: Value): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', key, value);
}
