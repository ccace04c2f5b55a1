// Browser entry of the record panel webview: receives views from the host, renders them as text,
// keeps the last one with setState so a hidden panel comes back at once, and sends the user's clicks.
import { config as configureL10n, t } from '@vscode/l10n';
import {
  describeMessage,
  isHostMessage,
  isRejectedUpdate,
  isPanelState,
  panelStateVersion,
  type CopyItem,
  type PanelState,
  type RecordView,
  type WebviewMessage,
} from '../shared/protocol';
import { presentViewStatus } from '../shared/panelText';
import { el, icon } from './dom';
import { refreshTimes, renderEstimate, renderFreshness, renderRecord } from './render';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: PanelState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;
const announcer = document.getElementById('announcer')!;

const saved = vscode.getState();
let view: RecordView | undefined = isPanelState(saved) ? saved.view : undefined;

function send(message: WebviewMessage): void {
  vscode.postMessage(message);
}

/** The view without what changes at every poll: when only those parts change, only the freshness line is redrawn, so a selection or focus in the panel survives polling. */
function contentKey(candidate: RecordView): string {
  const shownStatus = presentViewStatus(candidate).label;
  return JSON.stringify({ ...candidate, fetchedAt: undefined, nextPollAt: undefined, connection: undefined, problem: undefined, shownStatus });
}

let renderedKey: string | undefined;

function render(): void {
  if (!view) {
    return;
  }
  const key = contentKey(view);
  if (key === renderedKey && root.querySelector('#freshness')) {
    root.querySelector('#freshness')?.replaceWith(renderFreshness(view, Date.now()));
    return;
  }
  renderedKey = key;
  const focusedKey = (document.activeElement as HTMLElement | null)?.dataset?.key;
  root.replaceChildren(renderRecord(view, Date.now(), send));
  root.setAttribute('aria-busy', 'false');
  if (focusedKey) {
    root.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusedKey)}"]`)?.focus();
  }
}

function copiedText(item: CopyItem): string {
  switch (item.kind) {
    case 'json':
      return t('Copied the record as JSON');
    case 'cli':
      return t('Copied the AWS CLI command');
    case 'cliExecuteAgain':
      return t('Copied the AWS CLI command to execute again');
    default:
      return t('Copied');
  }
}

function announce(text: string): void {
  announcer.textContent = '';
  // A separate task so screen readers notice the same text twice in a row.
  setTimeout(() => (announcer.textContent = text), 50);
  const toast = el('div', { className: 'toast', attrs: { role: 'presentation' } }, text);
  document.body.querySelector('.toast')?.remove();
  document.body.appendChild(toast);
  setTimeout(() => toast.remove(), 2_000);
}

/** An update the panel could not check: it says so above the last view it showed (or in place of "Loading…"). */
function showRejected(): void {
  root.querySelector('#rejected')?.remove();
  const banner = el(
    'div',
    { className: 'rejected', attrs: { id: 'rejected', role: 'alert', 'data-testid': 'rejected' } },
    icon('error'),
    el(
      'p',
      {},
      t('This panel could not show the latest state of the record: it holds a value the panel does not accept.'),
      ' ',
      view ? t('What is shown below is from before. Refresh, or use Copy as JSON, which has the record whole.') : t('Refresh, or open the record again.'),
    ),
  );
  if (!view) {
    root.replaceChildren(banner);
    renderedKey = undefined;
  } else {
    root.prepend(banner);
  }
  root.setAttribute('aria-busy', 'false');
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isHostMessage(message)) {
    console.warn(`Record panel: ignored an unexpected ${describeMessage(message)}`);
    if (isRejectedUpdate(message)) {
      showRejected();
      send({ type: 'viewRejected' });
    }
    return;
  }
  switch (message.type) {
    case 'init':
      if (message.l10nBundle) {
        configureL10n({ contents: message.l10nBundle });
      }
      renderedKey = undefined;
      render();
      break;
    case 'update':
      view = message.view;
      vscode.setState({ version: panelStateVersion, ref: view.ref, view });
      root.querySelector('#rejected')?.remove();
      render();
      break;
    case 'copied':
      announce(copiedText(message.item));
      break;
  }
});

// Relative times and "updated N s ago" move on by themselves; the rest changes only with a new view.
setInterval(() => {
  if (!view) {
    return;
  }
  const now = Date.now();
  refreshTimes(root, now);
  root.querySelector('#freshness')?.replaceWith(renderFreshness(view, now));
  root.querySelector('#estimate')?.replaceWith(renderEstimate(view, now));
}, 1_000);

render();
send({ type: 'ready' });
