import * as vscode from 'vscode';
import { MfaCodeRouter, mfaPromptText, validateMfaCode, type MfaCodeRequest } from '../mfaRouter';

/** The input box of its own, for when no multi-step flow is on screen (the tree loading a profile, an execution). */
function showMfaCodeBox(request: MfaCodeRequest): Promise<string | undefined> {
  const text = mfaPromptText(request);
  return Promise.resolve(
    vscode.window.showInputBox({
      title: text.title,
      prompt: text.prompt,
      placeHolder: text.placeholder,
      ignoreFocusOut: true,
      validateInput: validateMfaCode,
    }),
  );
}

/**
 * Where the extension's MFA code requests go: into the Execute wizard while it runs (it routes them
 * to itself), into an input box of their own otherwise.
 */
export const mfaCodeRouter = new MfaCodeRouter(showMfaCodeBox);

/** Asks for the MFA code an assume-role profile needs; `undefined` when the user dismisses the prompt. */
export function promptForMfaCode(profile: string, mfaSerial: string): Promise<string | undefined> {
  return mfaCodeRouter.ask(profile, mfaSerial);
}
