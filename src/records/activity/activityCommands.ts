import * as vscode from 'vscode';
import { commands, type ActivityItem } from '../../catalog/commands';
import type { ExecuteArguments } from '../../catalog/executeArguments';
import type { RevealProduct } from '../../catalog/products';
import { readRecordRef } from '../../catalog/records';
import type { Logger } from '../../platform/logger';
import { registerCommand } from '../../platform/vscode/commands';
import { activityStates, type Activity, type ActivityEntry, type ActivityState } from '../tracking/activity';
import { stateLabel, type ActivityView } from './activityView';

export interface ActivityCommandDependencies {
  activity: Activity;
  view: ActivityView;
  log: Logger;
  /** Execute Service Action with these arguments, stopping at its review (the Execute feature, injected). */
  executeAgain(args: ExecuteArguments): Thenable<unknown>;
  /** Shows a product in the Provisioned Products view (the tree feature, injected). */
  revealProduct: RevealProduct;
}

export function registerActivityCommands(deps: ActivityCommandDependencies): vscode.Disposable[] {
  const reportFailure = (error: unknown) => {
    deps.log.error('An Activity command failed', error);
    void vscode.window.showErrorMessage(vscode.l10n.t('The Activity command failed: {0}', error instanceof Error ? error.message : String(error)));
  };
  return [
    registerCommand(commands.executeAgain, (item) => executeAgain(deps, item), reportFailure),
    registerCommand(commands.copyRecordId, (item) => copyRecordId(deps, item), reportFailure),
    registerCommand(commands.showProduct, (item) => showProduct(deps, item), reportFailure),
    registerCommand(commands.filterActivity, () => filterActivity(deps), reportFailure),
    registerCommand(commands.clearActivity, () => clearActivity(deps), reportFailure),
  ];
}

/** The entry a menu's command was run on, as the activity lists it now; undefined (and logged) for anything else. */
function entryOf(deps: ActivityCommandDependencies, item: ActivityItem | undefined): ActivityEntry | undefined {
  const ref = readRecordRef((item as { ref?: unknown } | undefined)?.ref);
  const entry = ref && deps.activity.entry(ref);
  if (!entry) {
    deps.log.warn('An Activity command was run on something that is not an entry of the Activity view');
  }
  return entry;
}

async function executeAgain(deps: ActivityCommandDependencies, item: ActivityItem): Promise<void> {
  const entry = entryOf(deps, item);
  if (!entry?.provisionedProductId || !entry.serviceActionId) {
    return;
  }
  // No parameter values: the activity keeps none. The wizard asks for them, then stops at its review.
  await deps.executeAgain({
    profile: entry.ref.profile,
    region: entry.ref.region,
    provisionedProductId: entry.provisionedProductId,
    serviceActionId: entry.serviceActionId,
    review: true,
  });
}

async function copyRecordId(deps: ActivityCommandDependencies, item: ActivityItem): Promise<void> {
  const ref = readRecordRef((item as { ref?: unknown } | undefined)?.ref);
  if (!ref) {
    deps.log.warn('Copy Record ID was run on something that is not an entry of the Activity view');
    return;
  }
  await vscode.env.clipboard.writeText(ref.recordId);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', ref.recordId), 3000);
}

async function showProduct(deps: ActivityCommandDependencies, item: ActivityItem): Promise<void> {
  const entry = entryOf(deps, item);
  if (!entry?.provisionedProductId) {
    return;
  }
  const shown = await deps.revealProduct({ profile: entry.ref.profile, region: entry.ref.region, provisionedProductId: entry.provisionedProductId });
  if (!shown) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'The Provisioned Products view does not show {0} ({1}, {2}): its profile or region may be hidden or filtered, or the product is gone.',
        entry.provisionedProductName ?? entry.provisionedProductId,
        entry.ref.profile,
        entry.ref.region,
      ),
    );
  }
}

interface StatePick extends vscode.QuickPickItem {
  state: ActivityState;
}

async function filterActivity(deps: ActivityCommandDependencies): Promise<void> {
  const current = deps.view.statusFilter;
  const counts = new Map<ActivityState, number>();
  for (const entry of deps.activity.entries()) counts.set(entry.state, (counts.get(entry.state) ?? 0) + 1);
  const items: StatePick[] = activityStates.map((state) => ({
    label: stateLabel(state),
    description: vscode.l10n.t('{0} in the list', counts.get(state) ?? 0),
    picked: current ? current.has(state) : true,
    state,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Filter Activity by Status'),
    placeHolder: vscode.l10n.t('The statuses to show'),
    canPickMany: true,
  });
  if (picked) {
    await deps.view.setFilter(new Set(picked.map((pick) => pick.state)));
  }
}

async function clearActivity(deps: ActivityCommandDependencies): Promise<void> {
  const ended = deps.activity.entries().filter((entry) => entry.state !== 'running');
  if (ended.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The Activity view has no finished action to clear.'));
    return;
  }
  const clear = vscode.l10n.t('Clear');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Clear the {0} finished actions from the Activity view, in every window?', ended.length),
    { modal: true, detail: vscode.l10n.t('Actions still running stay. The record of each action stays in Service Catalog.') },
    clear,
  );
  if (answer === clear) {
    await deps.activity.clear();
  }
}

