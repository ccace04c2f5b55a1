import type { AwsCredentialIdentity } from '@smithy/types';
import { defaultCappedProcessLimits, startCappedProcess, type CappedProcess, type CappedProcessLimits, type CappedProcessResult } from '../platform/cappedProcess';
import { CredentialProcessError, programName, stderrSummary, type CredentialProcessFailure } from './credentialProcessFailure';
import type { SecretRedactor } from './secrets';

interface Run {
  commandLine: string;
  process: CappedProcess;
  /** Callers waiting for its credentials; when the last one gives up, the helper is ended. */
  waiting: number;
  abandoned: boolean;
}

/**
 * Runs the `credential_process` of profiles, at most one helper per profile at a time: a second call
 * for the same profile while its helper runs waits for that helper's answer instead of starting
 * another. When every caller has given up (the credential timeout), the helper and the processes it
 * started are ended. What it prints is capped (`CappedProcessLimits`), and a failure is reported by
 * the program's name, its exit code and one redacted line of its stderr, never its command line.
 *
 * The SDK's own `fromProcess` runs the helper with `exec`, which cannot be ended from outside its
 * promise and keeps up to 1 MB of output in the error message: this is what it does, done safely.
 */
export class CredentialProcessRunner {
  private readonly runs = new Map<string, Run>();

  constructor(
    private readonly redactor: SecretRedactor,
    private readonly limits: CappedProcessLimits = defaultCappedProcessLimits,
  ) {}

  /** Helpers running now, by profile (for tests and leak checks). */
  get running(): number {
    return this.runs.size;
  }

  /**
   * The credentials `commandLine` prints for `profile`. `signal` is the caller giving up: the helper is
   * ended once no caller waits for it any more.
   */
  async credentials(profile: string, commandLine: string, signal: AbortSignal, accountId?: string): Promise<AwsCredentialIdentity> {
    const program = this.redactor.redact(programName(commandLine));
    const run = await this.join(profile, commandLine, signal);
    const outcome = await whileWaiting(run, signal, () => this.giveUp(profile, run));
    switch (outcome.kind) {
      case 'not-started':
        throw new CredentialProcessError({ reason: 'not-started', program, code: outcome.code });
      case 'too-much-output':
        throw new CredentialProcessError({ reason: 'too-much-output', program, limitBytes: this.limits.maxStdoutBytes, stderrLine: stderrSummary(outcome.stderrTail, this.redactor) });
      case 'exited':
        if (outcome.exitCode !== 0) {
          throw new CredentialProcessError({
            reason: 'exited',
            program,
            exitCode: outcome.exitCode ?? undefined,
            signal: outcome.signal ?? undefined,
            stderrLine: stderrSummary(outcome.stderrTail, this.redactor),
          });
        }
        return this.parsed(program, outcome.stdout, accountId);
    }
  }

  /** Ends every helper still running (the extension is going away). */
  async dispose(): Promise<void> {
    const runs = [...this.runs.values()];
    this.runs.clear();
    await Promise.all(runs.map((run) => run.process.kill()));
  }

  private async join(profile: string, commandLine: string, signal: AbortSignal): Promise<Run> {
    for (;;) {
      signal.throwIfAborted();
      const current = this.runs.get(profile);
      if (!current) {
        const run: Run = { commandLine, process: startCappedProcess(commandLine, this.limits), waiting: 1, abandoned: false };
        this.runs.set(profile, run);
        void run.process.gone.then(() => this.runs.get(profile) === run && this.runs.delete(profile));
        return run;
      }
      if (current.commandLine === commandLine && !current.abandoned) {
        current.waiting += 1;
        return current;
      }
      // Another command (the file changed) or a helper being ended: it goes first, then this one starts.
      await current.process.gone;
    }
  }

  private giveUp(profile: string, run: Run): void {
    run.waiting -= 1;
    if (run.waiting === 0 && !run.abandoned) {
      run.abandoned = true;
      void run.process.kill().finally(() => this.runs.get(profile) === run && this.runs.delete(profile));
    }
  }

  /** The credentials in the helper's output, as the AWS CLI and SDKs define it (Version 1). */
  private parsed(program: string, stdout: string, accountId: string | undefined): AwsCredentialIdentity {
    const fail = (reason: Extract<CredentialProcessFailure, { reason: 'not-json' | 'not-version-1' | 'no-keys' | 'expired' }>['reason']) =>
      new CredentialProcessError({ reason, program });
    let data: unknown;
    try {
      data = JSON.parse(stdout.trim());
    } catch {
      throw fail('not-json');
    }
    if (typeof data !== 'object' || data === null) {
      throw fail('not-json');
    }
    const output = data as Record<string, unknown>;
    if (output.Version !== 1) {
      throw fail('not-version-1');
    }
    const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
    const accessKeyId = text(output.AccessKeyId);
    const secretAccessKey = text(output.SecretAccessKey);
    if (!accessKeyId || !secretAccessKey) {
      throw fail('no-keys');
    }
    this.redactor.remember(secretAccessKey, text(output.SessionToken));
    const expiration = text(output.Expiration) ? new Date(output.Expiration as string) : undefined;
    if (expiration && !(expiration.getTime() > Date.now())) {
      throw fail('expired');
    }
    const account = text(output.AccountId) ?? accountId;
    return {
      accessKeyId,
      secretAccessKey,
      ...(text(output.SessionToken) ? { sessionToken: output.SessionToken as string } : {}),
      ...(expiration ? { expiration } : {}),
      ...(text(output.CredentialScope) ? { credentialScope: output.CredentialScope as string } : {}),
      ...(account ? { accountId: account } : {}),
    };
  }
}

/** The helper's outcome, or the caller's giving up (which lets go of the helper) as a rejection. */
function whileWaiting(run: Run, signal: AbortSignal, letGo: () => void): Promise<CappedProcessResult> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const onAbort = () => {
      if (settled) return;
      settled = true;
      letGo();
      reject(signal.reason);
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    run.process.result.then(
      (outcome) => {
        signal.removeEventListener('abort', onAbort);
        if (settled) return;
        settled = true;
        run.waiting -= 1;
        resolve(outcome);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        if (!settled) {
          settled = true;
          reject(error);
        }
      },
    );
  });
}
