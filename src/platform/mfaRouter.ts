import { t } from '@vscode/l10n';

/** A profile that assumes a role with `mfa_serial` needs the current code of that MFA device. */
export interface MfaCodeRequest {
  profile: string;
  mfaSerial: string;
}

/** Asks a person for the code; resolves `undefined` when they decline (Escape). */
export type MfaCodeAsker = (request: MfaCodeRequest) => Promise<string | undefined>;

/**
 * Sends each MFA code request to whoever should ask it. VS Code shows one quick input at a time: an
 * input box of its own would replace the step of a multi-step flow that is on screen, which that flow
 * reads as Escape. So a flow that runs (the Execute wizard) takes the requests into its own steps while
 * it runs (`route`), and the plain prompt asks otherwise. No vscode import: the wizard uses it in tests.
 */
export class MfaCodeRouter {
  private readonly askers: MfaCodeAsker[] = [];

  constructor(private readonly fallback: MfaCodeAsker) {}

  /** Until disposed, requests go to `asker` (the last one routed, when flows nest). */
  route(asker: MfaCodeAsker): { dispose(): void } {
    this.askers.push(asker);
    return {
      dispose: () => {
        const index = this.askers.lastIndexOf(asker);
        if (index >= 0) {
          this.askers.splice(index, 1);
        }
      },
    };
  }

  /** The code, trimmed, or `undefined` when the person declined. */
  async ask(profile: string, mfaSerial: string): Promise<string | undefined> {
    const asker = this.askers[this.askers.length - 1] ?? this.fallback;
    const code = await asker({ profile, mfaSerial });
    return code?.trim() || undefined;
  }
}

/** The words of the MFA code prompt, wherever it is shown. */
export function mfaPromptText(request: MfaCodeRequest): { title: string; prompt: string; placeholder: string } {
  return {
    title: t('MFA code for profile "{0}" ({1})', request.profile, request.mfaSerial),
    prompt: t('Enter the current code of {0}', request.mfaSerial),
    placeholder: '123456',
  };
}

/** An MFA code is six digits (as STS's TokenCode); undefined when `value` is one. */
export function validateMfaCode(value: string): string | undefined {
  return /^\d{6}$/.test(value.trim()) ? undefined : t('An MFA code is 6 digits');
}
