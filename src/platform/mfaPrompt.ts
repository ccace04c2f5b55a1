import * as vscode from 'vscode';

/** Asks for the MFA code an assume-role profile needs; `undefined` when the user dismisses the box. */
export async function promptForMfaCode(profile: string, mfaSerial: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('MFA code for profile "{0}"', profile),
    prompt: vscode.l10n.t('Enter the current code of {0}', mfaSerial),
    placeHolder: '123456',
    ignoreFocusOut: true,
    validateInput: (value) => (/^\d{6}$/.test(value.trim()) ? undefined : vscode.l10n.t('An MFA code is 6 digits')),
  }).then((code) => code?.trim());
}
