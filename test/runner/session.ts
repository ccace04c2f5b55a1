import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startAwsSandbox, sandboxEnvironment, type AwsSandbox } from '../../tools/awsSandbox';
import { launchChromium } from '../../tools/chromium';
import { startCodeServer, type RunningCodeServer } from '../../tools/codeServer';
import { ensureCodeServer, type CodeServerInstall } from '../../tools/codeServerInstall';
import { extensionBundle, repoRoot, seeds } from '../../tools/paths';
import { checkBrowserPrerequisites, checkBuilt } from '../../tools/prerequisites';
import { buildTestHostExtension, startTestHostReceiver } from '../../tools/testHost';
import { describeBuild } from '../../tools/vscodeVersions';
import { openWorkbench, workbenchUrl } from '../../tools/workbench';

export interface WorkbenchSessionOptions {
  /** Names the temporary folder and the artefacts: 'integration', 'e2e', ... */
  name: string;
  seedPath?: string;
  clockSpeed?: number;
  /** When set, the test host extension runs this module's `run()` in the extension host and reports the result. */
  extensionTestsPath?: string;
  extraEnv?: Record<string, string>;
  /** Each line the workbench and the extension host log, besides the log file. */
  onLog?: (type: string, text: string) => void;
  /**
   * VS Code's display language, e.g. 'ja': code-server's `--locale` and the browser's language, so
   * `vscode.env.language`, the extensions' `package.nls.<locale>.json` and l10n bundles follow it.
   */
  locale?: string;
  /**
   * The extension under development (the repository by default), linked into the extensions folder; `null` links
   * none, for a window that runs only installed extensions (the packaged VSIX in `extensionsDir`).
   */
  extensionDevelopmentPath?: string | null;
  /** code-server's extensions folder (a fresh one in the run's temporary folder by default). */
  extensionsDir?: string;
  /**
   * Leaves VS Code's workspace trust on: the window asks whether to trust the folder's authors and runs in
   * Restricted Mode until it is trusted. Off by default (`--disable-workspace-trust`): every folder is trusted.
   */
  workspaceTrust?: boolean;
}

/** One real VS Code: the emulator, code-server pointed at it, and the workbench open in Chromium. */
export interface WorkbenchSession {
  /** The VS Code of the run (SERVICE_CATALOG_VSCODE) and the Node.js that runs it. */
  install: CodeServerInstall;
  sandbox: AwsSandbox;
  server: RunningCodeServer;
  browser: Browser;
  page: Page;
  /** The workbench URL; `page.goto(url)` opens a fresh window. */
  url: string;
  /** Settles with the result of extensionTestsPath's `run()` (0 when it resolved); never without extensionTestsPath. */
  testsExit: Promise<number>;
  workspaceDir: string;
  /** Copies the logs of the server, the extension hosts and the workbench into `destination`. */
  saveLogs(destination: string): void;
  close(): Promise<void>;
}

export async function startWorkbenchSession(options: WorkbenchSessionOptions): Promise<WorkbenchSession> {
  const extensionDevelopmentPath = options.extensionDevelopmentPath === undefined ? repoRoot : options.extensionDevelopmentPath;
  if (extensionDevelopmentPath === repoRoot) checkBuilt([{ file: extensionBundle, buildCommand: 'npm run build' }]);
  checkBrowserPrerequisites();
  const install = await ensureCodeServer();
  console.log(`${options.name}: ${describeBuild(install.build)}`);

  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), `sca-${options.name}-`));
  const workspaceDir = path.join(runDir, 'workspace');
  fs.mkdirSync(workspaceDir);
  const automationLogFile = path.join(runDir, 'workbench.log');
  const closers: Array<() => Promise<void>> = [async () => fs.rmSync(runDir, { recursive: true, force: true })];
  const close = async (): Promise<void> => {
    while (closers.length > 0) {
      await closers.pop()!().catch((error: unknown) => console.error('cleanup:', error));
    }
  };

  try {
    const sandbox = await startAwsSandbox({
      seedPath: options.seedPath ?? seeds.test,
      dir: path.join(runDir, 'sandbox'),
      ...(options.clockSpeed === undefined ? {} : { clockSpeed: options.clockSpeed }),
    });
    closers.push(() => sandbox.stop());

    const log = (type: string, text: string): void => {
      fs.appendFileSync(automationLogFile, `[${type}] ${text}\n`);
      options.onLog?.(type, text);
    };
    const testHost = options.extensionTestsPath ? await startTestHostReceiver(options.extensionTestsPath, runDir, log) : undefined;
    if (testHost) closers.push(() => testHost.close());

    const env = sandboxEnvironment(sandbox, {
      isolateHome: true,
      exposeEmulatorToTests: true,
      extra: { ...options.extraEnv, ...testHost?.env },
    });
    const server = await startCodeServer({
      install,
      port: 0,
      stateDir: path.join(runDir, 'code-server'),
      env,
      logFile: path.join(runDir, 'code-server.log'),
      ...(options.locale ? { locale: options.locale } : {}),
      ...(options.extensionsDir ? { extensionsDir: options.extensionsDir } : {}),
      ...(options.workspaceTrust ? { workspaceTrust: true } : {}),
      linkedExtensions: [...(extensionDevelopmentPath ? [extensionDevelopmentPath] : []), ...(testHost ? [await buildTestHostExtension(runDir)] : [])],
    });
    closers.push(() => server.stop());

    const browser = await launchChromium();
    closers.push(() => browser.close());

    const url = workbenchUrl(server, workspaceDir);
    const page = await openWorkbench(browser, url, {
      onLog: (type, text) => log(`workbench ${type}`, text),
      ...(options.locale ? { locale: options.locale } : {}),
    });
    page.on('pageerror', (error) => log('pageerror', error.stack ?? error.message));

    return {
      install,
      sandbox,
      server,
      browser,
      page,
      url,
      testsExit: testHost?.exit ?? new Promise<number>(() => {}),
      workspaceDir,
      saveLogs(destination) {
        fs.mkdirSync(destination, { recursive: true });
        copyIfExists(server.logsDir, path.join(destination, 'vscode-logs'));
        copyIfExists(path.join(runDir, 'code-server.log'), path.join(destination, 'code-server.log'));
        copyIfExists(automationLogFile, path.join(destination, 'workbench.log'));
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

function copyIfExists(source: string, destination: string): void {
  if (fs.existsSync(source)) fs.cpSync(source, destination, { recursive: true });
}
