import { t } from '@vscode/l10n';
import { mfaPromptText, validateMfaCode, type MfaCodeAsker, type MfaCodeRequest } from '../../platform/mfaRouter';
import type { ExecuteRequest } from '../../catalog/executeArguments';
import { planOf, type ExecuteWizardContext, type ProfileChoice, type SsoSourceChoice, type WizardEnd } from './wizardContext';
import { actionStep, actionTask } from './steps/actionSteps';
import { failure, type ExecuteStep, type StepDeps } from './steps/common';
import { onlyChoicesTask, profileStep, regionStep } from './steps/locationSteps';
import { accountStep, roleStep } from './steps/identityCenterSteps';
import { parameterStep } from './steps/parameterStep';
import { productStep, productsTask } from './steps/productSteps';
import { reviewStep } from './steps/reviewStep';
import type { QuickInputUi } from './quickInput';
import { runWizard } from './wizardEngine';
import type { ExecutionPlan } from '../executionPlan';

export type ExecuteWizardResult =
  | { kind: 'confirmed'; plan: ExecutionPlan }
  | { kind: 'cancelled' }
  | { kind: 'ended'; end: WizardEnd };

export interface ExecuteWizardOptions extends StepDeps {
  confirmBeforeExecute: boolean;
  /**
   * Where MFA code requests go (`MfaCodeRouter`): while the wizard runs, a read that needs a code asks
   * in the wizard, in place of the busy step, which then goes on; Escape there ends the wizard.
   */
  mfa?: { route(asker: MfaCodeAsker): { dispose(): void } };
}

/** The steps in order; those whose answer is known skip themselves. */
function stepsFor(deps: StepDeps, ctx: ExecuteWizardContext): ExecuteStep[] {
  return [
    onlyChoicesTask(),
    profileStep(deps),
    accountStep(deps),
    roleStep(deps),
    onlyChoicesTask(),
    regionStep(deps),
    productStep(deps),
    productsTask(deps),
    actionStep(deps),
    actionTask(deps),
    ...(ctx.definitions ?? []).map((definition) => parameterStep(deps, definition)),
    reviewStep(deps),
  ];
}

/**
 * Asks what the request does not answer: profile → region → product → action → each parameter →
 * review. Escape anywhere ends with `cancelled` and nothing has been executed.
 */
export async function runExecuteWizard(request: ExecuteRequest, options: ExecuteWizardOptions): Promise<ExecuteWizardResult> {
  const routed = options.mfa?.route((mfa) => askMfaCode(options.ui, mfa));
  try {
    return await runSteps(request, options);
  } finally {
    routed?.dispose();
  }
}

/** The MFA code, asked in the wizard: the profile and the device in the title, six digits, Escape ends the wizard. */
export function askMfaCode(ui: QuickInputUi, request: MfaCodeRequest): Promise<string | undefined> {
  const text = mfaPromptText(request);
  return ui.interject({ title: text.title, prompt: text.prompt, placeholder: text.placeholder, validate: validateMfaCode });
}

async function runSteps(request: ExecuteRequest, options: ExecuteWizardOptions): Promise<ExecuteWizardResult> {
  let profiles: ProfileChoice[];
  let ssoSources: SsoSourceChoice[];
  try {
    [profiles, ssoSources] = await Promise.all([options.source.profiles(), options.source.ssoSources()]);
    // A discovered IAM Identity Center role named by the arguments or a tree item is a scope no profile list holds.
    for (const name of new Set([request.profile, ...request.targets.map((target) => target.profile)])) {
      const choice: ProfileChoice | undefined = name !== undefined && !profiles.some((profile) => profile.name === name) ? await options.source.scopeChoice(name) : undefined;
      if (choice) profiles = [...profiles, choice];
    }
  } catch (error) {
    const outcome = failure(options, error, t('Reading the AWS profiles'), request.profile);
    return typeof outcome === 'object' ? { kind: 'ended', end: outcome.end } : { kind: 'cancelled' };
  }
  const unknownProfile = [request.profile, ...request.targets.map((target) => target.profile)].find(
    (name) => name !== undefined && !profiles.some((profile) => profile.name === name),
  );
  if (unknownProfile !== undefined) {
    return {
      kind: 'ended',
      end: { kind: 'stopped', message: t('Profile "{0}" is not in the AWS config or credentials file.', unknownProfile) },
    };
  }

  const start: ExecuteWizardContext = {
    confirmBeforeExecute: options.confirmBeforeExecute,
    review: request.review,
    profiles,
    ssoSources,
    profile: request.profile,
    region: request.region,
    targets: request.targets.length > 0 ? request.targets : undefined,
    action: request.serviceActionId ? { id: request.serviceActionId } : undefined,
    presetParameters: request.parameters,
  };
  const result = await runWizard(t('Execute Service Action'), (ctx) => stepsFor(options, ctx), start, { recallByEntry: ['answers'] });
  if (result.kind === 'done') {
    const plan = planOf(result.ctx);
    // Prefilling the next run is a convenience: a failed write must not stop this one.
    await options.memory
      .remember({ products: plan.products, actionId: plan.action.id, parameters: plan.parameters, markedSecret: result.ctx.markedSecret })
      .catch(() => undefined);
    return { kind: 'confirmed', plan };
  }
  return result;
}
