import { problemOf } from '../../../aws/errors';
import type { SecretRedactor } from '../../../aws/secrets';
import type { DurationEstimate, EstimateDuration } from '../../../catalog/durations';
import type { CatalogSource } from '../catalogSource';
import type { ChoiceMemory } from '../choiceMemory';
import type { ExecuteWizardContext, WizardEnd } from '../wizardContext';
import type { QuickInputUi, StepFrame, StepResult } from '../quickInput';
import type { StepOutcome, WizardStep } from '../wizardEngine';

export type ExecuteStep = WizardStep<ExecuteWizardContext, WizardEnd>;
export type ExecuteOutcome = StepOutcome<WizardEnd>;

export interface StepDeps {
  ui: QuickInputUi;
  source: CatalogSource;
  memory: ChoiceMemory;
  /** Masks secrets in the text of errors that are not already classified (`aws.redactor`). */
  redactor: SecretRedactor;
  /** How long the action usually takes on the product (the records feature, injected); the review says it when there is an answer. */
  estimateDuration?: EstimateDuration;
}

/** The estimate of the chosen action on the first product, or undefined when there is none (a failure included: it only informs). */
export function estimateOf(deps: Pick<StepDeps, 'estimateDuration'>, ctx: ExecuteWizardContext): Promise<DurationEstimate | undefined> {
  const first = ctx.products?.[0];
  if (!deps.estimateDuration || !first?.productId || !ctx.action) {
    return Promise.resolve(undefined);
  }
  return deps
    .estimateDuration({
      profile: first.profile,
      region: first.region,
      productId: first.productId,
      provisioningArtifactId: first.artifactId,
      serviceActionId: ctx.action.id,
    })
    .catch(() => undefined);
}

/** Back and cancel as step outcomes; a value goes to `onValue`. */
export function settle<T>(result: StepResult<T>, onValue: (value: T) => ExecuteOutcome): ExecuteOutcome {
  if (result.kind === 'back' || result.kind === 'cancel') {
    return result.kind;
  }
  return onValue(result.value);
}

/** A failed read ends the wizard with the classified problem (its text redacted); the command shows it with its fix. */
export function failure({ redactor }: Pick<StepDeps, 'redactor'>, error: unknown, doing: string, profile?: string): ExecuteOutcome {
  return { end: { kind: 'failed', problem: problemOf(error, redactor, { profile: profile ?? '' }), doing, profile } };
}

/**
 * A read shown as a busy step (`doing`, e.g. "Reading web-1"); its failure ends the wizard. `apply`
 * writes the result into the context only once the read is done and was not cancelled.
 */
export async function load<T>(
  deps: Pick<StepDeps, 'ui' | 'redactor'>,
  frame: StepFrame,
  doing: string,
  profile: string | undefined,
  work: (signal: AbortSignal) => Promise<T>,
  apply: (value: T) => ExecuteOutcome,
): Promise<ExecuteOutcome> {
  let result: StepResult<T>;
  try {
    result = await deps.ui.wait({ ...frame, message: `${doing}…` }, work);
  } catch (error) {
    return failure(deps, error, doing, profile);
  }
  return settle(result, apply);
}

export function regionsOf(ctx: ExecuteWizardContext, profile: string | undefined): string[] {
  return ctx.profiles.find((candidate) => candidate.name === profile)?.regions ?? [];
}
