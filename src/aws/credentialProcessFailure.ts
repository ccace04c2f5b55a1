import { t } from '@vscode/l10n';
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
 * The SDK's own message when a `credential_process` it ran (one the extension does not run itself) failed:
 * "Command failed: <command line>\n<stderr>". Read as a failure of that program, without its arguments.
 */
export function sdkProcessFailure(message: string, redactor: SecretRedactor): CredentialProcessFailure | undefined {
  const match = /^Command failed: ([^\n]*)(?:\n([\s\S]*))?$/.exec(message);
  if (!match) {
    return undefined;
  }
  return { reason: 'exited', program: redactor.redact(programName(match[1])), stderrLine: stderrSummary(match[2] ?? '', redactor) };
}

/** What went wrong with a helper, by its program name: never its arguments. */
export function describeProcessFailure(failure: CredentialProcessFailure): string {
  const line = 'stderrLine' in failure && failure.stderrLine ? `: ${failure.stderrLine}` : '';
  switch (failure.reason) {
    case 'exited':
      if (failure.exitCode !== undefined) {
        return t('{0} exited with code {1}{2}', failure.program, failure.exitCode, line);
      }
      return failure.signal ? t('{0} was ended by {1}{2}', failure.program, failure.signal, line) : t('{0} failed{1}', failure.program, line);
    case 'not-started':
      return t('{0} could not be started ({1})', failure.program, failure.code);
    case 'too-much-output':
      return t('{0} printed more than {1} KB and was stopped{2}', failure.program, Math.round(failure.limitBytes / 1024), line);
    case 'not-json':
      return t('{0} did not print credentials as JSON', failure.program);
    case 'not-version-1':
      return t('{0} did not print "Version": 1', failure.program);
    case 'no-keys':
      return t('{0} printed no AccessKeyId and SecretAccessKey', failure.program);
    case 'expired':
      return t('{0} printed credentials that have already expired', failure.program);
  }
}
