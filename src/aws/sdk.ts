// Everything the extension takes from the AWS SDK at run time, and nothing else: the named imports let the
// bundler drop the rest of the clients (their other operations). scripts/build.mjs bundles this module on its own
// as dist/aws-sdk.js, which `loadAwsSdk()` requires on the first AWS call, so activation neither parses nor runs
// the SDK. Import it only through `loadAwsSdk()`.
export {
  DescribeProvisionedProductCommand,
  DescribeRecordCommand,
  DescribeServiceActionCommand,
  DescribeServiceActionExecutionParametersCommand,
  ExecuteProvisionedProductServiceActionCommand,
  ListRecordHistoryCommand,
  ListServiceActionsForProvisioningArtifactCommand,
  SearchProvisionedProductsCommand,
  ServiceCatalogClient,
} from '@aws-sdk/client-service-catalog';
export { fromIni } from '@aws-sdk/credential-provider-ini';
// IAM Identity Center: the portal's listings, the SDK's own role credentials and session token for discovered roles.
export { ListAccountRolesCommand, ListAccountsCommand, SSOClient } from '@aws-sdk/client-sso';
export { fromSSO } from '@aws-sdk/credential-provider-sso';
export { fromSso } from '@aws-sdk/token-providers';
export { getSSOTokenFromFile } from '@smithy/shared-ini-file-loader';
export { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
// Not used by the extension's own code: dist/sandbox.js takes the emulator's signature checker from here
// (scripts/sandboxBuild.mjs) instead of bundling a second copy of it.
export { SignatureV4 } from '@smithy/signature-v4';
