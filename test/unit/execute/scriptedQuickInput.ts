import type { InputOptions, InterjectOptions, PickItem, PickOneOptions, QuickInputUi, StepResult, WaitOptions } from '../../../src/execute/wizard/quickInput';

/** What a person does on the step on screen. */
export type ScriptAction =
  | { pick: string }
  | { type: string }
  /** Enter: the active item of a list, or the text in an input box. */
  | 'accept'
  | 'back'
  | 'escape'
  /** The button of an input box that marks the value as secret, or unmarks it. */
  | 'toggleSecret'
  /** Applies to a busy step (otherwise busy steps run to their end without consuming the script). */
  | { wait: 'back' | 'escape' };

export interface ShownStep {
  /** `question`: asked in the middle of the step on screen (`interject`), which shows again after. */
  kind: 'pick' | 'input' | 'wait' | 'question';
  title: string;
  step: number;
  totalSteps: number;
  canGoBack: boolean;
  /** The placeholder of a list, the prompt of an input box, the message of a busy step. */
  text: string;
  items?: Array<PickItem<unknown>>;
  /** The list that was showing before the refresh arrived. */
  itemsBeforeRefresh?: Array<PickItem<unknown>>;
  activeKey?: string;
  value?: string;
  /** An input box that masks what is typed. */
  password?: boolean;
  /** Whether it offered the button that marks the value as secret. */
  secretToggle?: boolean;
  /** Validation messages seen while typing, and reasons shown for items that cannot be picked. */
  messages: string[];
}

/**
 * The quick-input facade driven by a script, as a person would drive it: it refuses what the real
 * UI does not allow (Back on the first step, accepting an invalid value or a disabled item) and
 * fails the test when the script ends while a step is waiting for an answer.
 */
export class ScriptedQuickInput implements QuickInputUi {
  readonly shown: ShownStep[] = [];
  private readonly script: ScriptAction[];
  /** Cancels the step on screen while its items or its work are loading, as Escape on a question does. */
  private cancelShown: (() => void) | undefined;

  constructor(script: ScriptAction[]) {
    this.script = [...script];
  }

  get remaining(): number {
    return this.script.length;
  }

  /** "Execute Service Action (3/5)", as VS Code renders a step's title. */
  static titleOf(step: ShownStep): string {
    return `${step.title} (${step.step}/${step.totalSteps})`;
  }

  async pickOne<T>(options: PickOneOptions<T>): Promise<StepResult<T>> {
    const shown = this.show('pick', options, options.placeholder);
    shown.activeKey = options.activeKey;
    const loaded = await this.whileShown(Promise.resolve(options.items));
    if (loaded === 'cancelled') {
      return { kind: 'cancel' };
    }
    let items = loaded;
    if (options.refreshed) {
      const fresh = await this.whileShown(options.refreshed.catch(() => undefined));
      if (fresh === 'cancelled') {
        return { kind: 'cancel' };
      }
      if (fresh) {
        shown.itemsBeforeRefresh = items as Array<PickItem<unknown>>;
        items = fresh;
      }
    }
    shown.items = items as Array<PickItem<unknown>>;
    for (;;) {
      const action = this.next(shown);
      if (action === 'back' || action === 'escape') {
        return this.leave(shown, action);
      }
      let key: string | undefined;
      if (action === 'accept') {
        key = items.some((item) => item.key === options.activeKey) ? options.activeKey : items[0]?.key;
      } else if (typeof action === 'object' && 'pick' in action) {
        key = action.pick;
      } else {
        throw new Error(`A list step cannot take ${JSON.stringify(action)} (${shown.text})`);
      }
      const item = items.find((candidate) => candidate.key === key);
      if (!item) {
        throw new Error(`No item "${key}" on the step "${shown.text}"; items: ${items.map((i) => i.key).join(', ')}`);
      }
      if (item.disabledReason !== undefined) {
        shown.messages.push(item.disabledReason);
        continue;
      }
      return { kind: 'value', value: item.value };
    }
  }

