import * as vscode from 'vscode';
import { commands, views } from '../../catalog/commands';
import { panelTitle } from '../../shared/panelText';
import { formatDuration, presentStatus, relativeTime } from '../../shared/recordFormat';
import { systemTimers, type Timers } from '../../platform/timers';
import type { KeyValueStore } from '../../platform/keyValueStore';
import { activityDuration, activityStates, type Activity, type ActivityEntry, type ActivityState } from '../tracking/activity';
import { normalizeActivityFilter, readActivityFilter, saveActivityFilter } from '../tracking/activityFilter';

/**
 * The Activity view: every action run from this machine, newest first, as `Activity` lists it. It reads
 * again when this window's records change and, while it is visible, every few seconds (other windows'
 * records live in `globalState`, which has no change event); it redraws only when what it shows changed.
 * Its status filter is this window's, kept in `workspaceState` (`windowStorage`): a reload shows the same.
 */
export class ActivityView implements vscode.TreeDataProvider<ActivityEntry>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ActivityEntry | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<ActivityEntry>;
  private filter: ReadonlySet<ActivityState> | undefined;
  /** What the view last drew, to tell whether a change shows. */
  private signature = '';
  private ticker: unknown;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly activity: Activity,
    private readonly windowStorage: KeyValueStore,
    private readonly timers: Timers = systemTimers,
  ) {
    this.view = vscode.window.createTreeView(views.activity, { treeDataProvider: this });
    this.restoreFilter();
    this.subscriptions = [
      activity.onDidChange(() => this.refresh()),
      this.view.onDidChangeVisibility(() => {
        this.refresh();
        this.keepTicking();
      }),
    ];
    this.keepTicking();
  }

  getTreeItem(entry: ActivityEntry): vscode.TreeItem {
    return activityItem(entry, this.timers.now());
  }

  getChildren(entry?: ActivityEntry): ActivityEntry[] {
    if (entry) {
      return [];
    }
    const entries = this.activity.entries(this.filter);
    this.signature = signatureOf(entries, this.timers.now());
    this.view.message =
      this.filter && entries.length === 0 && this.activity.entries().length > 0 ? vscode.l10n.t('No action has the statuses of the filter.') : undefined;
    return entries;
  }

  /** The statuses shown; undefined: all. */
  get statusFilter(): ReadonlySet<ActivityState> | undefined {
    return this.filter;
  }

  /** Shows only `states` (all of them: undefined), and keeps the filter for this window's next reload. */
  async setFilter(states: ReadonlySet<ActivityState> | undefined): Promise<void> {
    this.applyFilter(normalizeActivityFilter(states));
    await saveActivityFilter(this.windowStorage, this.filter);
  }

  /** Shows the filter this window kept (what the view does when it is created, after a reload). */
  restoreFilter(): void {
    this.applyFilter(readActivityFilter(this.windowStorage));
  }

  private applyFilter(filter: ReadonlySet<ActivityState> | undefined): void {
    this.filter = filter;
    this.view.description = filter ? activityStates.filter((state) => filter.has(state)).map((state) => stateLabel(state)).join(', ') : undefined;
    this.signature = '';
    this.refresh();
  }

  /** What the view shows, as VS Code draws it, read now (for tests and the benchmark). */
  items(): vscode.TreeItem[] {
    const now = this.timers.now();
    return this.activity.entries(this.filter).map((entry) => activityItem(entry, now));
  }

  /** Reads the activity again and redraws when what the view shows changed; nothing while the view is not visible. */
  refresh(): void {
    if (!this.view.visible) {
      return;
    }
    if (signatureOf(this.activity.entries(this.filter), this.timers.now()) !== this.signature) {
      this.changed.fire(undefined);
    }
  }

  dispose(): void {
    this.stopTicking();
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.view.dispose();
    this.changed.dispose();
  }

  /** One pending tick while the view is visible; each tick reads again and sets the next. */
  private keepTicking(): void {
    if (!this.view.visible) {
      this.stopTicking();
      return;
    }
    if (this.ticker === undefined) {
      this.ticker = this.timers.setTimeout(() => {
        this.ticker = undefined;
        this.refresh();
        this.keepTicking();
      }, tickMs);
    }
  }

  private stopTicking(): void {
    if (this.ticker !== undefined) {
      this.timers.clearTimeout(this.ticker);
      this.ticker = undefined;
    }
  }
}

/** What the rows show of the entries: a redraw is needed when it changes. */
function signatureOf(entries: ActivityEntry[], now: number): string {
  return JSON.stringify(entries.map((entry) => [entry.key, entryTitle(entry), describeEntry(entry, now)]));
}

const tickMs = 5_000;

export function stateLabel(state: ActivityState): string {
  switch (state) {
    case 'running':
      return vscode.l10n.t('Running');
    case 'succeeded':
      return presentStatus('SUCCEEDED').label;
    case 'failed':
      return presentStatus('FAILED').label;
    case 'stopped':
      return vscode.l10n.t('No longer followed');
  }
}

