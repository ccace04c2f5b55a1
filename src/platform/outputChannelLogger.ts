import * as vscode from 'vscode';
import type { SecretRedactor } from '../aws/secrets';
import type { Logger } from './logger';

/** The "Service Catalog" log output channel; every message and argument is redacted before it is written. */
export function createOutputChannelLogger(redactor: SecretRedactor): Logger & vscode.Disposable {
  const channel = vscode.window.createOutputChannel('Service Catalog', { log: true });
  const clean = (args: unknown[]) => args.map((arg) => redactor.redact(typeof arg === 'string' ? arg : safeStringify(arg)));
  return {
    trace: (message, ...args) => channel.trace(redactor.redact(message), ...clean(args)),
    debug: (message, ...args) => channel.debug(redactor.redact(message), ...clean(args)),
    info: (message, ...args) => channel.info(redactor.redact(message), ...clean(args)),
    warn: (message, ...args) => channel.warn(redactor.redact(message), ...clean(args)),
    error: (message, ...args) =>
      channel.error(redactor.redact(message instanceof Error ? `${message.name}: ${message.message}` : message), ...clean(args)),
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
