import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { testCacheDir } from './paths';
import { checkCodeServerInstallPrerequisites, findOnPath } from './prerequisites';
import { spawnGroup, stopGroup } from './processes';

/** code-server 4.100.3 is VS Code 1.100.3, the last line that runs on Node 20. */
export const codeServerVersion = '4.100.3';

/** The @vscode/ripgrep that code-server 4.100.3's VS Code locks, and the ripgrep release it downloads. */
const ripgrep = { packageVersion: '1.15.11', releaseTag: 'v13.0.0-10' };

/**
 * Packages of VS Code's own dependency tree (lib/vscode, installed by code-server's postinstall)
 * whose install scripts build native modules. They are allowed by name, as npm 11's allowScripts asks.
 */
const vscodeNativeModules = [
  '@parcel/watcher',
  '@vscode/deviceid',
  '@vscode/ripgrep',
  '@vscode/spdlog',
  '@vscode/windows-ca-certs',
  '@vscode/windows-process-tree',
  '@vscode/windows-registry',
  'kerberos',
  'native-watchdog',
  'node-pty',
];

const installDir = path.join(testCacheDir, `code-server-${codeServerVersion}`);
const installLog = path.join(testCacheDir, `code-server-${codeServerVersion}-install.log`);
const installedMarker = path.join(installDir, '.installed');
const stepTimeoutMs = 10 * 60_000;

function entryIn(dir: string): string {
  return path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** Path of code-server's entry module, installing it into `.vscode-test/` on first use. */
export async function ensureCodeServer(): Promise<string> {
  if (fs.existsSync(installedMarker)) return entryIn(installDir);
  checkCodeServerInstallPrerequisites();
  fs.mkdirSync(testCacheDir, { recursive: true });
  removeAbandonedStagingFolders();
  console.log(`Installing code-server ${codeServerVersion} (VS Code 1.100.3) into ${path.relative(process.cwd(), installDir) || installDir}; first run only, about 1 to 3 minutes...`);
  const attempts = 2;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const started = Date.now();
    try {
      await installOnce();
      console.log(`code-server installed in ${Math.round((Date.now() - started) / 1000)} s.`);
      return entryIn(installDir);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.error(`code-server install attempt ${attempt} of ${attempts} failed: ${reason}`);
      if (attempt === attempts) {
        throw new Error(
          [
            `Could not install code-server ${codeServerVersion} into ${installDir}.`,
            `Last lines of ${installLog}:`,
            tail(installLog, 40),
            'It needs the npm registry, Node.js 20, python3, make, g++, libkrb5-dev and ripgrep.',
          ].join('\n'),
          { cause: error },
        );
      }
    }
  }
  throw new Error('unreachable');
}

