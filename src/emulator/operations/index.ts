import type { OperationName } from '../validation/shapes';
import { describeProduct, describeProvisioningArtifact, describeServiceAction, describeServiceActionExecutionParameters, listServiceActionsForProvisioningArtifact } from './catalog';
import type { OperationHandler } from './context';
import { executeProvisionedProductServiceAction } from './execute';
import { describeProvisionedProduct, scanProvisionedProducts, searchProvisionedProducts } from './provisionedProducts';
import { describeRecord, listRecordHistory } from './records';

export const OPERATIONS: Record<OperationName, OperationHandler> = {
  SearchProvisionedProducts: searchProvisionedProducts,
  ScanProvisionedProducts: scanProvisionedProducts,
  DescribeProvisionedProduct: describeProvisionedProduct,
  DescribeProduct: describeProduct,
  DescribeProvisioningArtifact: describeProvisioningArtifact,
  ListServiceActionsForProvisioningArtifact: listServiceActionsForProvisioningArtifact,
  DescribeServiceAction: describeServiceAction,
  DescribeServiceActionExecutionParameters: describeServiceActionExecutionParameters,
  ExecuteProvisionedProductServiceAction: executeProvisionedProductServiceAction,
  DescribeRecord: describeRecord,
  ListRecordHistory: listRecordHistory,
};
