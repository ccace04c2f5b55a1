import * as vscode from 'vscode';
import type { SecretRedactor } from '../aws/secrets';
import { commands } from '../catalog/commands';
import { hitRef, ProductSearch, sameHit, progressText, type FailedScope, type ProductFinderSource, type RankedHit } from '../catalog/productSearch';
import type { ProductItem } from '../catalog/products';
import { productDescription, productStatusPresentation } from '../catalog/productStatus';
import type { Logger } from '../platform/logger';
import { withoutIcons, withoutLinks } from '../platform/plainText';
import { executeCommand, registerCommand } from '../platform/vscode/commands';

export interface GoToProductDependencies {
  /** The view's scopes and its reveal, given by the tree through extension.ts. */
  finder: ProductFinderSource;
  redactor: SecretRedactor;
  log: Logger;
}

/** A row of the quick pick: a product found, or a scope that failed (picking it does nothing). */
export interface GoToItem extends vscode.QuickPickItem {
  hit?: RankedHit;
}

export interface GoToProductPart {
  /** The quick pick while it is open (for tests). */
  readonly picker: vscode.QuickPick<GoToItem> | undefined;
}

/** Rows shown at most: the best matches; typing narrows the rest. */
const maxRows = 200;

/**
 * Service Catalog: Go to Provisioned Product... A quick pick over every scope the view shows: what is known
 * first, then each scope's answer as it arrives, ranked by the search core (not by the quick pick's own filter:
 * tag values and ids are not on the row); picking reveals the product in the view and offers its commands.
 */
