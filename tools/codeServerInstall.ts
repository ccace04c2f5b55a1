import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureNode } from './nodeInstall';
import { testCacheDir } from './paths';
import { checkCodeServerInstallPrerequisites, findOnPath } from './prerequisites';
import { spawnGroup, stopGroup } from './processes';
import { describeBuild, selectedVsCode, type VsCodeBuild } from './vscodeVersions';

/** An installed code-server and the Node.js that runs it (and so the extension host). */
export interface CodeServerInstall {
  build: VsCodeBuild;
  /** code-server's `out/node/entry.js`. */
  entry: string;
  /** The `node` binary to run it with. */
  node: string;
}

/**
 * Packages of VS Code's own dependency tree (lib/vscode, installed by code-server's postinstall)
 * whose install scripts build native modules. They are allowed by name, as npm 11's allowScripts asks.
 */
const vscodeNativeModules = [
  '@parcel/watcher',
  '@vscode/deviceid',
  '@vscode/fs-copyfile',
  '@vscode/native-watchdog',
  '@vscode/ripgrep',
  '@vscode/spdlog',
  '@vscode/sqlite3',
  '@vscode/windows-ca-certs',
  '@vscode/windows-process-tree',
  '@vscode/windows-registry',
  'kerberos',
  'native-watchdog',
  'node-pty',
];

const stepTimeoutMs = 10 * 60_000;

/** Where one code-server version is installed, and its log. */
function installPaths(build: VsCodeBuild): { installDir: string; installLog: string; installedMarker: string } {
  const installDir = path.join(testCacheDir, `code-server-${build.codeServer}`);
  return { installDir, installLog: `${installDir}-install.log`, installedMarker: path.join(installDir, '.installed') };
}

function entryIn(dir: string): string {
  return path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/**
 * The code-server of `build` (the VS Code the run selected by default) and its Node.js, both installed into
 * `.vscode-test/` on first use and reused afterwards.
 */
export async function ensureCodeServer(build: VsCodeBuild = selectedVsCode()): Promise<CodeServerInstall> {
  const { node, home: nodeHome } = ensureNode(build.node);
  const { installDir, installLog, installedMarker } = installPaths(build);
  const install = { build, entry: entryIn(installDir), node };
  if (fs.existsSync(installedMarker)) return install;
  checkCodeServerInstallPrerequisites(build);
  fs.mkdirSync(testCacheDir, { recursive: true });
  removeAbandonedStagingFolders(installDir);
  console.log(`Installing ${describeBuild(build)} into ${path.relative(process.cwd(), installDir) || installDir}; first run only, about 2 to 4 minutes...`);
  const attempts = 2;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const started = Date.now();
    try {
      await installOnce(build, nodeHome);
      console.log(`code-server ${build.codeServer} installed in ${Math.round((Date.now() - started) / 1000)} s.`);
      return install;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.error(`code-server install attempt ${attempt} of ${attempts} failed: ${reason}`);
      if (attempt === attempts) {
        throw new Error(
          [
            `Could not install code-server ${build.codeServer} into ${installDir}.`,
            `Last lines of ${installLog}:`,
            tail(installLog, 40),
            `It needs the npm registry, python3, make, g++, libkrb5-dev${build.ripgrep ? ' and ripgrep' : ''}.`,
          ].join('\n'),
          { cause: error },
        );
      }
    }
  }
  throw new Error('unreachable');
}

async function installOnce(build: VsCodeBuild, nodeHome: string): Promise<void> {
  const { installDir, installLog, installedMarker } = installPaths(build);
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
        dependencies: { 'code-server': build.codeServer },
        allowScripts: { 'code-server': true, argon2: true },
      },
      null,
      2,
    ),
  );
  if (build.ripgrep) seedRipgrepDownloadCache(tmp, build.ripgrep);
  const env = installEnvironment(tmp, nodeHome);

  // 1. Fetch the packages without running any install script.
  await runLogged('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], staging, env, installLog);
  // 2. Allow the native modules of VS Code's tree, then run code-server's postinstall
  //    (which runs `npm install` in lib/vscode) and argon2's.
  const vscodeDir = path.join(staging, 'node_modules', 'code-server', 'lib', 'vscode');
  fs.writeFileSync(path.join(vscodeDir, '.npmrc'), `allow-scripts=${vscodeNativeModules.join(',')}\n`);
  await runLogged('npm', ['rebuild', '--foreground-scripts'], staging, env, installLog);

  verifyInstall(staging, build, path.join(nodeHome, 'bin', 'node'));
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
function removeAbandonedStagingFolders(installDir: string): void {
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
function seedRipgrepDownloadCache(tmp: string, ripgrep: NonNullable<VsCodeBuild['ripgrep']>): void {
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

/**
 * npm runs under the Node.js that will run code-server (first on PATH), so code-server's postinstall sees the major
 * version it requires and the native modules are built for that Node, against the headers its npm package ships
 * (node-gyp would download them otherwise).
 */
function installEnvironment(tmp: string, nodeHome: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!npmLifecycleVariable.test(name) && !/^npm_config_nodedir$/i.test(name)) env[name] = value;
  }
  return {
    ...env,
    PATH: [path.join(nodeHome, 'bin'), env.PATH ?? ''].join(path.delimiter),
    npm_config_nodedir: nodeHome,
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

async function runLogged(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, installLog: string): Promise<void> {
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

function verifyInstall(dir: string, build: VsCodeBuild, node: string): void {
  const vscodeModules = path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
  const expected = [
    entryIn(dir),
    path.join(vscodeModules, '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
    path.join(vscodeModules, 'kerberos', 'build', 'Release', 'kerberos.node'),
    build.ripgrep ? path.join(vscodeModules, '@vscode', 'ripgrep', 'bin', 'rg') : path.join(vscodeModules, '@vscode', 'ripgrep-universal', 'bin', `linux-${process.arch}`, 'rg'),
  ];
  const missing = expected.filter((file) => !fs.existsSync(file));
  if (missing.length > 0) {
    throw new Error(`the install finished but these files are missing (an install script did not run?):\n  ${missing.join('\n  ')}`);
  }
  // A throwaway HOME: code-server writes a default config file there on every start.
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'code-server-version-'));
  try {
    const printed = execFileSync(node, [entryIn(dir), '--version'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_DATA_HOME: path.join(home, '.local', 'share') },
    });
    if (!printed.split('\n').some((line) => line.startsWith(`${build.codeServer} `))) {
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
