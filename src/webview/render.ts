import { t } from '@vscode/l10n';
import { freshness, panelTitle, presentViewStatus } from '../shared/panelText';
import type { CopyField, CopyItem, RecordView, WebviewMessage } from '../shared/protocol';
import { absoluteTime, formatDuration, isoTime, presentStatus, relativeTime } from '../shared/recordFormat';
import { progressOf, usuallyTakesText } from '../shared/estimateText';
import { el, icon, type Child } from './dom';

export type Send = (message: WebviewMessage) => void;

/** The whole panel for one view. Every piece of record data goes in as text. */
export function renderRecord(view: RecordView, now: number, send: Send): HTMLElement {
  const status = presentViewStatus(view);
  return el(
    'div',
    { className: `record tone-${status.tone}` },
    renderHeader(view, now),
    renderToolbar(view, send),
    renderErrors(view),
    renderOutputs(view, send),
    renderDetails(view, now, send),
    renderParameters(view),
    renderTags(view),
    renderHistory(view, now),
  );
}

function renderHeader(view: RecordView, now: number): HTMLElement {
  const status = presentViewStatus(view);
  const product = [view.provisionedProductName, view.productName && view.productName !== view.provisionedProductName ? `(${view.productName})` : undefined]
    .filter(Boolean)
    .join(' ');
  return el(
    'header',
    { className: 'header' },
    el('h1', { attrs: { id: 'title' } }, panelTitle(view)),
    product ? el('p', { className: 'subtitle' }, t('Provisioned product: {0}', product)) : undefined,
    el(
      'div',
      { className: `status status-${status.tone}`, attrs: { 'data-testid': 'status', 'data-status': view.status ?? '' } },
      icon(status.icon, status.spin),
      el('span', { className: 'status-label' }, status.label),
    ),
    el('p', { className: 'status-explanation' }, status.explanation),
    renderEstimate(view, now),
    renderFreshness(view, now),
  );
}

/**
 * How long the action usually takes, from its earlier runs, and while it runs how far along a usual run
 * would be; for a run that ended, how long it took. Nothing when the host has no estimate.
 */
export function renderEstimate(view: RecordView, now: number): HTMLElement {
  const { estimate } = view;
  const holder = el('div', { className: 'estimate', attrs: { id: 'estimate', 'data-testid': 'estimate' } });
  if (!estimate) {
    holder.hidden = true;
    return holder;
  }
  const usually = el('p', { className: 'estimate-usual' }, icon('watch'), el('span', {}, usuallyTakesText(estimate)));
  const terminal = presentStatus(view.status).terminal;
  if (view.createdAt === undefined) {
    holder.append(usually);
    return holder;
  }
  if (terminal) {
    const took = view.updatedAt !== undefined ? el('p', { className: 'estimate-took' }, t('This run took {0}.', formatDuration(view.updatedAt - view.createdAt))) : undefined;
    holder.append(usually, ...(took ? [took] : []));
    return holder;
  }
  const progress = progressOf(estimate, now - view.createdAt);
  holder.append(
    usually,
    el('progress', {
      className: `estimate-bar estimate-${progress.tone}`,
      attrs: { max: '100', value: String(Math.round(progress.fraction * 100)), 'aria-label': progress.text },
    }),
    el('p', { className: `estimate-progress estimate-${progress.tone}`, attrs: { 'data-testid': 'estimate-progress', 'data-tone': progress.tone } }, progress.text),
  );
  return holder;
}

export function renderFreshness(view: RecordView, now: number): HTMLElement {
  const state = freshness(view, now);
  return el(
    'div',
    { className: `freshness freshness-${state.tone}`, attrs: { 'data-testid': 'freshness', id: 'freshness' } },
    el('p', { className: 'freshness-line' }, icon(state.icon, state.tone === 'loading'), el('span', {}, state.text)),
    state.detail ? el('p', { className: 'freshness-detail' }, state.detail) : undefined,
  );
}

