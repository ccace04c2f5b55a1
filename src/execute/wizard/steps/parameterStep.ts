import type { ExecutionParameter } from '@aws-sdk/client-service-catalog';
import { t } from '@vscode/l10n';
import type { ExecuteWizardContext, ParameterAnswer } from '../wizardContext';
import { formatValueList, parseValueList, validateValueText } from '../parameterValues';
import type { PickItem, StepFrame } from '../quickInput';
import { isSecretParameter, looksSecret } from '../secretParameters';
import type { ExecuteStep, StepDeps } from './common';

type TargetChoice = 'provided' | 'previous' | 'other';

/** The step of one parameter of the action. */
export function parameterStep(deps: StepDeps, definition: ExecutionParameter): ExecuteStep {
  const name = definition.Name ?? '';
  const isTarget = definition.Type === 'TARGET';
  return {
    kind: 'prompt',
    // With several products, a TARGET stays each product's own: one value for all would aim them all at one resource.
    // Given parameters skip the steps, except a secret the caller could not give back ("Execute again" of a record,
    // which never keeps one): with a person reviewing, it is asked again.
    shouldRun: (ctx) =>
      !(isTarget && (ctx.products?.length ?? 0) > 1) &&
      (!ctx.presetParameters || (ctx.review && isSecretParameter(name, ctx.markedSecret) && !(name in ctx.presetParameters))),
    run: async (ctx, frame, recall) => {
      const previous = recall.action?.id === ctx.action?.id ? recall.answers?.[name] : undefined;
      const first = ctx.products?.[0];
      const remembered = first && ctx.action ? deps.memory.lastParameters(first.profile, first.region, first.id, ctx.action.id)[name] : undefined;
      const start = previous ?? (remembered ? { values: remembered } : undefined);
      let marked = ctx.markedSecret ?? [];
      const secret = {
        masked: isSecretParameter(name, marked),
        // A name that looks secret stays secret; any other can be marked (and unmarked) by the user.
        toggle: looksSecret(name) ? undefined : (on: boolean) => (marked = on ? [...marked.filter((other) => other !== name), name] : marked.filter((other) => other !== name)),
      };
      const answer = isTarget
        ? await askTarget(deps, frame, definition, start)
        : await askText(deps, frame, definition, start?.values ?? definition.DefaultValues ?? [], secret);
      if (answer === 'back' || answer === 'cancel') {
        return answer;
      }
      answerInto(ctx, name, answer);
      ctx.markedSecret = marked;
      return 'next';
    },
  };
}

function answerInto(ctx: ExecuteWizardContext, name: string, answer: ParameterAnswer): void {
  ctx.answers = { ...ctx.answers, [name]: answer };
}

async function askTarget(
  { ui }: StepDeps,
  frame: StepFrame,
  definition: ExecutionParameter,
  start: ParameterAnswer | undefined,
): Promise<ParameterAnswer | 'back' | 'cancel'> {
  const name = definition.Name ?? '';
  const provided = definition.DefaultValues ?? [];
  const override = start?.values && !sameValues(start.values, provided) ? start.values : undefined;
  const items: Array<PickItem<TargetChoice>> = [
    {
      key: 'provided',
      label: t('Use the value Service Catalog provides'),
      description: provided.length > 0 ? formatValueList(provided) : t('(filled in when the action runs)'),
      detail: t(
        '{0} is a TARGET parameter: it names the resource the action works on, and Service Catalog fills in this product\'s own. Keep it unless you mean another resource.',
        name,
      ),
      value: 'provided',
    },
  ];
  if (override) {
    items.push({ key: 'previous', label: t('Use {0}', formatValueList(override)), description: t('the value you gave last time'), value: 'previous' });
  }
  items.push({ key: 'other', label: t('Enter another value…'), detail: t('Overrides the value Service Catalog provides.'), value: 'other' });

  for (;;) {
    const picked = await ui.pickOne({
      ...frame,
      placeholder: t('{0}: keep the value Service Catalog provides (Enter) or give another', name),
      items,
      activeKey: override ? 'previous' : 'provided',
    });
    if (picked.kind !== 'value') {
      return picked.kind;
    }
    if (picked.value === 'provided') {
      return {};
    }
    if (picked.value === 'previous') {
      return { values: override };
    }
    // Back from the box returns to the list above, even on the first step.
    const typed = await askText({ ui }, { ...frame, canGoBack: true }, definition, override ?? provided, { masked: false });
    if (typed === 'cancel') {
      return typed;
    }
    if (typed !== 'back') {
      return typed.values && sameValues(typed.values, provided) ? {} : typed;
    }
  }
}

async function askText(
  { ui }: Pick<StepDeps, 'ui'>,
  frame: StepFrame,
  definition: ExecutionParameter,
  initial: string[],
  secret: { masked: boolean; toggle?: (on: boolean) => void },
): Promise<Required<ParameterAnswer> | 'back' | 'cancel'> {
  const name = definition.Name ?? '';
  const defaults = definition.DefaultValues ?? [];
  const initialText = formatValueList(initial);
  const result = await ui.input({
    ...frame,
    prompt: [
      t('{0} ({1}).', name, definition.Type ?? 'TEXT_VALUE'),
      t('Separate several values with commas; write \\, for a comma inside a value.'),
      defaults.length > 0 ? t('Default: {0}', formatValueList(defaults)) : t('No default.'),
    ].join(' '),
    placeholder: t('Values of {0}', name),
    value: initialText,
    validate: validateValueText,
    password: secret.masked,
    onToggleSecret: secret.toggle,
  });
  if (result.kind !== 'value') {
    return result.kind;
  }
  // Unchanged text keeps the exact values it was made from (spaces and empty strings included).
  return { values: result.value === initialText ? [...initial] : parseValueList(result.value) };
}

export function sameValues(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
