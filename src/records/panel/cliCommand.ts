import { cliProfileName } from '../../aws/scopeNames';
import type { RecordRef } from '../../catalog/records';
import { shellOption as option } from '../../platform/shellQuote';

/** The AWS CLI command that shows the same record. */
export function describeRecordCommand(ref: RecordRef): string {
  return ['aws servicecatalog describe-record', option('--id', ref.recordId), option('--region', ref.region), option('--profile', cliProfileName(ref.profile))].join(' ');
}

/** What running a service action again takes: the product, the action, the parameters, the profile and region. */
export interface ExecuteAgainInput {
  profile: string;
  region: string;
  provisionedProductId: string;
  serviceActionId: string;
  /** The parameters the execution was given; none (or an empty map) runs the action with its defaults. */
  parameters?: Record<string, string[]>;
}

/**
 * The AWS CLI command that runs the same action on the same product with the same parameters.
 * `--parameters` is the JSON map of string lists the CLI takes (`{"Name":["value",...]}`), quoted as
 * one shell word, so the shell hands the CLI exactly that JSON whatever the values hold. There is no
 * `--execute-token`: it is the API's idempotency token, which the CLI fills with a new one at each
 * run, so the command runs the action once each time it is run, as a new request.
 */
export function executeAgainCommand(input: ExecuteAgainInput): string {
  const parameters = input.parameters && Object.keys(input.parameters).length > 0 ? [option('--parameters', JSON.stringify(input.parameters))] : [];
  return [
    'aws servicecatalog execute-provisioned-product-service-action',
    option('--provisioned-product-id', input.provisionedProductId),
    option('--service-action-id', input.serviceActionId),
    ...parameters,
    option('--region', input.region),
    option('--profile', cliProfileName(input.profile)),
  ].join(' ');
}
