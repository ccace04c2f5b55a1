import * as path from 'node:path';
import type { SecretRedactor } from './secrets';

/** Why a `credential_process` gave no credentials, in terms that are safe to show: never its command line. */
export type CredentialProcessFailure =
  | { reason: 'exited'; program: string; exitCode?: number; signal?: string; stderrLine?: string }
  | { reason: 'not-started'; program: string; code: string }
  | { reason: 'too-much-output'; program: string; limitBytes: number; stderrLine?: string }
  | { reason: 'not-json' | 'not-version-1' | 'no-keys' | 'expired'; program: string };

/** Raised for a failed `credential_process` the extension ran; its message holds nothing of the command line or the output. */
export class CredentialProcessError extends Error {
  override readonly name = 'CredentialProcessError';
  constructor(readonly failure: CredentialProcessFailure) {
    super(`credential_process ${failure.program}: ${failure.reason}`);
  }
}

/** Characters of stderr shown at most: one short line. */
const maxLineLength = 160;

/**
 * The program of a command line, by its file name: the first word that is not a `NAME=value`
 * assignment (which may hold a secret), without quotes or folders. Its arguments are never shown.
 */
export function programName(commandLine: string): string {
  const words = commandLine.trim().match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
  const first = words.find((word) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) ?? '';
  const unquoted = first.replace(/^["']|["']$/g, '');
  return path.basename(unquoted.replace(/\\/g, '/')).slice(0, 80) || 'credential_process';
}

/**
 * One short line of what a helper printed on stderr: its last non-empty line (where tools and
 * tracebacks put the error), redacted, then cut to a length that fits a tree node.
 */
export function stderrSummary(stderr: string, redactor: SecretRedactor): string | undefined {
  const line = stderr
    .split(/\r?\n/)
    .map((candidate) => candidate.trim())
    .filter(Boolean)
    .pop();
  if (!line) {
    return undefined;
  }
  // Control characters (terminal escapes) would garble a tree node.
  // eslint-disable-next-line no-control-regex
  const redacted = redactor.redact(line).replace(/[\u0000-\u001f\u007f]/g, ' ');
  return redacted.length > maxLineLength ? `${redacted.slice(0, maxLineLength - 1)}…` : redacted;
}

/**
 * The SDK's own message when a `credential_process` it ran (that of a source profile) failed:
 * "Command failed: <command line>\n<stderr>". Read as a failure of that program, without its arguments.
 */
export function sdkProcessFailure(message: string, redactor: SecretRedactor): CredentialProcessFailure | undefined {
  const match = /^Command failed: ([^\n]*)(?:\n([\s\S]*))?$/.exec(message);
  if (!match) {
    return undefined;
  }
  return { reason: 'exited', program: redactor.redact(programName(match[1])), stderrLine: stderrSummary(match[2] ?? '', redactor) };
}
