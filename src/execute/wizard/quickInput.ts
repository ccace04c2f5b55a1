/**
 * The quick-input facade the wizard talks to. The extension implements it with VS Code's quick
 * pick and input box (`vscodeQuickInput.ts`); tests implement it with a script. No vscode import.
 */

/** What a step answered: a value, the Back button, or Escape (the input was hidden). */
export type StepResult<T> = { kind: 'value'; value: T } | { kind: 'back' } | { kind: 'cancel' };

/** The frame every step is shown in: "Execute Service Action (3/5)", with Back after the first step. */
export interface StepFrame {
  title: string;
  step: number;
  totalSteps: number;
  canGoBack: boolean;
}

export interface PickItem<T> {
  /** Identifies the item across refreshes (and in test scripts). */
  key: string;
  /** A codicon shown before the label, e.g. "play". Label, description and detail are shown as text: a `$(name)` in them stays text. */
  icon?: string;
  label: string;
  description?: string;
  detail?: string;
  value: T;
  /** Set for an item that is shown but cannot be picked: accepting it shows this reason and keeps the list open. */
  disabledReason?: string;
}

export interface PickOneOptions<T> extends StepFrame {
  placeholder: string;
  /** The items, or a promise of them: the list shows as busy until it settles; a rejection rejects `pickOne`. */
  items: PickItem<T>[] | Promise<PickItem<T>[]>;
  /** A fresher list that replaces `items` when it arrives; if it fails, `items` stay. */
  refreshed?: Promise<PickItem<T>[]>;
  /** The key of the item the cursor starts on. */
  activeKey?: string;
}

export interface InputOptions extends StepFrame {
  prompt: string;
  placeholder?: string;
  value: string;
  /** Runs as the user types: a message naming what is wrong, or undefined when the value is fine. */
  validate(value: string): string | undefined;
  /** Masks what is typed (a secret parameter). */
  password?: boolean;
  /**
   * Offers a button to mark the value as secret (masked, never kept) and to unmark it; called with the
   * new state each time it is pressed. Not offered for parameters that are secret by their name.
   */
  onToggleSecret?(secret: boolean): void;
}

/** A question the work of a step needs answered in the middle of it (an MFA code). It is not a step: no counter, no Back. */
export interface InterjectOptions {
  title: string;
  prompt: string;
  placeholder?: string;
  /** Runs as the user types: a message naming what is wrong, or undefined when the value is fine. */
  validate(value: string): string | undefined;
}

export interface WaitOptions extends StepFrame {
  /** What is being done, e.g. "Loading the parameters of Restart…". */
  message: string;
}

export interface QuickInputUi {
  pickOne<T>(options: PickOneOptions<T>): Promise<StepResult<T>>;
  input(options: InputOptions): Promise<StepResult<string>>;
  /** A busy step while `work` runs. Escape aborts `signal` and answers cancel at once; a rejection of `work` rejects. */
  wait<T>(options: WaitOptions, work: (signal: AbortSignal) => Promise<T>): Promise<StepResult<T>>;
  /**
   * Asks in place of the step on screen, which comes back as it was once answered (a busy step keeps
   * waiting). Escape declines and also cancels the step on screen, so the whole flow ends as on
   * Escape; resolves `undefined` then. Questions asked at once are shown one after the other.
   */
  interject(options: InterjectOptions): Promise<string | undefined>;
}
