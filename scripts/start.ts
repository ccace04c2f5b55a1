// `npm start`: try the extension in a real VS Code against the emulator with sample data, no AWS account needed.
// Starts the emulator (sample seed, real-time clock), writes a sandbox AWS config into .vscode-test/start/,
// builds the extension, and opens it: in desktop VS Code when `code` is on PATH (and a display is there),
// otherwise in code-server (the newest VS Code the tests run on), printing the URL to open. Ctrl+C (or SIGTERM)
// stops everything it started.
//
//   npm start                  desktop VS Code if available, else code-server on 127.0.0.1:8080
//   npm start -- --port 9000   code-server on another port
//   npm start -- --web         code-server even when `code` is installed
//   npm start -- --oldest      code-server of the oldest VS Code the tests run on, instead of the newest
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { sandboxEnvironment, startAwsSandbox, type AwsSandbox } from '../tools/awsSandbox';
import { startCodeServer, type RunningCodeServer } from '../tools/codeServer';
import { ensureCodeServer } from '../tools/codeServerInstall';
import { describeBuild, vscodeBuilds } from '../tools/vscodeVersions';
import { repoRoot, seeds, testCacheDir } from '../tools/paths';
import { findOnPath, MissingPrerequisiteError } from '../tools/prerequisites';
import { onInterrupt, onParentExit, spawnGroup, stopGroup } from '../tools/processes';
import { workbenchUrl } from '../tools/workbench';

const { values: options } = parseArgs({
  options: {
    port: { type: 'string', default: '8080' },
    'emulator-port': { type: 'string', default: '0' },
    web: { type: 'boolean', default: false },
    oldest: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const startDir = path.join(testCacheDir, 'start');
const stoppers: Array<() => Promise<void>> = [];
let stopping = false;

async function stopAll(): Promise<void> {
  stopping = true;
  while (stoppers.length > 0) await stoppers.pop()!().catch((error: unknown) => console.error(error));
}

async function main(): Promise<void> {
  if (options.help) {
    console.log('Usage: npm start -- [--port 8080] [--emulator-port 0] [--web] [--oldest]');
    return;
  }
  onInterrupt(async () => {
    console.log('\nStopping...');
    await stopAll();
  });
  onParentExit(() => void stopAll().finally(() => process.exit(143)));

  console.log('Building the extension...');
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, stdio: 'inherit' });

  const code = options.web ? undefined : desktopCode();
  const sandbox = await startAwsSandbox({
    seedPath: seeds.sample,
    dir: path.join(startDir, 'sandbox'),
    port: Number(options['emulator-port']),
    clockSpeed: 1,
    logRequests: true,
    // The sessions' token cache lives in the sandbox's HOME, which only code-server is given.
    identityCenter: !code,
  });
  stoppers.push(() => sandbox.stop());
  printSandbox(sandbox);

  if (code) {
    await openInDesktop(code, sandbox);
  } else {
    await openInCodeServer(sandbox);
  }
}

/** The desktop `code` command, when it can open a window here. */
function desktopCode(): string | undefined {
  const code = findOnPath('code');
  if (!code) return undefined;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return undefined;
  return code;
}

async function openInDesktop(code: string, sandbox: AwsSandbox): Promise<void> {
  // A separate user data folder makes this a new VS Code instance, so it gets this environment
  // (an already running instance would keep its own) and its own window state.
  const userDataDir = path.join(startDir, 'desktop-user-data');
  const env = sandboxEnvironment(sandbox, { isolateHome: false, exposeEmulatorToTests: false });
  const child = spawnGroup(
    code,
    ['--new-window', '--wait', `--user-data-dir=${userDataDir}`, `--extensionDevelopmentPath=${repoRoot}`, repoRoot],
    { env, stdio: 'inherit' },
  );
  stoppers.push(async () => {
    await stopGroup(child);
    // The CLI hands the window to an Electron process outside its group; find it by our user data folder.
    for (const pid of processesWithArgument(userDataDir)) signal(pid, 'SIGTERM');
  });
  console.log('\nOpened desktop VS Code with the extension (Extension Development Host). Close the window or press Ctrl+C to stop.');
  await new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await stopAll();
}

async function openInCodeServer(sandbox: AwsSandbox): Promise<void> {
  const build = vscodeBuilds[options.oldest ? 'oldest' : 'newest'];
  const install = await ensureCodeServer(build);
  // Each VS Code keeps its own user data; the extensions folder holds only the link to this repository, made anew.
  const stateDir = path.join(startDir, `code-server-${build.name}`);
  fs.rmSync(path.join(stateDir, 'extensions'), { recursive: true, force: true });
  let server: RunningCodeServer;
  try {
    server = await startCodeServer({
      install,
      port: Number(options.port),
      host: '127.0.0.1',
      stateDir,
      env: sandboxEnvironment(sandbox, { isolateHome: true, exposeEmulatorToTests: false }),
      logFile: path.join(startDir, 'code-server.log'),
      linkedExtensions: [repoRoot],
    });
  } catch (error) {
    if (String(error).includes('EADDRINUSE')) throw new Error(`Port ${options.port} is in use: try npm start -- --port 9000`, { cause: error });
    throw error;
  }
  stoppers.push(() => server.stop());
  const url = workbenchUrl(server, repoRoot);
  console.log(`\n${describeBuild(build)} is running with the extension. Open this URL in a browser:\n\n  ${url}\n`);
  console.log(`code-server's log: ${path.relative(repoRoot, path.join(startDir, 'code-server.log'))}. Press Ctrl+C to stop.`);
  await new Promise<void>((resolve) => server.process.once('exit', () => resolve()));
  if (stopping) return;
  console.error(`code-server exited; see ${path.join(startDir, 'code-server.log')}`);
  await stopAll();
  process.exitCode = 1;
}

function printSandbox(sandbox: AwsSandbox): void {
  const relative = (file: string): string => path.relative(repoRoot, file);
  console.log(`\nService Catalog emulator (sample data): ${sandbox.endpoint}`);
  console.log(`Sandbox AWS config: ${relative(sandbox.configFile)} and ${relative(sandbox.credentialsFile)}`);
  console.log(`Profiles: ${sandbox.profiles.join(', ')}`);
  if (sandbox.ssoSessions.length > 0) {
    console.log(`IAM Identity Center session: ${sandbox.ssoSessions.join(', ')} (signed in: its token is in ${relative(sandbox.homeDir)}/.aws/sso/cache; the portal is reached through AWS_ENDPOINT_URL_SSO)`);
  } else {
    console.log('IAM Identity Center: the sample session is shown with --web only (desktop VS Code keeps your HOME, where its token cache would have to go).');
  }
  console.log('The same profiles from a shell, for example with the AWS CLI:');
  console.log(`  export AWS_CONFIG_FILE=${sandbox.configFile} AWS_SHARED_CREDENTIALS_FILE=${sandbox.credentialsFile}`);
  console.log(`  aws servicecatalog search-provisioned-products --profile ${sandbox.profiles[0]}`);
}

/** Process ids whose command line contains `argument` (ours: it is a path under .vscode-test/start/). */
function processesWithArgument(argument: string): number[] {
  try {
    return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes(argument))
      .map((line) => Number(line.trim().split(/\s+/)[0]))
      .filter((pid) => Number.isInteger(pid) && pid !== process.pid);
  } catch {
    return [];
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

fs.mkdirSync(startDir, { recursive: true });
main().catch(async (error: unknown) => {
  console.error(error instanceof MissingPrerequisiteError || error instanceof Error ? error.message : error);
  await stopAll();
  process.exit(1);
});
