import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

/**
 * Builds the test host extension (tools/testHost/) into `<dir>/test-host/` and returns that folder, to be linked into
 * the extensions folder of a run that has tests to run in the extension host.
 */
export async function buildTestHostExtension(dir: string): Promise<string> {
  const source = path.join(__dirname, 'testHost');
  const out = path.join(dir, 'test-host');
  fs.mkdirSync(out, { recursive: true });
  fs.copyFileSync(path.join(source, 'package.json'), path.join(out, 'package.json'));
  await esbuild.build({
    entryPoints: [path.join(source, 'extension.ts')],
    outfile: path.join(out, 'extension.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    logLevel: 'warning',
  });
  return out;
}

export interface TestHostReceiver {
  /** For code-server's environment (and so the extension host's): which module to run and where to report. */
  env: Record<string, string>;
  /** Settles with the first result the host reports: 0 when the module's `run()` resolved, 1 when it rejected. */
  exit: Promise<number>;
  close(): Promise<void>;
}

/** One report of the test host: a line the module logged, or its result. */
export type TestHostReport = { kind: 'log'; text: string } | { kind: 'exit'; code: number };

/**
 * Follows what the test host extension reports while it runs `entry`'s `run()` in the extension host: it appends
 * one JSON report a line to `<dir>/test-host-report.jsonl` (a file, not a socket: nothing in the extension host's
 * networking stands between the suites and the runner). Each logged line goes to `onLog`, then the result settles `exit`.
 */
export async function startTestHostReceiver(entry: string, dir: string, onLog: (type: string, text: string) => void): Promise<TestHostReceiver> {
  const reportFile = path.join(dir, 'test-host-report.jsonl');
  fs.writeFileSync(reportFile, '');
  let reportExit: (code: number) => void = () => {};
  const exit = new Promise<number>((resolve) => (reportExit = resolve));
  let offset = 0;
  let partial = '';
  const readNew = (): void => {
    const size = fs.statSync(reportFile).size;
    if (size <= offset) return;
    const buffer = Buffer.alloc(size - offset);
    const fd = fs.openSync(reportFile, 'r');
    try {
      fs.readSync(fd, buffer, 0, buffer.length, offset);
    } finally {
      fs.closeSync(fd);
    }
    offset = size;
    const lines = (partial + buffer.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines.filter(Boolean)) {
      const report = JSON.parse(line) as TestHostReport;
      if (report.kind === 'log') onLog('host', report.text);
      else reportExit(report.code === 0 ? 0 : 1);
    }
  };
  const timer = setInterval(readNew, 200);
  return {
    env: { SERVICE_CATALOG_TEST_HOST_ENTRY: entry, SERVICE_CATALOG_TEST_HOST_REPORT: reportFile },
    exit: exit.finally(() => readNew()),
    close: async () => {
      clearInterval(timer);
      readNew();
    },
  };
}
