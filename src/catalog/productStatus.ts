import type { ProvisionedProductAttribute } from '@aws-sdk/client-service-catalog';
import { t } from '@vscode/l10n';

/** How a provisioned product status looks: a codicon, a theme colour, words, and whether it can change on its own. */
export interface StatusPresentation {
  icon: string;
  color?: string;
  label: string;
  /** False while AWS is still changing the product: the tree keeps refreshing it. */
  settled: boolean;
  /** False when Service Catalog refuses to run an action on it now. */
  actionable: boolean;
}

export function productStatusPresentation(status: string | undefined): StatusPresentation {
  switch (status) {
    case 'AVAILABLE':
      return { icon: 'pass', color: 'testing.iconPassed', label: t('Available'), settled: true, actionable: true };
    case 'UNDER_CHANGE':
      return { icon: 'sync~spin', label: t('Under change'), settled: false, actionable: false };
    case 'PLAN_IN_PROGRESS':
      return { icon: 'loading~spin', label: t('Plan in progress'), settled: false, actionable: false };
    case 'TAINTED':
      return { icon: 'warning', color: 'list.warningForeground', label: t('Tainted'), settled: true, actionable: true };
    case 'ERROR':
      return { icon: 'error', color: 'list.errorForeground', label: t('Error'), settled: true, actionable: true };
    default:
      return { icon: 'question', label: status ?? t('Unknown'), settled: true, actionable: true };
  }
}

/** "Product name version", the line under a provisioned product's name. */
export function productDescription(product: ProvisionedProductAttribute): string {
  return [product.ProductName, product.ProvisioningArtifactName].filter(Boolean).join(' ');
}

/** Label/value rows of a product's tooltip, in the order a person reads them. Values are server text: render them as text. */
export function productDetailRows(product: ProvisionedProductAttribute): Array<[string, string]> {
  const rows: Array<[string, string | undefined]> = [
    [t('Status'), product.Status && `${productStatusPresentation(product.Status).label} (${product.Status})`],
    [t('Status message'), product.StatusMessage],
    [t('Product'), productDescription(product)],
    [t('Type'), product.Type],
    [t('Provisioned product ID'), product.Id],
    [t('ARN'), product.Arn],
    [t('Product ID'), product.ProductId],
    [t('Version ID'), product.ProvisioningArtifactId],
    [t('Physical ID'), product.PhysicalId],
    [t('Created'), product.CreatedTime?.toISOString()],
    [t('Last record'), product.LastRecordId],
    [t('Launched by'), product.UserArnSession ?? product.UserArn],
  ];
  return rows.filter((row): row is [string, string] => !!row[1]);
}

export function productTagRows(product: ProvisionedProductAttribute): Array<[string, string]> {
  return (product.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']);
}

/**
 * Sorts by name as a person expects ("web-2" before "web-10"), without locale work per comparison. The
 * collator is made on first use: building one takes milliseconds that activation should not pay.
 */
let collator: Intl.Collator | undefined;
export function sortProducts(products: ProvisionedProductAttribute[]): ProvisionedProductAttribute[] {
  const compare = (collator ??= new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })).compare;
  return [...products].sort((a, b) => compare(a.Name ?? '', b.Name ?? ''));
}
