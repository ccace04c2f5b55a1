import { t } from '@vscode/l10n';
import { estimateOf, load, settle, type ExecuteStep, type StepDeps } from './common';
import type { ActionInfo } from '../../executionPlan';

export function actionStep({ ui, memory }: StepDeps): ExecuteStep {
  return {
    kind: 'prompt',
    shouldRun: (ctx) => !ctx.action,
    run: async (ctx, frame, recall) => {
      const first = ctx.products?.[0];
      const actions = ctx.actions ?? [];
      const result = await ui.pickOne<ActionInfo>({
        ...frame,
        placeholder: ctx.products && ctx.products.length > 1
          ? t('Pick the action to run on {0} products', ctx.products.length)
          : t('Pick the action to run on {0}', first?.name ?? ''),
        items: actions.map((action) => ({
          key: action.id,
          label: action.name ?? action.id,
          description: action.id,
          detail: action.description,
          value: action,
        })),
        activeKey: recall.action?.id ?? (first ? memory.lastAction(first.profile, first.region, first.id) : undefined),
      });
      return settle(result, (action) => {
        ctx.action = action;
        return 'next';
      });
    },
  };
}

/** Reads the action (its description and document) and its parameters for the first product. */
export function actionTask(deps: StepDeps): ExecuteStep {
  const { source } = deps;
  return {
    kind: 'task',
    shouldRun: (ctx) => !!ctx.action && !!ctx.products?.length && !ctx.definitions,
    run: async (ctx, frame) => {
      const action = ctx.action as ActionInfo;
      const first = ctx.products![0];
      return load(
        deps,
        frame,
        t('Reading the parameters of {0}', action.name ?? action.id),
        first.profile,
        (signal) =>
          Promise.all([
            source.action(first.profile, first.region, action.id, signal),
            source.parameters(first.profile, first.region, first.id, action.id, signal),
          ]),
        ([detail, definitions]) => {
          const summary = detail.ServiceActionSummary;
          ctx.action = {
            id: action.id,
            name: summary?.Name ?? action.name,
            description: summary?.Description ?? action.description,
            documentName: detail.Definition?.Name,
            documentVersion: detail.Definition?.Version,
          };
          ctx.definitions = definitions.filter((definition) => definition.Name);
          // Read the action's history while the parameters are answered: the review then shows the estimate at once.
          void estimateOf(deps, ctx);
          ctx.markedSecret = deps.memory.markedSecret(action.id).filter((name) => ctx.definitions?.some((definition) => definition.Name === name));
          const unknown = Object.keys(ctx.presetParameters ?? {}).filter(
            (name) => !ctx.definitions?.some((definition) => definition.Name === name),
          );
          if (unknown.length > 0) {
            const names = ctx.definitions.map((definition) => definition.Name).join(', ');
            return {
              end: {
                kind: 'stopped',
                message: t(
                  '{0} is not a parameter of {1}; its parameters are: {2}.',
                  unknown.join(', '),
                  ctx.action.name ?? action.id,
                  names || t('none'),
                ),
              },
            };
          }
          return 'next';
        },
      );
    },
  };
}