interface EntryStatus {
  label: string;
  icon: string;
  spin: boolean;
  color?: string;
}

/** The status an entry shows: its record's, or that it is no longer followed. */
export function entryStatus(entry: ActivityEntry): EntryStatus {
  if (entry.state === 'stopped') {
    return { label: stateLabel('stopped'), icon: 'circle-slash', spin: false };
  }
  const status = presentStatus(entry.status);
  const color = status.tone === 'succeeded' ? 'testing.iconPassed' : status.tone === 'failed' ? 'testing.iconFailed' : status.tone === 'failing' ? 'list.warningForeground' : undefined;
  const label = entry.reconnecting ? `${status.label} · ${vscode.l10n.t('reconnecting')}` : status.label;
  return { label, icon: status.icon, spin: status.spin, color };
}

/** "Restart-Instance on web-01" as the record panel and the notifications say it, with ids for names not known. */
export function entryTitle(entry: ActivityEntry): string {
  return panelTitle({
    actionName: entry.serviceActionName ?? entry.serviceActionId,
    provisionedProductName: entry.provisionedProductName ?? entry.provisionedProductId,
    ref: entry.ref,
  });
}

/** The status, where, when and how long: "Succeeded · dev, us-east-1 · 3 min ago · 45 s". */
export function describeEntry(entry: ActivityEntry, now: number): string {
  const duration = activityDuration(entry, now);
  return [
    entryStatus(entry).label,
    `${entry.ref.profile}, ${entry.ref.region}`,
    startedText(entry.startedAt, now),
    duration !== undefined ? formatDuration(duration) : undefined,
  ]
    .filter((part): part is string => !!part)
    .join(' · ');
}

/** "just now" for the first minute (the list does not redraw every second), then "3 min ago". */
function startedText(startedAt: number, now: number): string {
  return now - startedAt < 60_000 ? vscode.l10n.t('just now') : relativeTime(startedAt, now);
}

export function activityItem(entry: ActivityEntry, now: number): vscode.TreeItem {
  const status = entryStatus(entry);
  const item = new vscode.TreeItem(entryTitle(entry), vscode.TreeItemCollapsibleState.None);
  item.id = entry.key;
  item.description = describeEntry(entry, now);
  item.iconPath = new vscode.ThemeIcon(status.spin ? `${status.icon}~spin` : status.icon, status.color ? new vscode.ThemeColor(status.color) : undefined);
  item.tooltip = tooltipOf(entry, status, now);
  item.accessibilityInformation = { label: `${entryTitle(entry)}, ${item.description}` };
  item.contextValue = [
    'activityEntry',
    entry.provisionedProductId && entry.serviceActionId ? 'canExecuteAgain' : undefined,
    entry.provisionedProductId ? 'hasProduct' : undefined,
  ]
    .filter(Boolean)
    .join('.');
  item.command = {
    command: commands.showRecord,
    title: vscode.l10n.t('Show Record'),
    arguments: [{ ...entry.ref, origin: originOf(entry) }],
  };
  return item;
}

/** What the record panel is told of the action: names and ids, no parameter. */
function originOf(entry: ActivityEntry) {
  const { provisionedProductId, provisionedProductName, productName, serviceActionId, serviceActionName, accountId } = entry;
  return { provisionedProductId, provisionedProductName, productName, serviceActionId, serviceActionName, accountId };
}

function tooltipOf(entry: ActivityEntry, status: EntryStatus, now: number): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.isTrusted = false;
  tooltip.appendMarkdown(`$(${status.icon}) `);
  // Names come from AWS: appendText escapes them.
  tooltip.appendText(`${entryTitle(entry)}: ${status.label}`);
  const duration = activityDuration(entry, now);
  const product = [entry.provisionedProductName, entry.provisionedProductId].filter(Boolean).join(' · ');
  const lines: Array<[string, string | undefined]> = [
    [vscode.l10n.t('Provisioned product'), product || undefined],
    [vscode.l10n.t('Product'), entry.productName],
    [vscode.l10n.t('Profile or role'), entry.ref.profile],
    [vscode.l10n.t('Region'), entry.ref.region],
    [vscode.l10n.t('Account'), entry.accountId],
    [vscode.l10n.t('Started'), `${new Date(entry.startedAt).toLocaleString()} (${relativeTime(entry.startedAt, now)})`],
    [vscode.l10n.t('Duration'), duration !== undefined ? formatDuration(duration) : undefined],
    [vscode.l10n.t('Record'), entry.ref.recordId],
    [vscode.l10n.t('AWS files'), entry.files === 'sandbox' ? vscode.l10n.t('the sandbox') : undefined],
  ];
  for (const [name, value] of lines) {
    if (value !== undefined) {
      tooltip.appendMarkdown('\n\n');
      tooltip.appendText(`${name}: ${value}`);
    }
  }
  return tooltip;
}
