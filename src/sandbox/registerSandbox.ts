import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AwsContext } from '../aws/awsContext';
import type { AwsProblem } from '../aws/errors';
import type { Logger } from '../platform/logger';
import type { RecordTracker } from '../catalog/records';
import { commands, contextKeys, focusViewCommand, views } from '../catalog/commands';
import { executeCommand, registerCommand, setContext } from '../platform/vscode/commands';
import { loadSandboxModule } from './loadSandboxModule';
import { environmentOf, sessionDirOf } from './sandboxApi';
import type { RunningSandbox, SandboxController, SandboxState } from './sandboxController';

/**
 * Remembered in globalState (never in settings, so no workspace can turn the sandbox on): true from a
 * Start Sandbox until a Stop Sandbox. A reload, or VS Code starting again, starts a fresh sandbox.
 */
const rememberedKey = 'serviceCatalog.sandbox.on';

export interface SandboxPart {
  readonly state: SandboxState;
  /** The running sandbox (endpoint, AWS files, profiles), while it is on. */
  readonly current: RunningSandbox | undefined;
  /** What the commands do, with the messages; undefined when the sandbox could not start (the user was told). */
  start(): Promise<RunningSandbox | undefined>;
  stop(): Promise<void>;
  /** Activation's first step: a sandbox that was on before a reload starts again, before anything reads the AWS files. */
  resume(): void;
}

export interface SandboxDependencies {
  aws: AwsContext;
  tracker: RecordTracker;
  view: vscode.TreeView<unknown>;
  /** Reads the AWS files again and rebuilds the Provisioned Products view (the tree, injected). */
  refreshView(): Promise<void>;
  log: Logger;
}

/**
 * The sandbox: "Service Catalog: Start Sandbox" runs the emulator with sample data inside the
 * extension host, on 127.0.0.1, and points the extension at AWS files for it; "Stop Sandbox" returns
 * to the user's own files. The emulator comes from dist/sandbox.js, loaded only on start.
 */
export function registerSandbox(context: vscode.ExtensionContext, deps: SandboxDependencies): SandboxPart {
  const sandboxGone: AwsProblem = {
    kind: 'not-found',
    summary: vscode.l10n.t('Sandbox stopped'),
    detail: vscode.l10n.t('This record belonged to a Service Catalog sandbox that has stopped. Its records existed only in that sandbox.'),
    retryable: false,
  };
  const storageDir = path.join(context.globalStorageUri.fsPath, 'sandbox');
  const indicator = new SandboxIndicator(deps.view);
  let controller: SandboxController | undefined;
  let launching: Promise<RunningSandbox> | undefined;
  const state = (): SandboxState => controller?.state ?? (launching ? 'starting' : 'off');

  /** The controller lives in the sandbox bundle: loading it is the first thing a start does. */
  const loadController = (): SandboxController => {
    if (!controller) {
      const created = loadSandboxModule(path.join(context.extensionPath, 'dist', 'sandbox.js')).createSandboxController({
        storageDir,
        useEnvironment: (env) => deps.aws.useEnvironment(env),
        forgetRecords: (profiles) => deps.tracker.forget((ref) => profiles.has(ref.profile), sandboxGone),
        log: deps.log,
      });
      created.onDidChangeState((next) => indicator.show(next, created.current));
      controller = created;
    }
    return controller;
  };

  const launch = (): Promise<RunningSandbox> => {
    if (state() === 'off') {
      // Before anything is loaded or awaited: from here on the extension reads only this sandbox's files
      // (not written yet: "no config", which the view shows as "starting"), so a restart after a reload
      // never lists the user's real profiles or calls AWS in the meantime.
      indicator.show('starting', undefined);
      void deps.aws.useEnvironment(environmentOf(sessionDirOf(storageDir, process.pid))).catch(() => undefined);
    }
    launching ??= (async () => {
      try {
        // Activation returns before the bundle is loaded.
        await new Promise((resolve) => setImmediate(resolve));
        return await loadController().start();
      } catch (error) {
        if (!controller || controller.state === 'off') {
          await deps.aws.useEnvironment(undefined).catch(() => undefined);
          indicator.show('off', undefined);
        }
        throw error;
      } finally {
        launching = undefined;
      }
    })();
    return launching;
  };

  const remember = (on: boolean) => context.globalState.update(rememberedKey, on);
  const refreshTree = () => deps.refreshView();

  const start = async (): Promise<RunningSandbox | undefined> => {
    const alreadyOn = state() === 'on';
    let sandbox: RunningSandbox;
    try {
      sandbox = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Starting the Service Catalog sandbox…') },
        launch,
      );
    } catch (error) {
      await remember(false);
      await refreshTree();
      deps.log.error('The sandbox could not start', error);
      void vscode.window.showErrorMessage(vscode.l10n.t('The Service Catalog sandbox could not start: {0}', messageOf(error)));
      return undefined;
    }
    await remember(true);
    await refreshTree();
    await executeCommand(focusViewCommand(views.provisionedProducts));
    if (!alreadyOn) {
      const stopLabel = vscode.l10n.t('Stop Sandbox');
      const shown = vscode.window.showInformationMessage(
        vscode.l10n.t(
          'The Service Catalog sandbox is running: the view shows sample data ({0} profiles) from a local Service Catalog on {1}. Actions run there, never in AWS, and your AWS files are not read until you stop it.',
          sandbox.profiles.length,
          new URL(sandbox.endpoint).host,
        ),
        stopLabel,
      );
      void shown.then((choice) => (choice === stopLabel ? executeCommand(commands.stopSandbox) : undefined));
    }
    return sandbox;
  };

  const stop = async (): Promise<void> => {
    await launching?.catch(() => undefined);
    if (!controller || controller.state === 'off') {
      await remember(false);
      return;
    }
    try {
      await controller.stop();
    } finally {
      await remember(false);
      await refreshTree();
    }
    // Records of the user's own profiles could not be read while the sandbox ran: ask again now, not at their next retry,
    // and follow again those stopped because their profile was not in the sandbox's files.
    for (const snapshot of deps.tracker.inFlight()) {
      void deps.tracker.refresh(snapshot.ref);
    }
    deps.tracker.retryAfterConfigChange();
    vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Service Catalog sandbox stopped: the view shows your AWS profiles again.'), 5000);
  };

  context.subscriptions.push(
    indicator,
    registerCommand(commands.startSandbox, start),
    registerCommand(commands.stopSandbox, async () => {
      try {
        await stop();
      } catch (error) {
        deps.log.error('The sandbox did not stop cleanly', error);
        void vscode.window.showErrorMessage(vscode.l10n.t('The Service Catalog sandbox did not stop cleanly: {0}', messageOf(error)));
      }
    }),
    // Deactivation (reload, window closed): the server stops and its files go; the memento stays.
    { dispose: () => void controller?.dispose() },
  );

  return {
    resume() {
      if (context.globalState.get<boolean>(rememberedKey) === true) {
        void restart(launch, deps.log, refreshTree, remember);
      }
    },
    get state() {
      return state();
    },
    get current() {
      return controller?.current;
    },
    start,
    stop,
  };
}

