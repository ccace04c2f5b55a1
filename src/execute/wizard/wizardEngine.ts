import type { StepFrame } from './quickInput';

/** What a step did: go on, go back, stop everything (Escape), or end the wizard early with a reason. */
export type StepOutcome<E> = 'next' | 'back' | 'cancel' | { end: E };

/**
 * One step over a shared context. A step writes its answer into the context by assigning top-level
 * properties (never by mutating nested objects), so Back can restore the context as it was.
 */
export interface WizardStep<C, E> {
  /** `prompt` steps ask something: they are counted and Back returns to them. `task` steps load what later steps show. */
  readonly kind: 'prompt' | 'task';
  /** False when the context already has the answer: the step is skipped. */
  shouldRun(ctx: C): boolean;
  /** `recall` holds every answer given so far, Back included, so a step shown again can start on its last answer. */
  run(ctx: C, frame: StepFrame, recall: Readonly<Partial<C>>): Promise<StepOutcome<E>>;
}

export type WizardResult<C, E> = { kind: 'done'; ctx: C } | { kind: 'cancelled' } | { kind: 'ended'; end: E };

/**
 * Runs steps in order until the last one is done. `plan` is asked for the steps again before each
 * one, so steps that depend on earlier answers (one per parameter) appear once those answers exist.
 * The step counter counts the prompts shown so far plus those still ahead that will prompt.
 */
export async function runWizard<C extends object, E>(
  title: string,
  plan: (ctx: C) => ReadonlyArray<WizardStep<C, E>>,
  start: C,
  options: { recallByEntry?: ReadonlyArray<keyof C> } = {},
): Promise<WizardResult<C, E>> {
  let ctx: C = { ...start };
  let index = 0;
  // The prompts shown, each with the context as it was before it, for Back.
  const history: Array<{ index: number; before: C }> = [];
  let recall: Partial<C> = {};

  for (;;) {
    const steps = plan(ctx);
    if (index >= steps.length) {
      return { kind: 'done', ctx };
    }
    const step = steps[index];
    if (!step.shouldRun(ctx)) {
      index += 1;
      continue;
    }
    const ahead = steps.slice(index + 1).filter((later) => later.kind === 'prompt' && later.shouldRun(ctx)).length;
    const shown = history.length + (step.kind === 'prompt' ? 1 : 0);
    const frame: StepFrame = {
      title,
      step: Math.max(shown, 1),
      totalSteps: Math.max(shown + ahead, 1),
      canGoBack: history.length > 0,
    };
    const before: C = { ...ctx };
    const outcome = await step.run(ctx, frame, recall);

    if (outcome === 'cancel') {
      return { kind: 'cancelled' };
    }
    if (typeof outcome === 'object') {
      return { kind: 'ended', end: outcome.end };
    }
    if (outcome === 'back') {
      const previous = history.pop();
      if (previous) {
        ctx = { ...previous.before };
        index = previous.index;
      } else {
        ctx = before;
      }
      continue;
    }
    if (step.kind === 'prompt') {
      history.push({ index, before });
    }
    recall = remember(recall, ctx, options.recallByEntry ?? []);
    index += 1;
  }
}

/**
 * Every defined answer, the latest winning. Keys in `byEntry` hold maps (one answer per parameter)
 * and are merged entry by entry, so answering one parameter again does not forget the others.
 */
function remember<C extends object>(recall: Partial<C>, ctx: C, byEntry: ReadonlyArray<keyof C>): Partial<C> {
  const next: Partial<C> = { ...recall };
  for (const key of Object.keys(ctx) as Array<keyof C>) {
    const value = ctx[key];
    if (value === undefined) {
      continue;
    }
    next[key] = byEntry.includes(key) ? ({ ...(recall[key] as object | undefined), ...(value as object) } as C[keyof C]) : value;
  }
  return next;
}
