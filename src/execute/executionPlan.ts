import type { ExecutionParameters } from '../aws/serviceCatalogApi';

/** What the wizard knows about a product once it has asked Service Catalog. */
export interface ProductInfo {
  profile: string;
  region: string;
  id: string;
  name: string;
  productId?: string;
  productName?: string;
  artifactId?: string;
  artifactName?: string;
  status?: string;
  lastRecordId?: string;
  accountId?: string;
}

export interface ActionInfo {
  id: string;
  name?: string;
  description?: string;
  /** The SSM document it runs, when Service Catalog says. */
  documentName?: string;
  documentVersion?: string;
}

/** A confirmed request: what the execution runs, one execution per product. */
export interface ExecutionPlan {
  action: ActionInfo;
  products: ProductInfo[];
  /** Only the values the user gave; parameters left out get Service Catalog's value. */
  parameters: ExecutionParameters;
  /** Every parameter of the action, to name one in an error. */
  parameterNames: string[];
  /** The secret ones (by name or marked by the user): their values are never kept where they could be read. */
  secretParameterNames: string[];
  skipped: Array<{ product: ProductInfo; reason: string }>;
}

/** The account of an ARN such as `arn:aws:servicecatalog:us-east-1:111122223333:stack/web/pp-abc`. */
export function accountOfArn(arn: string | undefined): string | undefined {
  const account = arn?.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}