function renderToolbar(view: RecordView, send: Send): HTMLElement {
  return el(
    'div',
    { className: 'toolbar', attrs: { role: 'toolbar', 'aria-label': t('Record actions') } },
    button('refresh', t('Refresh'), 'refresh', () => send({ type: 'refresh' })),
    button('copy-json', t('Copy as JSON'), 'json', () => send({ type: 'copy', item: { kind: 'json' } })),
    button('copy-cli', t('Copy AWS CLI command'), 'terminal', () => send({ type: 'copy', item: { kind: 'cli' } })),
    view.canExecuteAgain ? button('execute-again', t('Execute again…'), 'run-all', () => send({ type: 'executeAgain' })) : undefined,
    view.canExecuteAgain
      ? button('copy-cli-execute-again', t('Copy AWS CLI command to execute again'), 'terminal', () => send({ type: 'copy', item: { kind: 'cliExecuteAgain' } }))
      : undefined,
    view.hasConsoleLink ? button('open-console', t('Open in AWS console'), 'link-external', () => send({ type: 'openConsole' })) : undefined,
  );
}

function renderErrors(view: RecordView): HTMLElement | undefined {
  if (view.errors.length === 0) {
    return undefined;
  }
  return section(
    'errors',
    t('Errors ({0})', view.errors.length),
    el(
      'ol',
      { className: 'errors' },
      ...view.errors.map((error) =>
        el(
          'li',
          { className: 'error' },
          el('div', { className: 'error-code' }, icon('error'), el('span', {}, error.code || t('(no code)'))),
          el('div', { className: 'error-description long-text' }, error.description || t('(no description)')),
          error.explanation
            ? el(
                'div',
                { className: 'error-explanation', attrs: { 'data-testid': 'error-explanation' } },
                el('p', {}, icon('lightbulb'), el('strong', {}, t('Likely cause:')), ' ', error.explanation.cause),
                el('p', {}, el('strong', {}, t('What to do:')), ' ', error.explanation.fix),
              )
            : undefined,
        ),
      ),
    ),
  );
}

function renderOutputs(view: RecordView, send: Send): HTMLElement | undefined {
  if (view.outputs.length === 0) {
    return presentStatus(view.status).terminal
      ? section('outputs', t('Outputs'), el('p', { className: 'empty' }, t('This record has no outputs.')))
      : undefined;
  }
  return section(
    'outputs',
    t('Outputs ({0})', view.outputs.length),
    el(
      'dl',
      { className: 'pairs' },
      ...view.outputs.flatMap((output, index) => [
        el('dt', {}, output.key),
        el(
          'dd',
          {},
          el('span', { className: 'long-text' }, output.value),
          copyButton(`output-${index}`, t('Copy the value of {0}', output.key), { kind: 'output', index }, send),
          output.consoleLink
            ? el(
                'button',
                {
                  className: 'link-button',
                  attrs: {
                    type: 'button',
                    'data-key': `open-output-${index}`,
                    'aria-label': t('Open {0} in the AWS console', output.key),
                    title: t('Open {0} in the AWS console', output.key),
                  },
                  onClick: () => send({ type: 'openOutput', index }),
                },
                icon('link-external'),
                el('span', {}, t('Open in AWS console')),
              )
            : undefined,
          output.description ? el('div', { className: 'description' }, output.description) : undefined,
        ),
      ]),
    ),
  );
}

function renderDetails(view: RecordView, now: number, send: Send): HTMLElement {
  const rows: Array<[string, Child, CopyField?]> = [
    [t('Profile'), view.ref.profile],
    [t('Account'), view.accountId, 'accountId'],
    [t('Region'), view.ref.region],
    [t('Action'), view.actionName],
    [t('Action id'), view.serviceActionId, 'serviceActionId'],
    [t('Provisioned product'), view.provisionedProductName],
    [t('Provisioned product id'), view.provisionedProductId, 'provisionedProductId'],
    [t('Product'), view.productName],
    [t('Product id'), view.productId, 'productId'],
    [t('Version id'), view.provisioningArtifactId, 'provisioningArtifactId'],
    [t('Record id'), view.ref.recordId, 'recordId'],
    [t('Record type'), view.recordType],
    [t('Launch role'), view.launchRoleArn, 'launchRoleArn'],
    [t('Launch path id'), view.pathId, 'pathId'],
    [t('Created'), view.createdAt !== undefined ? timeText(view.createdAt, now) : undefined],
    [t('Updated'), view.updatedAt !== undefined ? timeText(view.updatedAt, now) : undefined],
  ];
  return section(
    'details',
    t('Details'),
    el(
      'dl',
      { className: 'pairs' },
      ...rows
        .filter(([, value]) => value !== undefined && value !== '')
        .flatMap(([label, value, field]) => [
          el('dt', {}, label),
          el(
            'dd',
            {},
            typeof value === 'string' ? el('span', { className: 'long-text' }, value) : value,
            field ? copyButton(`copy-${field}`, t('Copy {0}', label), { kind: 'field', field }, send) : undefined,
          ),
        ]),
    ),
  );
}

