import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { Logger } from '../../platform/logger';
import { panelTitle } from '../../shared/panelText';
import { describeMessage, isWebviewMessage, type HostMessage, type RecordView, type WebviewMessage } from '../../shared/protocol';
import { isAwsConsoleUrl, provisionedProductConsoleUrl } from '../../aws/consoleLinks';
import type { LiveRecordTracker } from '../tracking/liveRecordTracker';
import { renderPanelHtml } from './panelHtml';
import { canExecuteAgain, outputConsoleLink, textToCopy, toRecordView } from './recordView';
import { fitForPanel } from './fitView';
import type { ExecuteArguments } from '../../catalog/executeArguments';
import type { RecordRef, RecordSnapshot } from '../../catalog/records';

export interface RecordPanelDependencies {
  tracker: LiveRecordTracker;
  log: Logger;
  extensionUri: vscode.Uri;
  /** Execute Service Action with these arguments, stopping at its review step (the Execute feature, injected). */
  executeAgain(args: ExecuteArguments): Thenable<unknown>;
}

/** The folder the webview may load from: its script, its CSS and the codicons, all copied there by the build. */
export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [webviewRoot(extensionUri)] };
}

/**
 * One record's panel. The webview is a view of the tracker's snapshot: the host sends it the latest
 * view once the webview says it is ready (again after each time it was hidden, since its document is
 * not retained), and acts on the webview's messages after checking them.
 */
export class RecordPanel {
  private ready = false;
  private view: RecordView;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  constructor(
    readonly ref: RecordRef,
    readonly panel: vscode.WebviewPanel,
    private readonly deps: RecordPanelDependencies,
    onDispose: () => void,
  ) {
    const snapshot = deps.tracker.snapshot(ref) ?? deps.tracker.watch(ref);
    this.view = fitForPanel(toRecordView(snapshot));
    panel.webview.options = webviewOptions(deps.extensionUri);
    panel.title = panelTitle(this.view);
    panel.webview.html = this.html();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      panel.onDidChangeViewState(() => {
        // A hidden webview loses its document; it says ready again when shown.
        if (!panel.visible) {
          this.ready = false;
        }
      }),
      panel.onDidDispose(() => {
        this.dispose();
        onDispose();
      }),
    );
  }

  /** The view the panel last received, its texts cut to what it shows (for tests and for the serializer's state). */
  get currentView(): RecordView {
    return this.view;
  }

  get isReady(): boolean {
    return this.ready;
  }

  update(snapshot: RecordSnapshot): void {
    this.view = fitForPanel(toRecordView(snapshot));
    this.panel.title = panelTitle(this.view);
    if (this.ready) {
      void this.post({ type: 'update', view: this.view });
    }
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.disposables.forEach((disposable) => disposable.dispose());
  }

  private async receive(message: unknown): Promise<void> {
    if (!isWebviewMessage(message)) {
      this.deps.log.warn(`Record panel ${this.ref.recordId}: ignored an unexpected ${describeMessage(message)}`);
      return;
    }
    try {
      await this.handle(message);
    } catch (error) {
      this.deps.log.error(`Record panel ${this.ref.recordId}: "${message.type}" failed`, error);
    }
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'viewRejected':
        this.deps.log.warn(`Record panel ${this.ref.recordId}: the webview could not show an update (a value it does not accept); it shows an error instead`);
        return;
      case 'ready':
        this.ready = true;
        await this.post({ type: 'init', l10nBundle: vscode.l10n.bundle });
        await this.post({ type: 'update', view: this.view });
        return;
      case 'refresh':
        await this.deps.tracker.refresh(this.ref);
        return;
      case 'copy': {
        const text = textToCopy(this.snapshot(), message.item);
        if (text === undefined) {
          return;
        }
        await vscode.env.clipboard.writeText(text);
        vscode.window.setStatusBarMessage(vscode.l10n.t('$(copy) Copied to the clipboard'), 2_000);
        await this.post({ type: 'copied', item: message.item });
        return;
      }
      case 'openConsole': {
        const url = provisionedProductConsoleUrl(this.ref.region, this.view.provisionedProductId);
        if (url && isAwsConsoleUrl(url)) {
          await vscode.env.openExternal(vscode.Uri.parse(url, true));
        }
        return;
      }
      case 'openOutput': {
        const url = outputConsoleLink(this.snapshot(), message.index);
        if (url && isAwsConsoleUrl(url)) {
          await vscode.env.openExternal(vscode.Uri.parse(url, true));
        }
        return;
      }
      case 'executeAgain': {
        const snapshot = this.snapshot();
        if (!canExecuteAgain(snapshot)) {
          return;
        }
        await this.deps.executeAgain({
          profile: this.ref.profile,
          region: this.ref.region,
          provisionedProductId: snapshot.record?.ProvisionedProductId ?? snapshot.origin.provisionedProductId,
          serviceActionId: snapshot.origin.serviceActionId,
          parameters: snapshot.origin.parameters,
          review: true,
        });
        return;
      }
    }
  }

  private snapshot(): RecordSnapshot {
    return this.deps.tracker.snapshot(this.ref) ?? this.deps.tracker.watch(this.ref);
  }

  private async post(message: HostMessage): Promise<void> {
    if (this.disposed) {
      return;
    }
    const delivered = await this.panel.webview.postMessage(message);
    if (!delivered) {
      this.ready = false;
    }
  }

  private html(): string {
    const webview = this.panel.webview;
    const root = webviewRoot(this.deps.extensionUri);
    const asset = (...segments: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(root, ...segments)).toString();
    return renderPanelHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      scriptUri: asset('recordPanel.js'),
      styleUris: [asset('codicons', 'codicon.css'), asset('recordPanel.css')],
      language: vscode.env.language,
      loadingText: vscode.l10n.t('Loading the record…'),
    });
  }
}
