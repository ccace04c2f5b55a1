import type { ProvisionedProductAttribute } from '@aws-sdk/client-service-catalog';
import { t } from '@vscode/l10n';
import { productDescription, productStatusPresentation, sortProducts } from '../../../catalog/productStatus';
import type { WizardEnd } from '../wizardContext';
import type { PickItem } from '../quickInput';
import { failure, load, settle, type ExecuteStep, type StepDeps } from './common';
import type { ProductInfo, ActionInfo } from '../../executionPlan';

/** Why a product cannot run an action now (Service Catalog would refuse it), or undefined. */
export function busyReason(product: { name: string; status?: string; lastRecordId?: string }): string | undefined {
  if (productStatusPresentation(product.status).actionable) {
    return undefined;
  }
  if (product.status === 'PLAN_IN_PROGRESS') {
    return t('{0} has a plan in progress; wait until it is available.', product.name);
  }
  if (product.status === 'UNDER_CHANGE') {
    return product.lastRecordId
      ? t('{0} is under change: record {1} is still running. Wait until it ends.', product.name, product.lastRecordId)
      : t('{0} is under change; wait until it is available.', product.name);
  }
  return undefined;
}

/** The products as the tree shows them: its status icons and words, sorted by name as a person expects ("web-2" before "web-10"). */
export function productItems(products: ProvisionedProductAttribute[]): Array<PickItem<ProvisionedProductAttribute | undefined>> {
  const items = sortProducts(products.filter((product) => product.Id)).map((product): PickItem<ProvisionedProductAttribute | undefined> => {
    const name = product.Name ?? product.Id ?? '';
    const status = productStatusPresentation(product.Status);
    const reason = busyReason({ name, status: product.Status, lastRecordId: product.LastRecordId });
    return {
      key: product.Id ?? '',
      icon: status.icon,
      label: name,
      description: productDescription(product),
      // The status in words and as AWS says it, so a search finds either.
      detail: [product.Id, statusText(product.Status, status.label), reason].filter(Boolean).join(' · '),
      value: product,
      disabledReason: reason,
    };
  });
  if (items.length > 0) {
    return items;
  }
  return [
    {
      key: '',
      label: t('No provisioned products'),
      detail: t('None that this profile can see at the serviceCatalog.accessLevel setting. Go Back to pick another profile or region.'),
      value: undefined,
      disabledReason: t('There is no provisioned product to pick here.'),
    },
  ];
}

function statusText(status: string | undefined, label: string): string | undefined {
  return status === undefined || status === label ? status : `${label} (${status})`;
}

export function productStep(deps: StepDeps): ExecuteStep {
  const { ui, source, memory } = deps;
  return {
    kind: 'prompt',
    shouldRun: (ctx) => !ctx.targets?.length,
    run: async (ctx, frame, recall) => {
      const profile = ctx.profile ?? '';
      const region = ctx.region ?? '';
      const listing = source.products(profile, region);
      const fresh = listing.fresh.then(productItems);
      // The cached list is shown at once; a failed refresh leaves it there.
      fresh.catch(() => undefined);
      const remembered = recall.profile === profile && recall.region === region ? recall.targets?.[0]?.provisionedProductId : undefined;
      let result;
      try {
        result = await ui.pickOne({
          ...frame,
          placeholder: t('Pick a provisioned product (search by name, id, product or status) — {0}, {1}', profile, region),
          items: listing.cached ? productItems(listing.cached) : fresh,
          refreshed: listing.cached ? fresh : undefined,
          activeKey: remembered ?? memory.lastProduct(profile, region),
        });
      } catch (error) {
        return failure(deps, error, t('Listing the provisioned products of {0} in {1}', profile, region), profile);
      }
      return settle(result, (product) => {
        if (!product?.Id) {
          return 'cancel';
        }
        ctx.targets = [{ profile, region, provisionedProductId: product.Id, product }];
        return 'next';
      });
    },
  };
}

/**
 * Describes the targets as Service Catalog sees them now, checks that they can run an action
 * (several must be of one product version), and lists that version's actions.
 */
export function productsTask(deps: StepDeps): ExecuteStep {
  const { source } = deps;
  return {
    kind: 'task',
    shouldRun: (ctx) => !!ctx.targets?.length && !ctx.products,
    run: async (ctx, frame) => {
      const targets = ctx.targets ?? [];
      const doing = targets.length === 1
        ? t('Reading {0}', targets[0].product?.Name ?? targets[0].provisionedProductId)
        : t('Reading {0} provisioned products', targets.length);
      const listActions = !ctx.action;
      return load(
        deps,
        frame,
        doing,
        targets[0].profile,
        async (signal) => {
          const infos = await Promise.all(targets.map((target) => source.product(target, signal)));
          const first = infos[0];
          const actions = listActions && first.productId && first.artifactId
            ? await source.actions(first.profile, first.region, first.productId, first.artifactId, signal)
            : undefined;
          return { infos, actions };
        },
        ({ infos, actions }) => {
          const mixed = sameVersionProblem(infos);
          if (mixed) {
            return { end: mixed };
          }
          const ready = infos.filter((info) => !busyReason(info));
          const skipped = infos.filter((info) => busyReason(info)).map((product) => ({ product, reason: busyReason(product) ?? '' }));
          if (ready.length === 0) {
            const first = skipped[0].product;
            return {
              end: {
                kind: 'stopped',
                message: skipped.length === 1 ? skipped[0].reason : t('None of the selected products can run an action now: {0}', skipped.map((s) => s.reason).join(' ')),
                record: first.lastRecordId ? { profile: first.profile, region: first.region, recordId: first.lastRecordId } : undefined,
              },
            };
          }
          ctx.products = ready;
          ctx.skipped = skipped;
          if (listActions) {
            if (!actions?.length) {
              return { end: { kind: 'stopped', message: noActionsMessage(infos[0]) } };
            }
            ctx.actions = actions.map((action): ActionInfo => ({ id: action.Id ?? '', name: action.Name, description: action.Description })).filter((action) => action.id);
          }
          return 'next';
        },
      );
    },
  };
}

function sameVersionProblem(infos: ProductInfo[]): WizardEnd | undefined {
  const first = infos[0];
  const other = infos.find((info) => info.productId !== first.productId || info.artifactId !== first.artifactId);
  if (!other) {
    return undefined;
  }
  return {
    kind: 'stopped',
    message: t(
      'One action runs on several products only when they are of the same product and version: {0} is {1}, {2} is {3}. Select products of one version.',
      first.name,
      versionText(first),
      other.name,
      versionText(other),
    ),
  };
}

function versionText(info: ProductInfo): string {
  return `${info.productName ?? info.productId ?? '?'} ${info.artifactName ?? info.artifactId ?? '?'}`;
}

function noActionsMessage(info: ProductInfo): string {
  return t(
    '{0} ({1}) has no self-service actions. An administrator associates actions with a product version in Service Catalog.',
    info.name,
    versionText(info),
  );
}
