import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import type { Seed } from '../../src/emulator';
import { WorkbenchUi } from '../../tools/workbenchUi';
import { sandboxEnvironment, startAwsSandbox, type AwsSandbox } from '../../tools/awsSandbox';
import { launchChromium } from '../../tools/chromium';
import { startCodeServer, type RunningCodeServer } from '../../tools/codeServer';
import { ensureCodeServer } from '../../tools/codeServerInstall';
import { repoRoot } from '../../tools/paths';
import { checkBrowserPrerequisites } from '../../tools/prerequisites';
import { onInterrupt } from '../../tools/processes';
import { buildTestHostExtension, startTestHostReceiver } from '../../tools/testHost';
import { openWorkbench, workbenchUrl } from '../../tools/workbench';
import { agentLogPrefix, agentTokenVariable, type AgentOperations } from '../host/protocol';

export interface BenchSessionOptions {
  name: string;
  seed: Seed;
  /** The extension under measurement (the staged production build), linked into code-server's extensions folder. */
  extensionPath: string;
  /** Extension folders installed beside it (copied into code-server's extensions folder), e.g. a baseline extension. */
  installedExtensions?: string[];
  /** Load the measurement agent (bench/host/agent.ts) into the extension host. */
  agent: boolean;
  clockSpeed?: number;
  /** User settings besides the runner's quiet ones. */
  settings?: Record<string, unknown>;
}

export type AgentClient = { [K in keyof AgentOperations]: AgentOperations[K] };

/** One real VS Code (code-server in headless Chromium) against the emulator, as the test runners start it. */
export interface BenchSession {
  sandbox: AwsSandbox;
  server: RunningCodeServer;
  browser: Browser;
  page: Page;
  ui: WorkbenchUi;
  /** The agent of the current extension host (after a reload, the new host's). */
  agent(): Promise<AgentClient>;
  /** Opens the window afresh (a new extension host) and waits until the workbench shows our view's entry. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

export async function startBenchSession(options: BenchSessionOptions): Promise<BenchSession> {
  checkBrowserPrerequisites();
  const install = await ensureCodeServer();
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), `sca-bench-${options.name}-`));
  // BENCH_KEEP=1 keeps the run's folder (code-server's and VS Code's logs) for a look afterwards.
  const keep = process.env.BENCH_KEEP === '1';
  const closers: Array<() => Promise<void>> = [async () => (keep ? console.log(`kept ${runDir}`) : fs.rmSync(runDir, { recursive: true, force: true }))];
  const close = async (): Promise<void> => {
    while (closers.length > 0) await closers.pop()!().catch((error: unknown) => console.error('cleanup:', error));
  };
  const removeInterruptHandler = onInterrupt(close);
  closers.push(async () => removeInterruptHandler());

  try {
    const seedPath = path.join(runDir, 'seed.json');
    fs.writeFileSync(seedPath, JSON.stringify(options.seed));
    const sandbox = await startAwsSandbox({ seedPath, dir: path.join(runDir, 'sandbox'), ...(options.clockSpeed === undefined ? {} : { clockSpeed: options.clockSpeed }) });
    closers.push(() => sandbox.stop());

    let agentLines: Array<{ port: number; pid: number }> = [];
    let agentWaiters: Array<() => void> = [];
    const onLog = (_type: string, text: string) => {
      const at = text.indexOf(agentLogPrefix);
      if (at >= 0) {
        agentLines.push(JSON.parse(text.slice(at + agentLogPrefix.length)) as { port: number; pid: number });
        agentWaiters.forEach((wake) => wake());
        agentWaiters = [];
      }
    };
    const agentHost = options.agent ? await startTestHostReceiver(await buildAgent(runDir), runDir, onLog) : undefined;
    if (agentHost) closers.push(() => agentHost.close());

    const token = randomBytes(16).toString('hex');
    const env = sandboxEnvironment(sandbox, { isolateHome: true, exposeEmulatorToTests: false, extra: { [agentTokenVariable]: token, ...agentHost?.env } });
    const stateDir = path.join(runDir, 'code-server');
    for (const folder of options.installedExtensions ?? []) {
      const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
      fs.cpSync(folder, path.join(stateDir, 'extensions', `${manifest.publisher}.${manifest.name}-${manifest.version}`), { recursive: true });
    }
    const server = await startCodeServer({
      install,
      port: 0,
      stateDir,
      env,
      logFile: path.join(runDir, 'code-server.log'),
      linkedExtensions: [options.extensionPath, ...(agentHost ? [await buildTestHostExtension(runDir)] : [])],
    });
    closers.push(() => server.stop());
    if (options.settings) {
      const settingsFile = path.join(stateDir, 'user-data', 'User', 'settings.json');
      const current = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
      fs.writeFileSync(settingsFile, JSON.stringify({ ...current, ...options.settings }, null, 2));
    }

    const browser = await launchChromium();
    closers.push(() => browser.close());

    const url = workbenchUrl(server, path.join(runDir, 'workspace'));
    fs.mkdirSync(path.join(runDir, 'workspace'));
    const page = await openWorkbench(browser, url, { onLog: () => {} });
    const ui = () => new WorkbenchUi(page, server.logsDir);
    await ui().waitUntilReady();

    const session: BenchSession = {
      sandbox,
      server,
      browser,
      get page() {
        return page;
      },
      get ui() {
        return ui();
      },
      async agent() {
        if (!options.agent) throw new Error('This session runs without the agent.');
        const deadline = Date.now() + 60_000;
        while (agentLines.length === 0) {
          if (Date.now() > deadline) throw new Error('The bench agent did not start in the extension host within 60 s.');
          await new Promise<void>((resolve) => {
            agentWaiters.push(resolve);
            setTimeout(resolve, 1000);
          });
        }
        return agentClient(agentLines[agentLines.length - 1].port, token);
      },
      async reload() {
        // A reload unloads the window properly, so VS Code ends the old extension host instead of keeping it for a reconnection.
        agentLines = [];
        await page.reload({ timeout: 60_000 });
        await ui().waitUntilReady();
      },
      close,
    };
    return session;
  } catch (error) {
    await close();
    throw error;
  }
}

async function buildAgent(runDir: string): Promise<string> {
  const outfile = path.join(runDir, 'agent', 'agent.js');
  await esbuild.build({
    entryPoints: [path.join(repoRoot, 'bench', 'host', 'agent.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return outfile;
}

function agentClient(port: number, token: string): AgentClient {
  const call = async (op: string, args: unknown): Promise<unknown> => {
    const response = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-bench-token': token },
      body: JSON.stringify({ op, args }),
    });
    const body = (await response.json()) as { result?: unknown; error?: string };
    if (!response.ok) throw new Error(`agent ${op}: ${body.error ?? response.status}`);
    return body.result;
  };
  // Not thenable: `then` stays undefined so the client can be returned from an async function.
  return new Proxy({} as AgentClient, { get: (_target, op) => (typeof op === 'string' && op !== 'then' ? (args?: unknown) => call(op, args ?? {}) : undefined) });
}