  async input(options: InputOptions): Promise<StepResult<string>> {
    const shown = this.show('input', options, options.prompt);
    shown.value = options.value;
    shown.password = options.password;
    shown.secretToggle = options.onToggleSecret !== undefined;
    let value = options.value;
    for (;;) {
      const action = this.next(shown);
      if (action === 'back' || action === 'escape') {
        return this.leave(shown, action);
      }
      if (action === 'toggleSecret') {
        if (!options.onToggleSecret) {
          throw new Error(`"${shown.text}" offers no button to mark it as secret`);
        }
        shown.password = !shown.password;
        options.onToggleSecret(shown.password ?? false);
        continue;
      }
      if (typeof action === 'object' && 'type' in action) {
        value = action.type;
        const message = options.validate(value);
        if (message) {
          shown.messages.push(message);
        }
        continue;
      }
      if (action !== 'accept') {
        throw new Error(`An input step cannot take ${JSON.stringify(action)} (${shown.text})`);
      }
      const message = options.validate(value);
      if (message) {
        throw new Error(`Enter on an invalid value does nothing; the script must fix it first: ${message}`);
      }
      return { kind: 'value', value };
    }
  }

  async wait<T>(options: WaitOptions, work: (signal: AbortSignal) => Promise<T>): Promise<StepResult<T>> {
    const shown = this.show('wait', options, options.message);
    const controller = new AbortController();
    const next = this.script[0];
    if (typeof next === 'object' && 'wait' in next) {
      this.script.shift();
      controller.abort();
      void work(controller.signal).catch(() => undefined);
      return this.leave(shown, next.wait);
    }
    const done = await this.whileShown(work(controller.signal), () => controller.abort());
    return done === 'cancelled' ? { kind: 'cancel' } : { kind: 'value', value: done };
  }

  async interject(options: InterjectOptions): Promise<string | undefined> {
    const shown = this.show('question', { title: options.title, step: 0, totalSteps: 0, canGoBack: false }, options.prompt);
    shown.value = '';
    let value = '';
    for (;;) {
      const action = this.next(shown);
      if (action === 'escape') {
        // Escape declines, and the step on screen ends as on Escape.
        this.cancelShown?.();
        return undefined;
      }
      if (typeof action === 'object' && 'type' in action) {
        value = action.type;
        const message = options.validate(value);
        if (message) {
          shown.messages.push(message);
        }
        continue;
      }
      if (action !== 'accept') {
        throw new Error(`A question cannot take ${JSON.stringify(action)} (${shown.text})`);
      }
      const message = options.validate(value);
      if (message) {
        throw new Error(`Enter on an invalid value does nothing; the script must fix it first: ${message}`);
      }
      return value.trim();
    }
  }

  /** Waits for what a shown step loads, unless a question's Escape cancels the step first. */
  private async whileShown<T>(loading: Promise<T>, onCancel?: () => void): Promise<T | 'cancelled'> {
    const cancelled = new Promise<'cancelled'>((resolve) => {
      this.cancelShown = () => {
        onCancel?.();
        resolve('cancelled');
      };
    });
    try {
      return await Promise.race([loading, cancelled]);
    } finally {
      this.cancelShown = undefined;
    }
  }

  private show(kind: ShownStep['kind'], frame: Pick<WaitOptions, 'title' | 'step' | 'totalSteps' | 'canGoBack'>, text: string): ShownStep {
    const shown: ShownStep = {
      kind,
      title: frame.title,
      step: frame.step,
      totalSteps: frame.totalSteps,
      canGoBack: frame.canGoBack,
      text,
      messages: [],
    };
    this.shown.push(shown);
    return shown;
  }

  private next(shown: ShownStep): ScriptAction {
    const action = this.script.shift();
    if (action === undefined) {
      throw new Error(`The script ended while "${ScriptedQuickInput.titleOf(shown)}" was waiting: ${shown.text}`);
    }
    return action;
  }

  private leave<T>(shown: ShownStep, action: 'back' | 'escape'): StepResult<T> {
    if (action === 'back' && !shown.canGoBack) {
      throw new Error(`Back is not offered on "${ScriptedQuickInput.titleOf(shown)}"`);
    }
    return { kind: action === 'back' ? 'back' : 'cancel' };
  }
}
