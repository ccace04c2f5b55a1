import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AwsContext } from '../aws/awsContext';
import type { AwsProblem } from '../aws/errors';
import type { Logger } from '../platform/logger';
import type { RecordTracker } from '../catalog/records';
import { commands, focusViewCommand, views } from '../catalog/commands';
import { executeCommand, registerCommand } from '../platform/vscode/commands';
import type { RunningSandbox, SandboxState } from './sandboxApi';
import { SandboxIndicator } from './sandboxIndicator';
import { SandboxSession } from './sandboxSession';

/**
 * Remembered in workspaceState, which belongs to the window (its folder, workspace or empty window) and
 * survives its reload, and never in settings, so no workspace can turn the sandbox on: true from a Start
 * Sandbox until a Stop Sandbox. A reload of that window, or VS Code opening it again, starts a fresh
 * sandbox; other windows do not. (Versions that kept it in globalState started it in every window.)
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
  const indicator = new SandboxIndicator(deps.view);
  const session = new SandboxSession({
    bundlePath: path.join(context.extensionPath, 'dist', 'sandbox.js'),
    storageDir: path.join(context.globalStorageUri.fsPath, 'sandbox'),
    aws: deps.aws,
    forgetRecords: () => deps.tracker.forget((_ref, files) => files === 'sandbox', sandboxGone),
    onDidChangeState: (state, running) => indicator.show(state, running),
    log: deps.log,
  });
  const state = () => session.state;
  const launch = () => session.launch();

  const remember = (on: boolean) => context.workspaceState.update(rememberedKey, on);
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
    let stopped: boolean | undefined;
    try {
      stopped = await session.stop();
    } finally {
      await remember(false);
      if (stopped !== false) {
        await refreshTree();
      }
    }
    if (!stopped) {
      return;
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
    session,
  );

  return {
    resume() {
      if (context.globalState.get<unknown>(rememberedKey) !== undefined) {
        void context.globalState.update(rememberedKey, undefined);
      }
      if (context.workspaceState.get<boolean>(rememberedKey) === true) {
        void restart(launch, deps.log, refreshTree, remember);
      }
    },
    get state() {
      return state();
    },
    get current() {
      return session.current;
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
