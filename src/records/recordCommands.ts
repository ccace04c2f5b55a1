import * as vscode from 'vscode';
import { isRegionName } from '../aws/regions';
import type { AwsContext } from '../aws/awsContext';
import { profileRegions } from '../aws/profiles';
import type { Logger } from '../platform/logger';
import type { Settings } from '../catalog/settings';
import { relativeTime } from '../shared/recordFormat';
import type { Activity, ActivityEntry } from './tracking/activity';
import { entryStatus, entryTitle } from './activity/activityView';
import type { LiveRecordTracker } from './tracking/liveRecordTracker';
import { withoutIcons } from '../platform/plainText';
import type { RecordPanels } from './panel/recordPanels';
import { sanitizeOrigin } from './tracking/recordOrigin';
import type { RecordRef } from '../catalog/records';
import { commands } from '../catalog/commands';
import { isServiceCatalogId } from '../catalog/ids';
import { readRecordRef } from '../catalog/records';
import { problemOf } from '../aws/errors';
import { registerCommand } from '../platform/vscode/commands';
import { withoutLinks } from '../platform/plainText';
import { showLastRecord, showRecordHistory } from './recordHistoryPicker';

export interface RecordCommandDependencies {
  tracker: LiveRecordTracker;
  /** What the running list shows: the Activity view's source. */
  activity: Activity;
  panels: RecordPanels;
  aws: AwsContext;
  settings: Settings;
  log: Logger;
}

export function registerRecordCommands(deps: RecordCommandDependencies): vscode.Disposable[] {
  const reportFailure = (error: unknown) => {
    const problem = problemOf(error, deps.aws.redactor);
    deps.log.error(problem.detail);
    void vscode.window.showErrorMessage(withoutLinks(problem.detail));
  };
  const history = { aws: deps.aws, settings: deps.settings, showRecord: (ref: RecordRef) => deps.panels.show(ref) };
  return [
    registerCommand(commands.showRecord, (record) => showRecord(deps, record), reportFailure),
    registerCommand(commands.showRunningExecutions, () => showRunningExecutions(deps), reportFailure),
    registerCommand(commands.showLastRecord, (item) => showLastRecord(history, item.productTarget), reportFailure),
    registerCommand(commands.showRecordHistory, (item) => showRecordHistory(history, item.productTarget), reportFailure),
  ];
}

/**
 * Opens a record's panel. With a record reference (optionally with an `origin`) it opens at once; with
 * nothing it asks for the record id, then the profile and region.
 */
async function showRecord(deps: RecordCommandDependencies, arg: unknown): Promise<void> {
  if (arg !== undefined) {
    const ref = readRecordRef(arg);
    if (!ref) {
      deps.log.warn(`${commands.showRecord} was called with something that is not a record reference`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Show Record needs a record id, a profile and a region.'));
      return;
    }
    deps.panels.show(ref, sanitizeOrigin((arg as { origin?: unknown }).origin));
    return;
  }
  const ref = await askForRecord(deps);
  if (ref) {
    deps.panels.show(ref);
  }
}

async function askForRecord(deps: RecordCommandDependencies): Promise<RecordRef | undefined> {
  const recordId = await vscode.window.showInputBox({
    title: vscode.l10n.t('Show Record (1/3)'),
    prompt: vscode.l10n.t('The id of the record, as Service Catalog shows it'),
    placeHolder: 'rec-abcdefghijklm',
    ignoreFocusOut: true,
    validateInput: (value) =>
      isServiceCatalogId(value.trim()) ? undefined : vscode.l10n.t('A record id has 1 to 100 letters, digits, "-" or "_".'),
  });
  if (recordId === undefined) {
    return undefined;
  }

  const catalog = await deps.aws.profiles();
  if (catalog.profiles.length === 0) {
    void vscode.window.showErrorMessage(vscode.l10n.t('No AWS profiles were found in the AWS config or credentials file.'));
    return undefined;
  }
  const profile =
    catalog.profiles.length === 1
      ? catalog.profiles[0]
      : (
          await vscode.window.showQuickPick(
            catalog.profiles.map((candidate) => ({ label: candidate.name, description: candidate.region, profile: candidate })),
            { title: vscode.l10n.t('Show Record (2/3)'), placeHolder: vscode.l10n.t('The profile that can see the record'), ignoreFocusOut: true },
          )
        )?.profile;
  if (!profile) {
    return undefined;
  }

  const regions = profileRegions(profile, deps.settings.regions);
  let region: string | undefined;
  if (regions.length === 1) {
    region = regions[0];
  } else if (regions.length > 1) {
    region = (
      await vscode.window.showQuickPick(regions, {
        title: vscode.l10n.t('Show Record (3/3)'),
        placeHolder: vscode.l10n.t('The region of the record'),
        ignoreFocusOut: true,
      })
    )?.trim();
  } else {
    region = (
      await vscode.window.showInputBox({
        title: vscode.l10n.t('Show Record (3/3)'),
        prompt: vscode.l10n.t('Profile "{0}" has no region: type the region of the record', profile.name),
        placeHolder: 'us-east-1',
        ignoreFocusOut: true,
        validateInput: (value) => (isRegionName(value.trim()) ? undefined : vscode.l10n.t('A region looks like us-east-1.')),
      })
    )?.trim();
  }
  return region ? { profile: profile.name, region, recordId: recordId.trim() } : undefined;
}

interface RecordPick extends vscode.QuickPickItem {
  ref: RecordRef;
}

/** How many ended actions the list shows under the running ones. */
const recentlyEndedShown = 10;

/**
 * A quick pick of the actions running and those that ended most recently, every window's, as the
 * Activity view lists them (the same source); the chosen one opens.
 */
async function showRunningExecutions(deps: RecordCommandDependencies): Promise<void> {
  const entries = deps.activity.entries();
  const running = entries.filter((entry) => entry.state === 'running');
  const ended = entries.filter((entry) => entry.state !== 'running').slice(0, recentlyEndedShown);
  if (running.length === 0 && ended.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No Service Catalog actions are running.'));
    return;
  }
  const now = Date.now();
  const items: Array<RecordPick | vscode.QuickPickItem> = [];
  if (running.length > 0) {
    items.push({ label: vscode.l10n.t('Running'), kind: vscode.QuickPickItemKind.Separator }, ...running.map((entry) => pickFor(entry, now)));
  }
  if (ended.length > 0) {
    items.push({ label: vscode.l10n.t('Recently ended'), kind: vscode.QuickPickItemKind.Separator }, ...ended.map((entry) => pickFor(entry, now)));
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Service Catalog actions'),
    placeHolder: vscode.l10n.t('Choose a record to open'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (picked && 'ref' in picked) {
    deps.panels.show(picked.ref);
  }
}

function pickFor(entry: ActivityEntry, now: number): RecordPick {
  const status = entryStatus(entry);
  const title = entryTitle(entry);
  return {
    // Labels support $(icon) syntax; names from AWS are stripped of it so they cannot fake icons.
    label: `$(${status.spin ? `${status.icon}~spin` : status.icon}) ${withoutIcons(title)}`,
    description: withoutIcons(status.label),
    detail: withoutIcons([entry.ref.profile, entry.ref.region, entry.ref.recordId, relativeTime(entry.startedAt, now)].join(' · ')),
    ref: entry.ref,
  };
}