async function installOnce(): Promise<void> {
  // Install beside the final folder and rename at the end, so a half-done install is never used.
  const staging = `${installDir}.staging-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  const tmp = path.join(staging, 'tmp');
  fs.mkdirSync(tmp);
  fs.writeFileSync(
    path.join(staging, 'package.json'),
    JSON.stringify(
      {
        name: 'vscode-test-code-server',
        private: true,
        description: 'code-server used by the integration and e2e tests; installed by tools/codeServerInstall.ts',
        dependencies: { 'code-server': codeServerVersion },
        allowScripts: { 'code-server': true, argon2: true },
      },
      null,
      2,
    ),
  );
  seedRipgrepDownloadCache(tmp);
  const env = installEnvironment(tmp);

  // 1. Fetch the packages without running any install script.
  await runLogged('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], staging, env);
  // 2. Allow the native modules of VS Code's tree, then run code-server's postinstall
  //    (which runs `npm install` in lib/vscode) and argon2's.
  const vscodeDir = path.join(staging, 'node_modules', 'code-server', 'lib', 'vscode');
  fs.writeFileSync(path.join(vscodeDir, '.npmrc'), `allow-scripts=${vscodeNativeModules.join(',')}\n`);
  await runLogged('npm', ['rebuild', '--foreground-scripts'], staging, env);

  verifyInstall(staging);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.writeFileSync(path.join(staging, '.installed'), `${new Date().toISOString()}\n`);
  try {
    fs.renameSync(staging, installDir);
  } catch (error) {
    if (!fs.existsSync(installedMarker)) throw error;
    fs.rmSync(staging, { recursive: true, force: true }); // another run finished first
  }
}

/** Staging folders of installs whose process is gone (killed mid-install). */
function removeAbandonedStagingFolders(): void {
  const prefix = `${path.basename(installDir)}.staging-`;
  for (const name of fs.readdirSync(testCacheDir)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (pid !== process.pid && !isAlive(pid)) fs.rmSync(path.join(testCacheDir, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * @vscode/ripgrep's postinstall downloads ripgrep from GitHub unless it finds the release tarball in
 * `<os.tmpdir()>/vscode-ripgrep-cache-<version>/`. Put Debian's rg there (TMPDIR points into the staging folder).
 */
function seedRipgrepDownloadCache(tmp: string): void {
  const rg = findOnPath('rg');
  if (!rg) throw new Error('ripgrep (rg) is not on PATH: apt-get install -y ripgrep');
  const target = process.arch === 'arm64' ? 'aarch64-unknown-linux-musl' : 'x86_64-unknown-linux-musl';
  const cacheDir = path.join(tmp, `vscode-ripgrep-cache-${ripgrep.packageVersion}`);
  const stage = path.join(tmp, 'rg-stage');
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.mkdirSync(stage, { recursive: true });
  fs.copyFileSync(fs.realpathSync(rg), path.join(stage, 'rg'));
  fs.chmodSync(path.join(stage, 'rg'), 0o755);
  const tarball = path.join(cacheDir, `ripgrep-${ripgrep.releaseTag}-${target}.tar.gz`);
  execFileSync('tar', ['-czf', tarball, '-C', stage, 'rg']);
}

/** Variables that `npm run` sets for its own script; they must not steer the nested installs. */
const npmLifecycleVariable =
  /^(INIT_CWD|npm_command|npm_package_.*|npm_lifecycle_.*|npm_config_(local_prefix|prefix|global_prefix|allow_scripts|user_agent|call|npm_version|node_gyp|init_module))$/i;

function installEnvironment(tmp: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!npmLifecycleVariable.test(name)) env[name] = value;
  }
  // node-gyp downloads Node's headers unless told where they are; Node's packages ship them beside the binary.
  const bundledHeaders = path.resolve(path.dirname(process.execPath), '..');
  if (!env.npm_config_nodedir && fs.existsSync(path.join(bundledHeaders, 'include', 'node', 'node.h'))) {
    env.npm_config_nodedir = bundledHeaders;
  }
  return {
    ...env,
    TMPDIR: tmp,
    // code-server's postinstall refuses to run as root without it.
    npm_config_unsafe_perm: 'true',
    // node-pty's build calls `npx node-gyp`, which would otherwise stop at a prompt.
    npm_config_yes: 'true',
    // Unreviewed scripts must warn, not fail, whatever the machine's npm config says.
    npm_config_strict_allow_scripts: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
  };
}

async function runLogged(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  const log = fs.openSync(installLog, 'a');
  fs.writeSync(log, `\n$ (cd ${cwd} && ${command} ${args.join(' ')})\n`);
  const child = spawnGroup(command, args, { cwd, env, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const timer = setTimeout(() => void stopGroup(child), stepTimeoutMs);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode) => resolve(exitCode));
  }).finally(() => clearTimeout(timer));
  if (code !== 0) throw new Error(`\`${command} ${args.join(' ')}\` exited with ${code ?? 'a signal (timeout?)'}`);
}

function verifyInstall(dir: string): void {
  const vscodeModules = path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
  const expected = [
    entryIn(dir),
    path.join(vscodeModules, 'node-pty', 'build', 'Release', 'pty.node'),
    path.join(vscodeModules, '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
    path.join(vscodeModules, 'native-watchdog', 'build', 'Release', 'watchdog.node'),
    path.join(vscodeModules, 'kerberos', 'build', 'Release', 'kerberos.node'),
    path.join(vscodeModules, '@vscode', 'ripgrep', 'bin', 'rg'),
  ];
  const missing = expected.filter((file) => !fs.existsSync(file));
  if (missing.length > 0) {
    throw new Error(`the install finished but these files are missing (an install script did not run?):\n  ${missing.join('\n  ')}`);
  }
  // A throwaway HOME: code-server writes a default config file there on every start.
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'code-server-version-'));
  try {
    const printed = execFileSync(process.execPath, [entryIn(dir), '--version'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_DATA_HOME: path.join(home, '.local', 'share') },
    });
    if (!printed.split('\n').some((line) => line.startsWith(`${codeServerVersion} `))) {
      throw new Error(`code-server --version printed: ${printed}`);
    }
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
