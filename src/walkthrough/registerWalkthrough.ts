import * as vscode from 'vscode';
import { contextKeys } from '../catalog/commands';
import type { RecordTracker } from '../catalog/records';
import type { Disposable } from '../platform/disposable';
import { setContext } from '../platform/vscode/commands';
import { recordPanelViewType } from '../shared/protocol';

export interface WalkthroughDependencies {
  tracker: Pick<RecordTracker, 'onDidChange'>;
  /** Whether a profile of the AWS files signs in with IAM Identity Center: the walkthrough's sign-in step shows only then. */
  hasSsoProfiles(): Promise<boolean>;
  onDidChangeAwsFiles(listener: () => void): Disposable;
}

/**
 * The context keys that complete the steps of the "Get started" walkthrough (package.json `contributes.walkthroughs`)
 * that no command marks: a first action run, a record panel opened, and whether the sign-in step applies.
 * VS Code remembers a completed step itself, so each key only has to turn true once per window.
 */
export function registerWalkthrough(context: vscode.ExtensionContext, deps: WalkthroughDependencies): void {
  const ranAction = once(() => void setContext(contextKeys.hasRunAction, true));
  const openedRecord = once(() => void setContext(contextKeys.hasOpenedRecord, true));
  const isRecordPanel = (tab: vscode.Tab): boolean => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(recordPanelViewType);
  const checkTabs = (): void => {
    if (vscode.window.tabGroups.all.some((group) => group.tabs.some(isRecordPanel))) openedRecord();
  };
  const updateSsoStep = (): void => {
    deps.hasSsoProfiles().then(
      (present) => setContext(contextKeys.hasSsoProfiles, present),
      () => undefined, // an unreadable config says so in the view; the walkthrough just keeps the step hidden
    );
  };

  context.subscriptions.push(
    // A record the extension watches on behalf of an action it ran carries that action in its origin.
    deps.tracker.onDidChange((snapshot) => {
      if (snapshot.origin.serviceActionId) ranAction();
    }),
    vscode.window.tabGroups.onDidChangeTabs(checkTabs),
    deps.onDidChangeAwsFiles(updateSsoStep),
  );
  checkTabs();
  updateSsoStep();
}

function once(action: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    action();
  };
}
