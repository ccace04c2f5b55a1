import * as assert from 'node:assert/strict';
import { execFileSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sampleSeed from '../../src/emulator/seeds/sample.json';
import { launchChromium } from '../../tools/chromium';
import { repoRoot, testCacheDir } from '../../tools/paths';
import { spawnGroup, stopGroup } from '../../tools/processes';
import { selectedVsCode } from '../../tools/vscodeVersions';
import { openWorkbench } from '../../tools/workbench';
import { e2eResultsDir, step, stepRecorder } from './support/steps';
import { StopWaiting, waitUntil } from '../../tools/waitUntil';
import { WorkbenchUi } from '../../tools/workbenchUi';

/**
 * `npm start` as a newcomer runs it (scripts/start.ts with --web, so code-server even where desktop `code`
 * is installed; on the newest VS Code by default, and with --oldest in the run on the oldest): its own process, apart from the e2e session, on a free port. The printed URL opens VS Code
 * with the sample data; Ctrl+C (SIGINT to its process group, as a terminal sends it) stops it and everything
 * it started. Its files are in .vscode-test/start/, the e2e session's in a temporary folder: they share nothing
 * but the code-server install and dist/ (which its build writes again, the same).
 */
describe('npm start', () => {
  const startDir = path.join(testCacheDir, 'start');
  const vscode = selectedVsCode();
  const artifactsDir = path.join(e2eResultsDir, 'npm-start');
  /** The first profile of the sample seed and the products its user launched in its account and region. */
  const profile = sampleSeed.credentials[0];
  const profileProducts = sampleSeed.provisionedProducts
    .filter((product) => product.accountId === profile.accountId && product.region === profile.region && product.userArn === profile.userArn)
    .map((product) => product.name);

  let child: ChildProcess | undefined;
  let output = ''; // stdout and stderr as they came
  let stdout = '';
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let spawnError: Error | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  const workbenchLog: string[] = [];
  let failed = false;

  before(function () {
    fs.rmSync(artifactsDir, { recursive: true, force: true }); // a previous failure's
    assert.ok(profileProducts.length > 0, `the sample seed has products of ${profile.profileName}`);
    // A second npm start would take over the first one's .vscode-test/start/ (the AWS files its window reads, code-server's
    // user data) and leave it pointing at an emulator that is gone: while a developer's npm start runs, this test waits its turn.
    const running = ps(['-eo', 'pid=,args=']).filter((line) => line.includes(path.join(startDir, 'code-server')));
    if (running.length > 0) {
      // On CI nothing else runs npm start: a process found there is a leftover of this suite, and a failure to report.
      assert.ok(!process.env.CI, `npm start is already running on CI: ${running.join('; ')}`);
      console.warn(`    skipped: npm start is running here (${running.map((line) => line.trim().split(/\s+/)[0]).join(', ')}); stop it to run this test`);
      this.skip();
    }
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    failed = true;
    fs.mkdirSync(artifactsDir, { recursive: true });
    fs.writeFileSync(path.join(artifactsDir, 'output.log'), output);
    fs.writeFileSync(path.join(artifactsDir, 'workbench.log'), workbenchLog.join('\n'));
    const codeServerLog = path.join(startDir, 'code-server.log');
    if (fs.existsSync(codeServerLog)) fs.copyFileSync(codeServerLog, path.join(artifactsDir, 'code-server.log'));
    // Evidence for a failure already reported: a window that cannot be photographed must not add a second one.
    if (page) await page.screenshot({ path: path.join(artifactsDir, 'window.png'), timeout: 10_000 }).catch(() => undefined);
    console.error(`    npm start's output, logs and window: ${path.relative(process.cwd(), artifactsDir)}`);
  });

  after(async function () {
    this.timeout(60_000);
    if (child?.pid !== undefined) {
      const started = descendantsOf(child.pid);
      await stopGroup(child, 20_000); // SIGTERM: start.ts stops what it started; SIGKILL if it has not exited by then
      for (const leftover of living(started)) signal(leftover.pid, 'SIGKILL');
    }
    if (failed) fs.writeFileSync(path.join(artifactsDir, 'output.log'), output); // with what it said while stopping
    await browser?.close();
  });

  it('opens VS Code with the sample data at the URL it prints, and Ctrl+C stops everything it started', async function () {
    this.timeout(8 * 60_000); // it builds the extension and starts code-server; each wait below is bounded on its own

    const port = await freeLoopbackPort();
    const args = ['--web', '--port', String(port), ...(vscode.name === 'oldest' ? ['--oldest'] : [])];
    child = spawnGroup(process.execPath, ['--import', 'tsx', 'scripts/start.ts', ...args], {
      cwd: repoRoot,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      output += chunk.toString();
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signalName) => (exit = { code, signal: signalName }));
    child.once('error', (error) => (spawnError = error));
    const started = child;

    const printed = await waitUntil(
      () => `npm start to print the workbench URL. Its output so far:\n${tail(output)}`,
      () => {
        if (spawnError) throw new StopWaiting(`npm start could not be started: ${spawnError.message}`);
        const url = /Open this URL in a browser:\s+(http:\/\/127\.0\.0\.1:(\d+)\/\S*)/.exec(stdout);
        if (url) return { url: url[1], port: Number(url[2]) };
        if (exit) throw new StopWaiting(`npm start exited (${exit.signal ?? `code ${exit.code}`}) before printing the URL. Its output:\n${tail(output)}`);
        return undefined;
      },
      3 * 60_000,
      250,
    );
    assert.equal(printed.port, port, 'code-server listens on the --port given');
    assert.ok(stdout.includes(`VS Code ${vscode.vscode} (code-server ${vscode.codeServer}, Node ${vscode.node}) is running`), `it opens the ${vscode.name} VS Code:\n${tail(output)}`);
    const emulator = /Service Catalog emulator \(sample data\): http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
    assert.ok(emulator, `npm start prints the emulator's endpoint:\n${tail(output)}`);
    const emulatorPort = Number(emulator[1]);
    assert.equal(/^Profiles: (.*)$/m.exec(stdout)?.[1], sampleSeed.credentials.map((credential) => credential.profileName).join(', '));

    browser = await launchChromium();
    page = await openWorkbench(browser, printed.url, { onLog: (type, text) => workbenchLog.push(`[${type}] ${text}`) });
    page.on('pageerror', (error) => workbenchLog.push(`[pageerror] ${error.stack ?? error.message}`));
    stepRecorder.begin(page, this.test!.fullTitle()); // the failure's step screenshots show this window, not the e2e session's
    const ui = new WorkbenchUi(page, path.join(startDir, `code-server-${vscode.name}`, 'user-data', 'logs'));

    await step('the workbench at the printed URL', () => ui.waitUntilReady());
    await step('open the Service Catalog view', () => ui.openServiceCatalogView());
    for (const credential of sampleSeed.credentials) {
      await step(`profile ${credential.profileName}`, () => ui.treeItem(credential.profileName).first().waitFor({ state: 'visible', timeout: 60_000 }));
    }
    // The sample's IAM Identity Center session, signed in (--web gives code-server the sandbox's HOME and its token cache).
    const identityCenter = sampleSeed.identityCenter!;
    const ssoSession = identityCenter.sessions[0].name;
    const accounts = `${new Set(identityCenter.assignments.map((assignment) => assignment.accountId)).size} accounts`;
    assert.match(stdout, new RegExp(`IAM Identity Center session: ${ssoSession} \\(signed in`), `npm start says the sample session is signed in:\n${tail(output)}`);
    await step(`the signed-in session ${ssoSession}, ${accounts}`, () =>
      waitUntil(`the session ${ssoSession} to say "${accounts}"`, async () => (await ui.treeItem(ssoSession).first().innerText().catch(() => '')).includes(accounts), 60_000),
    );
    await step(`expand ${profile.profileName}`, () => ui.expandTreeItem(profile.profileName));
    for (const product of profileProducts) {
      await step(`its product ${product}`, () => ui.treeItem(product).first().waitFor({ state: 'visible', timeout: 30_000 }));
    }

    assert.ok(await acceptsConnections(port), 'code-server accepts connections while npm start runs');
    assert.ok(await acceptsConnections(emulatorPort), 'the emulator accepts connections while npm start runs');
    const processes = descendantsOf(started.pid!);
    assert.ok(processes.length > 0, 'npm start runs code-server as a child process');

    await step('Ctrl+C', async () => {
      process.kill(-started.pid!, 'SIGINT');
      await waitUntil(() => `npm start to exit after Ctrl+C. Its output:\n${tail(output)}`, () => exit, 30_000);
    });
    assert.match(output, /\nStopping\.\.\./, 'it says it is stopping');
    assert.deepEqual(exit, { code: 130, signal: null }, `it exits with 128 + SIGINT. Its output:\n${tail(output)}`);
    await waitUntil(`code-server's port ${port} to refuse connections`, async () => !(await acceptsConnections(port)), 10_000);
    await waitUntil(`the emulator's port ${emulatorPort} to refuse connections`, async () => !(await acceptsConnections(emulatorPort)), 10_000);
    let left: ProcessInfo[] = [];
    await waitUntil(() => `the processes npm start started to end; still running:\n${left.map((p) => `${p.pid} ${p.args}`).join('\n')}`, () => {
      left = living(processes);
      return left.length === 0;
    }, 10_000);
  });
});

interface ProcessInfo {
  pid: number;
  args: string;
}

/** A loopback port that nothing listens on now. */
async function freeLoopbackPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(5_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Every process below `pid` (its children, theirs, ...), from `ps`. */
function descendantsOf(pid: number): ProcessInfo[] {
  const rows = ps(['-eo', 'pid=,ppid=,args=']).map((line) => {
    const [, child, parent, args] = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line) ?? [];
    return { pid: Number(child), ppid: Number(parent), args: args ?? '' };
  });
  const found: ProcessInfo[] = [];
  const parents = [pid];
  while (parents.length > 0) {
    const parent = parents.pop()!;
    for (const row of rows.filter((candidate) => candidate.ppid === parent)) {
      found.push({ pid: row.pid, args: row.args });
      parents.push(row.pid);
    }
  }
  return found;
}

/** Those of `processes` still running (a zombie waiting to be reaped has ended). */
function living(processes: ProcessInfo[]): ProcessInfo[] {
  if (processes.length === 0) return [];
  const running = new Set(
    ps(['-o', 'pid=,stat=', '-p', processes.map((p) => p.pid).join(',')])
      .map((line) => line.trim().split(/\s+/))
      .filter(([, stat]) => stat !== undefined && !stat.startsWith('Z'))
      .map(([pid]) => Number(pid)),
  );
  return processes.filter((p) => running.has(p.pid));
}

function ps(args: string[]): string[] {
  try {
    return execFileSync('ps', args, { encoding: 'utf8' }).split('\n').filter((line) => line.trim() !== '');
  } catch {
    return []; // ps -p exits 1 when none of the processes exists
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

function tail(text: string): string {
  return text.length > 4000 ? `...${text.slice(-4000)}` : text;
}
