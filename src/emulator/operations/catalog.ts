import { paginate } from '../paging';
import { errors } from '../protocol/awsErrors';
import type { SeedProduct, SeedServiceAction } from '../seed/seedTypes';
import type { ProvisionedProductState } from '../state/emulatorState';
import { assertVisible } from './accessLevels';
import { epochSeconds, type OperationContext } from './context';
import { findProvisionedProduct } from './provisionedProducts';
import { compact, productViewSummary, provisionedProductArn, serviceActionDefinition, serviceActionSummary } from './views';

export function describeProduct(input: { Id?: string; Name?: string }, context: OperationContext) {
  if (input.Id === undefined && input.Name === undefined) throw errors.invalidParameters('Provide the Id or the Name of the product.');
  const product = findProduct(context, input.Id, input.Name);
  return {
    ProductViewSummary: productViewSummary(product),
    // End users only see active versions.
    ProvisioningArtifacts: product.versions
      .filter((v) => v.active !== false)
      .map((v) => compact({ Id: v.id, Name: v.name, Description: v.description, CreatedTime: epochSeconds(Date.parse(v.createdTime)), Guidance: v.guidance ?? 'DEFAULT' })),
    Budgets: [],
    LaunchPaths: product.launchPath ? [{ Id: product.launchPath.id, Name: product.launchPath.name }] : [],
  };
}

interface DescribeArtifactInput {
  ProvisioningArtifactId?: string;
  ProvisioningArtifactName?: string;
  ProductId?: string;
  ProductName?: string;
  Verbose?: boolean;
  IncludeProvisioningArtifactParameters?: boolean;
}

export function describeProvisioningArtifact(input: DescribeArtifactInput, context: OperationContext) {
  if (input.ProductId === undefined && input.ProductName === undefined) throw errors.invalidParameters('Provide the ProductId or the ProductName.');
  if (input.ProvisioningArtifactId === undefined && input.ProvisioningArtifactName === undefined) {
    throw errors.invalidParameters('Provide the ProvisioningArtifactId or the ProvisioningArtifactName.');
  }
  const product = findProduct(context, input.ProductId, input.ProductName);
  const version = product.versions.find((v) => (input.ProvisioningArtifactId !== undefined ? v.id === input.ProvisioningArtifactId : v.name === input.ProvisioningArtifactName));
  if (!version) throw errors.resourceNotFound(`Provisioning artifact ${input.ProvisioningArtifactId ?? input.ProvisioningArtifactName} not found for product ${product.id}.`);
  return compact({
    ProvisioningArtifactDetail: compact({
      Id: version.id,
      Name: version.name,
      Description: version.description,
      Type: version.type ?? 'CLOUD_FORMATION_TEMPLATE',
      CreatedTime: epochSeconds(Date.parse(version.createdTime)),
      Active: version.active !== false,
      Guidance: version.guidance ?? 'DEFAULT',
    }),
    Info: input.Verbose ? { TemplateUrl: version.templateUrl ?? `https://s3.amazonaws.com/sc-templates/${product.id}/${version.id}.json` } : undefined,
    Status: 'AVAILABLE',
    ProvisioningArtifactParameters: input.IncludeProvisioningArtifactParameters
      ? (version.parameters ?? []).map((p) =>
          compact({ ParameterKey: p.key, DefaultValue: p.defaultValue, ParameterType: p.type ?? 'String', IsNoEcho: p.noEcho ?? false, Description: p.description, ParameterConstraints: { AllowedValues: [] } }),
        )
      : undefined,
  });
}

export function listServiceActionsForProvisioningArtifact(
  input: { ProductId: string; ProvisioningArtifactId: string; PageSize?: number; PageToken?: string },
  context: OperationContext,
) {
  const product = findProduct(context, input.ProductId, undefined);
  if (!product.versions.some((v) => v.id === input.ProvisioningArtifactId)) {
    throw errors.resourceNotFound(`Provisioning artifact ${input.ProvisioningArtifactId} not found for product ${product.id}.`);
  }
  const actions = (context.state.actionsByVersion.get(input.ProvisioningArtifactId) ?? [])
    .map((id) => context.state.serviceActionFor(id, context.caller.accountId, context.region))
    .filter((action): action is SeedServiceAction => action !== undefined);
  const scope = [context.operation, context.caller.accountId, context.region, input.ProductId, input.ProvisioningArtifactId];
  const { page, nextPageToken } = paginate(actions, input, scope);
  return { ServiceActionSummaries: page.map(serviceActionSummary), NextPageToken: nextPageToken };
}

export function describeServiceAction(input: { Id: string }, context: OperationContext) {
  const action = findServiceAction(context, input.Id);
  return { ServiceActionDetail: { ServiceActionSummary: serviceActionSummary(action), Definition: serviceActionDefinition(action) } };
}

export function describeServiceActionExecutionParameters(input: { ProvisionedProductId: string; ServiceActionId: string }, context: OperationContext) {
  const { pp, action } = findExecutionTarget(context, input.ProvisionedProductId, input.ServiceActionId);
  return {
    ServiceActionParameters: action.definition.parameters.map((p) => ({ Name: p.name, Type: p.type, DefaultValues: defaultValues(action, p.name, pp) })),
  };
}

/** The provisioned product and action of an execution, checked as Execute and DescribeServiceActionExecutionParameters need. */
export function findExecutionTarget(context: OperationContext, provisionedProductId: string, serviceActionId: string) {
  const pp = findProvisionedProduct(context, provisionedProductId);
  if (!pp) throw errors.resourceNotFound(`Provisioned product ${provisionedProductId} not found.`);
  assertVisible(context, [pp.userArn, pp.userArnSession], provisionedProductArn(pp));
  const action = findServiceAction(context, serviceActionId);
  if (!(context.state.actionsByVersion.get(pp.provisioningArtifactId) ?? []).includes(action.id)) {
    throw errors.invalidParameters(
      `Service action ${action.id} is not associated with provisioning artifact ${pp.provisioningArtifactId} of product ${pp.productId}, the version of provisioned product ${pp.id}.`,
    );
  }
  return { pp, action };
}

export function defaultValues(action: SeedServiceAction, parameterName: string, pp: ProvisionedProductState): string[] {
  const parameter = action.definition.parameters.find((p) => p.name === parameterName);
  if (parameter?.type === 'TARGET') return [pp.target ?? pp.physicalId];
  return [...(action.defaultValues?.[parameterName] ?? [])];
}

function findProduct(context: OperationContext, id: string | undefined, name: string | undefined): SeedProduct {
  const { accountId } = context.caller;
  const product =
    id !== undefined
      ? context.state.productFor(id, accountId, context.region)
      : [...context.state.products.values()].find((p) => p.name === name && context.state.productFor(p.id, accountId, context.region));
  if (!product) throw errors.resourceNotFound(`Product ${id ?? name} not found.`);
  return product;
}

function findServiceAction(context: OperationContext, id: string): SeedServiceAction {
  const action = context.state.serviceActionFor(id, context.caller.accountId, context.region);
  if (!action) throw errors.resourceNotFound(`Service action ${id} not found.`);
  return action;
}