function renderParameters(view: RecordView): HTMLElement | undefined {
  if (view.parameters.length === 0) {
    return undefined;
  }
  return section(
    'parameters',
    t('Parameters'),
    el(
      'dl',
      { className: 'pairs' },
      ...view.parameters.flatMap((parameter) => [
        el('dt', {}, parameter.name),
        el(
          'dd',
          {},
          parameter.values.length === 0
            ? el('span', { className: 'empty' }, t('(no value)'))
            : el('ul', { className: 'values' }, ...parameter.values.map((value) => el('li', { className: 'long-text' }, value))),
        ),
      ]),
    ),
  );
}

function renderTags(view: RecordView): HTMLElement | undefined {
  if (view.tags.length === 0) {
    return undefined;
  }
  return section(
    'tags',
    t('Tags ({0})', view.tags.length),
    el('dl', { className: 'pairs' }, ...view.tags.flatMap((tag) => [el('dt', {}, tag.key), el('dd', { className: 'long-text' }, tag.value)])),
  );
}

function renderHistory(view: RecordView, now: number): HTMLElement | undefined {
  if (view.statusHistory.length === 0) {
    return undefined;
  }
  return section(
    'history',
    t('Status history'),
    el('p', { className: 'description' }, t('The changes this window has seen.')),
    el(
      'ol',
      { className: 'history' },
      ...view.statusHistory.map((entry) => {
        const status = presentStatus(entry.status);
        return el(
          'li',
          { className: `history-entry status-${status.tone}` },
          icon(status.icon),
          el('span', { className: 'history-status' }, status.label),
          el('span', { className: 'history-time' }, timeText(entry.seenAt, now)),
        );
      }),
    ),
  );
}

function section(id: string, title: string, ...children: Child[]): HTMLElement {
  const headingId = `${id}-heading`;
  return el('section', { className: `section section-${id}`, attrs: { 'aria-labelledby': headingId, 'data-testid': id } }, el('h2', { attrs: { id: headingId } }, title), ...children);
}

function button(key: string, label: string, iconName: string, action: () => void): HTMLButtonElement {
  return el('button', { className: 'button', attrs: { type: 'button', 'data-key': key }, onClick: action }, icon(iconName), el('span', {}, label));
}

function copyButton(key: string, label: string, item: CopyItem, send: Send): HTMLButtonElement {
  return el(
    'button',
    { className: 'icon-button', attrs: { type: 'button', 'data-key': key, 'aria-label': label, title: label }, onClick: () => send({ type: 'copy', item }) },
    icon('copy'),
  );
}

/** "3 min ago (12 Jan 2025, 14:03:12)": relative and absolute; the relative part is kept current by `refreshTimes`. */
function timeText(ms: number, now: number): HTMLElement {
  return el(
    'time',
    { attrs: { datetime: isoTime(ms), title: isoTime(ms) } },
    el('span', { attrs: { 'data-relative-time': String(ms) } }, relativeTime(ms, now)),
    ' ',
    el('span', { className: 'absolute-time' }, `(${absoluteTime(ms)})`),
  );
}

/** Brings every relative time under `root` up to date. */
export function refreshTimes(root: ParentNode, now: number): void {
  root.querySelectorAll<HTMLElement>('[data-relative-time]').forEach((element) => {
    const ms = Number(element.dataset.relativeTime);
    if (Number.isFinite(ms)) {
      element.textContent = relativeTime(ms, now);
    }
  });
}
