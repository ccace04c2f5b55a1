import { execFileSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeServerInstall } from './codeServerInstall';
import { spawnGroup, stopGroup } from './processes';

export interface CodeServerOptions {
  /** code-server and its Node.js, from ensureCodeServer(). */
  install: CodeServerInstall;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** Holds code-server's config, VS Code's user data (settings, logs/) and extensions. */
  stateDir: string;
  /** The whole environment of code-server, and so of the extension host it starts. */
  env: NodeJS.ProcessEnv;
  /** Where code-server's own stdout and stderr go. */
  logFile: string;
  startTimeoutMs?: number;
  /** VS Code's display language (`--locale`), e.g. 'ja'; the browser must ask for the same (openWorkbench's `locale`). */
  locale?: string;
  /** code-server's extensions folder; `<stateDir>/extensions` when not given. */
  extensionsDir?: string;
  /**
   * Extension folders (with their package.json) installed as links in the extensions folder before VS Code starts:
   * the extension under development, the test host. A release build ignores `extensionDevelopmentPath` and
   * `extensionTestsPath` in the workbench URL, so this is how a run loads them, on every VS Code alike.
   */
  linkedExtensions?: string[];
  /**
   * Leaves VS Code's workspace trust on (no `--disable-workspace-trust`, no `security.workspace.trust.enabled: false`),
   * so a folder opens in Restricted Mode until it is trusted. Off by default: the window trusts everything.
   */
  workspaceTrust?: boolean;
}

export interface RunningCodeServer {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  /** `127.0.0.1:PORT`, the authority of `vscode-remote://` URIs for this server. */
  authority: string;
  /** VS Code's log folder: `<date>/remoteagent.log`, `<date>/exthostN/remoteexthost.log`, ... */
  logsDir: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** User settings that keep the workbench quiet and offline; tests see only what they open. */
const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'window.restoreWindows': 'none',
};

/** The user settings a fresh user data folder starts with. */
function userSettings(options: CodeServerOptions): Record<string, unknown> {
  if (!options.workspaceTrust) return quietSettings;
  const { 'security.workspace.trust.enabled': _disabled, ...settings } = quietSettings;
  return settings;
}

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const host = options.host ?? '127.0.0.1';
  const userDataDir = path.join(options.stateDir, 'user-data');
  const extensionsDir = options.extensionsDir ?? path.join(options.stateDir, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  for (const folder of options.linkedExtensions ?? []) linkExtension(folder, extensionsDir);
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  if (!fs.existsSync(settingsFile)) fs.writeFileSync(settingsFile, JSON.stringify(userSettings(options), null, 2));
  if (options.locale) registerLanguagePack(userDataDir, options.locale);
  const configFile = path.join(options.stateDir, 'code-server.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');

  const args = [
    options.install.entry,
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `${host}:${options.port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    ...(options.locale ? ['--locale', options.locale] : []),
  ];
  // code-server lets $PORT override --bind-addr's port; a stray one must not.
  const env = { ...options.env };
  delete env.PORT;
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = fs.createWriteStream(options.logFile);
  const child = spawnGroup(options.install.node, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });

  const url = await waitForListening(child, options.startTimeoutMs ?? 60_000, options.logFile);
  const authority = new URL(url).host;
  return {
    url,
    authority,
    logsDir: path.join(userDataDir, 'logs'),
    process: child,
    async stop() {
      await stopGroup(child);
      log.end();
    },
  };
}

/**
 * Installs a .vsix into `extensionsDir` with code-server's own CLI (`--install-extension`), as a user installs
 * a downloaded VSIX; it needs no network. Returns what the CLI printed. `stateDir` holds the CLI's config and
 * user data (and stands in for HOME, so nothing is written to the real one).
 */
export function installExtension(install: CodeServerInstall, vsix: string, options: { extensionsDir: string; stateDir: string }): string {
  const home = path.join(options.stateDir, 'home');
  fs.mkdirSync(home, { recursive: true });
  const configFile = path.join(options.stateDir, 'code-server.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  const args = [install.entry, '--config', configFile, '--user-data-dir', path.join(options.stateDir, 'user-data'), '--extensions-dir', options.extensionsDir, '--install-extension', vsix];
  return execFileSync(install.node, args, {
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_DATA_HOME: path.join(home, '.local', 'share') },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
}

/**
 * Installs the extension in `folder` as a link named as VS Code names installed extensions
 * (`<publisher>.<name>-<version>`). With no `extensions.json` in the folder yet, VS Code registers what it finds
 * there when it starts; a link keeps `npm run watch`'s rebuilds visible to a reload.
 */
export function linkExtension(folder: string, extensionsDir: string): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  const link = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  if (fs.lstatSync(link, { throwIfNoEntry: false })) fs.unlinkSync(link);
  fs.symlinkSync(folder, link, 'dir');
}

/**
 * VS Code shows a display language only when a language pack for it is installed; with none, `--locale ja`
 * leaves VS Code (and `vscode.env.language`) in English. Language packs come from the Marketplace, which this
 * machine cannot reach, so this registers a stand-in in VS Code's language pack index (`languagepacks.json`,
 * what installing one writes): the language with an empty translation of VS Code itself. The display language
 * is then `locale`, so extensions get their `package.nls.<locale>.json` and l10n bundles, while VS Code's own
 * menus stay in English.
 */
function registerLanguagePack(userDataDir: string, locale: string): void {
  if (locale.toLowerCase().startsWith('en')) return;
  const index = path.join(userDataDir, 'languagepacks.json');
  if (fs.existsSync(index)) return;
  const translations = path.join(userDataDir, 'test-language-pack', `${locale}.i18n.json`);
  fs.mkdirSync(path.dirname(translations), { recursive: true });
  fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  const pack = {
    hash: `test-language-pack-${locale}`,
    extensions: [{ extensionIdentifier: { id: `service-catalog-actions-tests.language-pack-${locale}` }, version: '1.0.0' }],
    translations: { vscode: translations },
    label: locale,
  };
  fs.writeFileSync(index, JSON.stringify({ [locale]: pack }));
}

function waitForListening(child: ChildProcess, timeoutMs: number, logFile: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (reason: string): void => {
      cleanup();
      void stopGroup(child);
      reject(new Error(`code-server did not start: ${reason}. Its output is in ${logFile}:\n${output.slice(-3000)}`));
    };
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /HTTP server listening on (http:\/\/[^\s/]+\/?)/.exec(output);
      if (match) {
        cleanup();
        resolve(new URL(match[1]).origin + '/');
      }
    };
    const onExit = (code: number | null, signal: string | null): void => fail(`it exited (${signal ?? `code ${code}`})`);
    const onError = (error: Error): void => fail(error.message);
    const timer = setTimeout(() => fail(`no "HTTP server listening" line within ${timeoutMs / 1000} s`), timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}