export function registerGoToProduct(context: vscode.ExtensionContext, deps: GoToProductDependencies): GoToProductPart {
  let picker: vscode.QuickPick<GoToItem> | undefined;
  const open = async (): Promise<void> => {
    picker?.hide();
    const quickPick = vscode.window.createQuickPick<GoToItem>();
    picker = quickPick;
    quickPick.title = vscode.l10n.t('Go to Provisioned Product');
    quickPick.placeholder = vscode.l10n.t('Search by name, ID, product, version, status or tag value');
    // The search core ranks and filters: every row it gives stays (alwaysShow), whatever the quick pick would match.
    quickPick.matchOnDescription = false;
    quickPick.matchOnDetail = false;
    quickPick.busy = true;

    let search: ProductSearch | undefined = undefined;
    let pending = false;
    const render = () => {
      pending = false;
      if (picker !== quickPick || !search) return;
      const progress = search.progress;
      quickPick.title = `${vscode.l10n.t('Go to Provisioned Product')} (${progressText(progress)})`;
      quickPick.busy = !progress.complete;
      // The row under the cursor stays under it when a scope's answer replaces the rows.
      const active = quickPick.activeItems[0]?.hit;
      const items = [...search.results(quickPick.value, maxRows).map(productRow), ...failureRows(progress.failed)];
      quickPick.items = items;
      const again = active && items.find((item) => item.hit && sameHit(item.hit, active));
      if (again) quickPick.activeItems = [again];
    };
    const schedule = () => {
      if (!pending) {
        pending = true;
        setTimeout(render, 0);
      }
    };
    const subscriptions: vscode.Disposable[] = [
      quickPick.onDidChangeValue(render),
      quickPick.onDidAccept(() => {
        const hit = quickPick.selectedItems[0]?.hit ?? quickPick.activeItems[0]?.hit;
        if (!hit) return;
        quickPick.hide();
        void goTo(hit);
      }),
      quickPick.onDidHide(() => {
        if (picker === quickPick) picker = undefined;
        search?.dispose();
        subscriptions.forEach((subscription) => subscription.dispose());
        quickPick.dispose();
      }),
    ];
    quickPick.show();

    const scopes = await deps.finder.searchScopes();
    if (picker !== quickPick) return; // closed meanwhile
    search = new ProductSearch(scopes, deps.redactor);
    subscriptions.push(search.onDidChange(schedule));
    render();
    void search.start().then(render, (error: unknown) => deps.log.warn(`Go to Provisioned Product: ${String(error)}`));
  };

  const goTo = async (hit: RankedHit): Promise<void> => {
    const name = hit.product.Name ?? hit.product.Id ?? '';
    const item = await deps.finder.reveal(hitRef(hit));
    if (!item) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} is not shown in the Provisioned Products view any more: refresh the view and search again.', withoutLinks(name)));
      return;
    }
    const action = await vscode.window.showQuickPick(productActions(item), {
      title: withoutIcons(name),
      placeHolder: vscode.l10n.t('What to do with {0}', withoutIcons(name)),
    });
    if (action) await action.run();
  };

  context.subscriptions.push(
    registerCommand(commands.goToProvisionedProduct, open, (error) => {
      deps.log.error(`Go to Provisioned Product failed: ${String(error)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Go to Provisioned Product failed: {0}', deps.redactor.redact(error instanceof Error ? error.message : String(error))));
    }),
    { dispose: () => picker?.hide() },
  );
  return {
    get picker() {
      return picker;
    },
  };
}

function productRow(hit: RankedHit): GoToItem {
  const product = hit.product;
  const status = productStatusPresentation(product.Status);
  const where = `${hit.scope.label} · ${hit.scope.region}`;
  const detail = [where, product.Id, hit.field === 'tag' && hit.tag ? vscode.l10n.t('tag {0}', hit.tag) : undefined, hit.fromCache ? vscode.l10n.t('as last listed') : undefined];
  return {
    iconPath: new vscode.ThemeIcon(status.icon, status.color ? new vscode.ThemeColor(status.color) : undefined),
    // Names and the rest come from AWS: a `$(name)` in them must not become an icon.
    label: withoutIcons(product.Name ?? product.Id ?? ''),
    description: withoutIcons([productDescription(product), status.label].filter(Boolean).join(' · ')),
    detail: withoutIcons(detail.filter(Boolean).join(' · ')),
    alwaysShow: true,
    hit,
  };
}

function failureRows(failed: readonly FailedScope[]): GoToItem[] {
  if (failed.length === 0) return [];
  return [
    { kind: vscode.QuickPickItemKind.Separator, label: failed.length === 1 ? vscode.l10n.t('1 scope failed') : vscode.l10n.t('{0} scopes failed', failed.length) },
    ...failed.map((failure) => ({
      iconPath: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
      label: withoutIcons(`${failure.scope.label} · ${failure.scope.region}`),
      description: withoutIcons(failure.reason),
      alwaysShow: true,
    })),
  ];
}

interface ProductAction extends vscode.QuickPickItem {
  run(): Thenable<unknown>;
}

/** The product's commands, as its context menu in the view offers them. */
function productActions(item: ProductItem): ProductAction[] {
  const product = item.productTarget.product;
  const actions: Array<ProductAction | undefined> = [
    { iconPath: new vscode.ThemeIcon('play'), label: vscode.l10n.t('Execute Service Action'), run: () => executeCommand(commands.executeServiceAction, item) },
    product?.LastRecordId ? { iconPath: new vscode.ThemeIcon('history'), label: vscode.l10n.t('Show Last Record'), run: () => executeCommand(commands.showLastRecord, item) } : undefined,
    { iconPath: new vscode.ThemeIcon('list-unordered'), label: vscode.l10n.t('Show Record History'), run: () => executeCommand(commands.showRecordHistory, item) },
    product?.Arn ? { iconPath: new vscode.ThemeIcon('copy'), label: vscode.l10n.t('Copy ARN'), run: () => executeCommand(commands.copyArn, item) } : undefined,
    { iconPath: new vscode.ThemeIcon('link-external'), label: vscode.l10n.t('Open in AWS Console'), run: () => executeCommand(commands.openInConsole, item) },
  ];
  return actions.filter((action): action is ProductAction => action !== undefined);
}
