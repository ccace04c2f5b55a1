import * as vscode from 'vscode';
import type { Logger } from '../logger';

/** A log output channel; every message and argument goes through `redact` before it is written. */
export function createOutputChannelLogger(name: string, redact: (text: string) => string): Logger & vscode.Disposable {
  const channel = vscode.window.createOutputChannel(name, { log: true });
  const clean = (args: unknown[]) => args.map((arg) => redact(typeof arg === 'string' ? arg : safeStringify(arg)));
  return {
    trace: (message, ...args) => channel.trace(redact(message), ...clean(args)),
    debug: (message, ...args) => channel.debug(redact(message), ...clean(args)),
    info: (message, ...args) => channel.info(redact(message), ...clean(args)),
    warn: (message, ...args) => channel.warn(redact(message), ...clean(args)),
    error: (message, ...args) => channel.error(redact(message instanceof Error ? `${message.name}: ${message.message}` : message), ...clean(args)),
    dispose: () => channel.dispose(),
  };
}

function safeStringify(value: unknown): string {
  if (value instanceof Error) {
    return `${value.name}: ${value.message}`;
  }
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
