import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
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

/**
 * Listens on a loopback port for what the test host extension reports while it runs `entry`'s `run()` in the
 * extension host: each console line (to `onLog`), then the result. The URL carries a random token: nothing else
 * on the machine can report a result.
 */
export async function startTestHostReceiver(entry: string, onLog: (type: string, text: string) => void): Promise<TestHostReceiver> {
  const token = randomBytes(16).toString('hex');
  let reportExit: (code: number) => void = () => {};
  const exit = new Promise<number>((resolve) => (reportExit = resolve));
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const match = new RegExp(`^/${token}/(log|exit)$`).exec(request.url ?? '');
      if (request.method !== 'POST' || !match) {
        response.writeHead(404).end();
        return;
      }
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type?: string; text?: string; code?: number };
        if (match[1] === 'log') onLog(String(body.type), String(body.text));
        else reportExit(body.code === 0 ? 0 : 1);
        response.writeHead(204).end();
      } catch {
        response.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as { port: number };
  return {
    env: {
      SERVICE_CATALOG_TEST_HOST_ENTRY: entry,
      SERVICE_CATALOG_TEST_HOST_URL: `http://127.0.0.1:${port}/${token}/`,
    },
    exit,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