/** After a reload: a fresh sandbox, quietly; the records of the previous one are dropped, and said so once. */
async function restart(launch: () => Promise<RunningSandbox>, log: Logger, refreshTree: () => Promise<void>, remember: (on: boolean) => Thenable<void>): Promise<void> {
  let sandbox: RunningSandbox;
  try {
    sandbox = await launch();
  } catch (error) {
    await remember(false);
    await refreshTree();
    log.error('The sandbox could not start again', error);
    void vscode.window.showErrorMessage(vscode.l10n.t('The Service Catalog sandbox could not start again: {0} The view shows your AWS profiles.', messageOf(error)));
    return;
  }
  await refreshTree();
  if (sandbox.forgottenRecords > 0) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'The Service Catalog sandbox started again with fresh sample data. {0} action(s) that were running in the previous sandbox are no longer followed: their records existed only there.',
        sandbox.forgottenRecords,
      ),
    );
  }
}

/**
 * Says the sandbox is on where people look: a line above the tree (the view's title is cut short in a
 * narrow side bar, and renaming it would rename the tree for screen readers), the Stop Sandbox action
 * in the view's title bar (menus, by context key), and a status bar item that shows the view.
 */
class SandboxIndicator implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('serviceCatalog.sandbox', vscode.StatusBarAlignment.Left, 49);

  constructor(private readonly view: vscode.TreeView<unknown>) {
    this.item.name = vscode.l10n.t('Service Catalog sandbox');
    this.item.command = focusViewCommand(views.provisionedProducts);
  }

  show(state: SandboxState, sandbox: RunningSandbox | undefined): void {
    const active = state !== 'off';
    void setContext(contextKeys.sandboxActive, active);
    void setContext(contextKeys.sandboxStarting, state === 'starting');
    // Only once it runs: a message hides the welcome content, which says "starting" meanwhile.
    this.view.message =
      state === 'on' && sandbox
        ? vscode.l10n.t('Sandbox: sample data from a local Service Catalog on {0}. Stop Sandbox to return to your AWS profiles.', new URL(sandbox.endpoint).host)
        : undefined;
    if (!active) {
      this.item.hide();
      return;
    }
    this.item.text = state === 'starting' ? vscode.l10n.t('$(loading~spin) Sandbox') : vscode.l10n.t('$(beaker) Sandbox');
    this.item.tooltip = sandbox
      ? vscode.l10n.t('Service Catalog sandbox: sample data from a local Service Catalog on {0}. Your AWS files are not read until you run "Service Catalog: Stop Sandbox". Click to show the view.', new URL(sandbox.endpoint).host)
      : vscode.l10n.t('Starting the Service Catalog sandbox…');
    this.item.accessibilityInformation = { label: vscode.l10n.t('Service Catalog sandbox is on'), role: 'button' };
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
