import * as vscode from 'vscode';
import type { ShowRecord } from '../catalog/records';
import type { BatchEntry } from './run/executionBatch';
import { batchSummary } from './run/executionBatch';
import { commands } from '../catalog/commands';
import { executeCommand } from '../platform/vscode/commands';
import { withoutIcons, withoutLinks } from '../platform/plainText';
import type { FailureAction, FailureMessage } from './failureMessages';

export interface FailureHandlers {
  showRecord: ShowRecord;
  tryAgain?: () => unknown;
  changeParameters?: () => unknown;
}

/** Shows a failure with the buttons its actions call for. Does not wait for the user: returns at once. */
export function showFailure(failure: FailureMessage, handlers: FailureHandlers, severity: 'error' | 'warning' = 'error'): void {
  const buttons = failure.actions
    .map((action) => ({ action, title: buttonTitle(action) }))
    .filter(({ action }) => action.kind !== 'tryAgain' || handlers.tryAgain)
    .filter(({ action }) => action.kind !== 'changeParameters' || handlers.changeParameters);
  const show = severity === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
  // The message quotes AWS (names, error text): a `[text](command:…)` in it must not become a link.
  void show(withoutLinks(failure.message), ...buttons.map((button) => button.title)).then((chosen) => {
    const action = buttons.find((button) => button.title === chosen)?.action;
    if (action) {
      void run(action, handlers);
    }
  });
}

function buttonTitle(action: FailureAction): string {
  switch (action.kind) {
    case 'showRecord':
      return vscode.l10n.t('Show Record');
    case 'ssoLogin':
      return vscode.l10n.t('Run aws sso login');
    case 'tryAgain':
      return vscode.l10n.t('Try Again');
    case 'changeParameters':
      return vscode.l10n.t('Change Parameters');
  }
}

async function run(action: FailureAction, handlers: FailureHandlers): Promise<void> {
  switch (action.kind) {
    case 'showRecord':
      handlers.showRecord(action.ref);
      return;
    case 'tryAgain':
      await handlers.tryAgain?.();
      return;
    case 'changeParameters':
      await handlers.changeParameters?.();
      return;
    case 'ssoLogin': {
      // The view's command knows whether the profile is one of the files or a role of an IAM Identity Center session.
      const signedIn = (await executeCommand(commands.ssoLogin, action.profile)) === true;
      if (signedIn && handlers.tryAgain) {
        const again = vscode.l10n.t('Try Again');
        const chosen = await vscode.window.showInformationMessage(withoutLinks(vscode.l10n.t('Signed in to profile "{0}".', action.profile)), again);
        if (chosen === again) {
          await handlers.tryAgain();
        }
      }
      return;
    }
  }
}

/** The summary of several executions once all have ended, with each one's outcome a click away. */
export function showBatchSummary(actionName: string, entries: BatchEntry[], showRecord: ShowRecord): void {
  const { message, lines } = batchSummary(actionName, entries);
  const allSucceeded = entries.every((entry) => entry.record?.snapshot?.record?.Status === 'SUCCEEDED');
  const details = vscode.l10n.t('Show Details');
  const show = allSucceeded ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void show(withoutLinks(message), details).then(async (chosen) => {
    if (chosen !== details) {
      return;
    }
    const picked = await vscode.window.showQuickPick(
      entries.map((entry, index) => ({ label: withoutIcons(lines[index]), record: entry.record })),
      { title: withoutIcons(message), placeHolder: vscode.l10n.t('Pick one to open its record') },
    );
    if (picked?.record) {
      showRecord(picked.record.ref);
    }
  });
}
