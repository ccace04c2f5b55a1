import { t } from '@vscode/l10n';
import { explicitParameters, type ExecuteWizardContext } from '../wizardContext';
import { formatValueList } from '../parameterValues';
import type { PickItem } from '../quickInput';
import { isSecretParameter, maskedValue } from '../secretParameters';
import { estimateOf, settle, type ExecuteStep, type StepDeps } from './common';
import type { DurationEstimate } from '../../../catalog/durations';
import { usuallyTakesText } from '../../../shared/estimateText';
import type { ProductInfo } from '../../executionPlan';

/** The last step: everything the execution will do, and an explicit "Execute". */
export function reviewStep(deps: StepDeps): ExecuteStep {
  return {
    kind: 'prompt',
    shouldRun: (ctx) => ctx.confirmBeforeExecute || ctx.review,
    run: async (ctx, frame) => {
      // The review shows at once; how long the action usually takes joins it when the estimate answers.
      const estimate = estimateOf(deps, ctx);
      const result = await deps.ui.pickOne({
        ...frame,
        placeholder: t('Check the request, then pick Execute (Escape cancels: nothing has run)'),
        items: reviewItems(ctx),
        refreshed: deps.estimateDuration ? estimate.then((known) => (known ? reviewItems(ctx, known) : Promise.reject(new Error('no estimate')))) : undefined,
        activeKey: 'execute',
      });
      return settle(result, () => 'next');
    },
  };
}

export function reviewItems(ctx: ExecuteWizardContext, estimate?: DurationEstimate): Array<PickItem<string>> {
  const products = ctx.products ?? [];
  const action = ctx.action;
  const actionName = action?.name ?? action?.id ?? '';
  const info = t('This line is a detail of the request. Pick "Execute" to run it, Back to change it, or Escape to cancel.');
  const item = (key: string, label: string, description?: string, detail?: string): PickItem<string> => ({
    key,
    label,
    description,
    detail,
    value: key,
    disabledReason: info,
  });

  const items: Array<PickItem<string>> = [
    {
      key: 'execute',
      icon: 'play',
      label: t('Execute {0}', actionName),
      description: products.length === 1 ? t('on {0}', products[0].name) : t('on {0} products', products.length),
      detail: action?.description || t('(The action has no description.)'),
      value: 'execute',
    },
    item(
      'action',
      t('Action: {0}', actionName),
      action?.id,
      action?.documentName
        ? t('Runs the SSM document {0}{1}', action.documentName, action.documentVersion ? ` (${t('version {0}', action.documentVersion)})` : '')
        : undefined,
    ),
  ];
  for (const product of products) {
    items.push(item(`product:${product.id}`, t('Product: {0}', product.name), versionOf(product), whereOf(product)));
  }
  const given = explicitParameters(ctx);
  for (const definition of ctx.definitions ?? []) {
    const name = definition.Name ?? '';
    const defaults = definition.DefaultValues ?? [];
    let value: string;
    if (given[name]) {
      value = given[name].length === 0 ? t('(no values)') : isSecretParameter(name, ctx.markedSecret) ? maskedValue : formatValueList(given[name]);
    } else if (definition.Type === 'TARGET') {
      value = products.length > 1
        ? t("each product's own, provided by Service Catalog")
        : t('provided by Service Catalog ({0})', defaults.length > 0 ? formatValueList(defaults) : t('filled in when the action runs'));
    } else {
      value = t('its default ({0})', defaults.length > 0 ? formatValueList(defaults) : t('none'));
    }
    items.push(item(`parameter:${name}`, t('Parameter {0}: {1}', name, value), definition.Type));
  }
  for (const { product, reason } of ctx.skipped ?? []) {
    items.push({ ...item(`skipped:${product.id}`, t('Skipped: {0}', product.name), undefined, reason), icon: 'circle-slash' });
  }
  if (estimate) {
    items.splice(2, 0, { ...item('estimate', usuallyTakesText(estimate), undefined, t('From earlier runs of this action on this product.')), icon: 'watch' });
  }
  return items;
}

function versionOf(product: ProductInfo): string {
  return [product.productName ?? product.productId, product.artifactName ?? product.artifactId].filter(Boolean).join(' ');
}

function whereOf(product: ProductInfo): string {
  return t(
    '{0} · profile {1} · account {2} · region {3}',
    product.id,
    product.profile,
    product.accountId ?? t('unknown'),
    product.region,
  );
}
