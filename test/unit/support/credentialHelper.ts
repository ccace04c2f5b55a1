import * as path from 'node:path';

/** The fixture that plays a `credential_process` helper (test/fixtures/credentialHelper.cjs). */
export const credentialHelper = path.join(__dirname, '..', '..', 'fixtures', 'credentialHelper.cjs');

/** The helper's command line for `mode`, with a secret-looking argument that no message may show. */
export function helperCommandLine(mode: string, options: { pidsDir?: string; args?: string[] } = {}): string {
  return [
    JSON.stringify(process.execPath),
    JSON.stringify(credentialHelper),
    mode,
    ...(options.args ?? []),
    ...(options.pidsDir ? ['--pids', JSON.stringify(options.pidsDir)] : []),
    '--password',
    'hunter2-cmdline-secret',
  ].join(' ');
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
