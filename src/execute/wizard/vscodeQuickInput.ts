import * as vscode from 'vscode';
import { withoutIcons, withoutLinks } from '../../platform/plainText';
import type { InputOptions, InterjectOptions, PickItem, PickOneOptions, QuickInputUi, StepFrame, StepResult, WaitOptions } from './quickInput';

interface Item<T> extends vscode.QuickPickItem {
  source: PickItem<T>;
}

/** The step on screen, as `interject` sees it. */
interface ActiveStep {
  input: vscode.QuickInput;
  /** While a question is shown in its place: VS Code hides the step for it, which is not Escape. */
  suspended: boolean;
  readonly active: boolean;
  cancel(): void;
}

/**
 * The quick-input facade on VS Code's quick pick and input box. Every call settles exactly once:
 * with a value, Back, or cancel when the input is hidden (Escape, or focus moving away is ignored).
 */
export class VscodeQuickInput implements QuickInputUi {
  private current: ActiveStep | undefined;
  private questions: Promise<unknown> = Promise.resolve();

  pickOne<T>(options: PickOneOptions<T>): Promise<StepResult<T>> {
    return new Promise<StepResult<T>>((resolve, reject) => {
      const pick = vscode.window.createQuickPick<Item<T>>();
      const settle = this.once(pick, resolve, reject);
      frame(pick, options);
      pick.placeholder = options.placeholder;
      pick.matchOnDescription = true;
      pick.matchOnDetail = true;

      let activeKey = options.activeKey;
      const show = (items: Array<PickItem<T>>) => {
        if (!settle.active) {
          return;
        }
        // Names and descriptions come from AWS: a `$(name)` in them must not become an icon.
        pick.items = items.map((source) => ({
          label: `${source.icon ? `$(${source.icon}) ` : ''}${withoutIcons(source.label)}`,
          description: source.description === undefined ? undefined : withoutIcons(source.description),
          detail: source.detail === undefined ? undefined : withoutIcons(source.detail),
          source,
        }));
        const active = pick.items.find((item) => item.source.key === activeKey);
        if (active) {
          pick.activeItems = [active];
        }
      };

      settle.on(pick.onDidChangeActive((items) => (activeKey = items[0]?.source.key ?? activeKey)));
      settle.on(pick.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && settle.done({ kind: 'back' })));
      settle.onHide(() => settle.done({ kind: 'cancel' }));
      settle.on(
        pick.onDidAccept(() => {
          const item = pick.selectedItems[0] ?? pick.activeItems[0];
          if (!item) {
            return;
          }
          if (item.source.disabledReason !== undefined) {
            void vscode.window.showWarningMessage(withoutLinks(item.source.disabledReason));
            return;
          }
          settle.done({ kind: 'value', value: item.source.value });
        }),
      );

      if (Array.isArray(options.items)) {
        show(options.items);
      } else {
        pick.busy = true;
        options.items.then(
          (items) => {
            if (settle.active) {
              pick.busy = !!options.refreshed;
            }
            show(items);
          },
          (error: unknown) => settle.fail(error),
        );
      }
      if (options.refreshed) {
        pick.busy = true;
        options.refreshed.then(
          (items) => {
            if (settle.active) {
              pick.busy = false;
            }
            show(items);
          },
          () => settle.active && (pick.busy = false),
        );
      }
      pick.show();
    });
  }

  input(options: InputOptions): Promise<StepResult<string>> {
    return new Promise<StepResult<string>>((resolve, reject) => {
      const box = vscode.window.createInputBox();
      const settle = this.once(box, resolve, reject);
      frame(box, options);
      // The prompt names the parameter and its defaults, which come from AWS: VS Code makes `[text](link)` in it a link.
      box.prompt = withoutLinks(options.prompt);
      box.placeholder = options.placeholder;
      box.value = options.value;
      box.password = options.password ?? false;
      box.validationMessage = options.validate(options.value);
      const toggle = options.onToggleSecret;
      const secretButton = () => secretToggleButton(box.password);
      let shownToggle = toggle ? secretButton() : undefined;
      if (shownToggle) {
        box.buttons = [...box.buttons, shownToggle];
      }

      settle.on(box.onDidChangeValue((value) => (box.validationMessage = options.validate(value))));
      settle.on(
        box.onDidTriggerButton((button) => {
          if (button === vscode.QuickInputButtons.Back) {
            settle.done({ kind: 'back' });
          } else if (toggle && button === shownToggle) {
            box.password = !box.password;
            toggle(box.password);
            const next = secretButton();
            box.buttons = box.buttons.map((existing) => (existing === shownToggle ? next : existing));
            shownToggle = next;
          }
        }),
      );
      settle.onHide(() => settle.done({ kind: 'cancel' }));
      settle.on(
        box.onDidAccept(() => {
          const message = options.validate(box.value);
          box.validationMessage = message;
          if (!message) {
            settle.done({ kind: 'value', value: box.value });
          }
        }),
      );
      box.show();
    });
  }

  wait<T>(options: WaitOptions, work: (signal: AbortSignal) => Promise<T>): Promise<StepResult<T>> {
    return new Promise<StepResult<T>>((resolve, reject) => {
      const pick = vscode.window.createQuickPick();
      const settle = this.once(pick, resolve, reject);
      const controller = new AbortController();
      frame(pick, options);
      pick.placeholder = options.message;
      pick.busy = true;
      settle.on(pick.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && settle.done({ kind: 'back' })));
      settle.onHide(() => settle.done({ kind: 'cancel' }));
      settle.on({ dispose: () => controller.abort() });
      pick.show();
      work(controller.signal).then(
        (value) => settle.done({ kind: 'value', value }),
        (error: unknown) => settle.fail(error),
      );
    });
  }

  interject(options: InterjectOptions): Promise<string | undefined> {
    const asked = this.questions.then(() => this.ask(options));
    this.questions = asked.catch(() => undefined);
    return asked;
  }

  private ask(options: InterjectOptions): Promise<string | undefined> {
    const step = this.current?.active ? this.current : undefined;
    if (step) {
      step.suspended = true;
    }
    return new Promise<string | undefined>((resolve) => {
      const box = vscode.window.createInputBox();
      const listeners: vscode.Disposable[] = [];
      let answered = false;
      const finish = (value: string | undefined) => {
        if (answered) {
          return;
        }
        answered = true;
        listeners.forEach((listener) => listener.dispose());
        box.dispose();
        if (step?.active) {
          if (value === undefined) {
            step.cancel();
          } else {
            // The step comes back as it was: a list with its items, a busy step still busy.
            step.input.show();
          }
        }
        if (step) {
          step.suspended = false;
        }
        resolve(value);
      };
      box.title = options.title;
      // The prompt may quote the AWS config (an MFA device's ARN): VS Code makes `[text](link)` in it a link.
      box.prompt = withoutLinks(options.prompt);
      box.placeholder = options.placeholder;
      box.ignoreFocusOut = true;
      listeners.push(
        box.onDidChangeValue((value) => (box.validationMessage = options.validate(value))),
        box.onDidAccept(() => {
          const message = options.validate(box.value);
          box.validationMessage = message;
          if (!message) {
            finish(box.value.trim());
          }
        }),
        box.onDidHide(() => finish(undefined)),
      );
      box.show();
    });
  }

  /** Settles a step once and disposes of its input and listeners, whatever happens first; the step is the one on screen meanwhile. */
  private once<R>(input: vscode.QuickInput, resolve: (value: R) => void, reject: (error: unknown) => void) {
    const disposables: vscode.Disposable[] = [];
    let settled = false;
    let cancel = () => undefined as void;
    const step: ActiveStep = {
      input,
      suspended: false,
      get active() {
        return !settled;
      },
      cancel: () => cancel(),
    };
    this.current = step;
    const finish = (): boolean => {
      if (settled) {
        return false;
      }
      settled = true;
      if (this.current === step) {
        this.current = undefined;
      }
      disposables.forEach((disposable) => disposable.dispose());
      input.dispose();
      return true;
    };
    const settle = {
      get active(): boolean {
        return !settled;
      },
      on: (disposable: vscode.Disposable) => disposables.push(disposable),
      /** Hiding is Escape, unless a question is being shown in the step's place. */
      onHide: (cancelled: () => void) => {
        cancel = cancelled;
        disposables.push(input.onDidHide(() => !step.suspended && cancelled()));
      },
      done: (value: R) => finish() && resolve(value),
      fail: (error: unknown) => finish() && reject(error),
    };
    return settle;
  }
}

/** The button that marks a parameter as secret (masked, never kept), or unmarks it. */
function secretToggleButton(secret: boolean): vscode.QuickInputButton {
  return secret
    ? { iconPath: new vscode.ThemeIcon('lock'), tooltip: vscode.l10n.t('Secret: masked, and never kept after the run. Click if it is not a secret.') }
    : { iconPath: new vscode.ThemeIcon('unlock'), tooltip: vscode.l10n.t('Mark as Secret: mask the value and never keep it (remembered for this action)') };
}

function frame(input: vscode.QuickInput & { buttons: readonly vscode.QuickInputButton[] }, options: StepFrame): void {
  input.title = options.title;
  input.step = options.step;
  input.totalSteps = options.totalSteps;
  input.buttons = options.canGoBack ? [vscode.QuickInputButtons.Back] : [];
  input.ignoreFocusOut = true;
}
