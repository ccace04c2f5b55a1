import { t } from '@vscode/l10n';

/**
 * What a record error means and what to do about it, for the errors that AWS's public documentation
 * describes. The record panel shows the explanation under the error (never instead of it), and the
 * failure notification carries the one-line cause. AWS warns that the exact texts may change, so the
 * patterns match the stable part of each message, and an error that matches none shows as it is.
 */

/** Which documented error a record error is. */
export type RecordErrorKind =
  | 'internal-failure'
  | 'throttled'
  | 'assume-role-denied'
  | 'role-credentials-failed'
  | 'assume-role-unusable'
  | 'pass-role-denied'
  | 'start-automation-denied'
  | 'document-unavailable'
  | 'target-type-undefined'
  | 'target-type-not-found'
  | 'target-not-in-product'
  | 'parameter-value-not-allowed'
  | 'parameter-wrong-type'
  | 'parameter-not-defined'
  | 'step-timed-out'
  | 'step-not-authorized'
  | 'automation-step-failed';

export interface RecordErrorExplanation {
  kind: RecordErrorKind;
  /** One line: what most likely went wrong. */
  cause: string;
  /** What to do about it. */
  fix: string;
}

interface Entry {
  kind: RecordErrorKind;
  /** Tested against the error's code and description together. */
  pattern: RegExp;
  cause(match: RegExpExecArray): string;
  fix(): string;
}

// Sources. SC: the AWS Service Catalog Administrator Guide, "Step 5: Troubleshooting" of self-service actions,
// https://docs.aws.amazon.com/servicecatalog/latest/adminguide/using-service-actions.html#service-actions-troubleshooting
// SSM: the AWS Systems Manager User Guide, "Troubleshooting Systems Manager Automation",
// https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-troubleshooting.html
// The more specific entries come first: Automation's step errors all end with the same sentence.
const entries: readonly Entry[] = [
  {
    // SC "Internal failure"; SSM #automation-trbl-err "Internal Server Error".
    kind: 'internal-failure',
    pattern: /\binternal (?:failure|server error)\b/i,
    cause: () => t('Service Catalog or Systems Manager had an internal error.'),
    fix: () => t('Run the action again later. If it keeps failing, contact AWS Support with the record id.'),
  },
  {
    // SC "An error occurred (ThrottlingException) when calling the StartAutomationExecution operation".
    kind: 'throttled',
    pattern: /\bThrottlingException\b|\bRate exceeded\b/i,
    cause: () => t('Systems Manager throttled the start of the action: too many requests at once.'),
    fix: () => t('Wait a minute or two, then run the action again.'),
  },
  {
    // SC "Access denied while assuming the role".
    kind: 'assume-role-denied',
    pattern: /access denied while assuming the role/i,
    cause: () => t("Service Catalog could not assume the role of the action's definition (the launch role when the action uses LAUNCH_ROLE)."),
    fix: () => t("Ask an administrator to let servicecatalog.amazonaws.com (or the regional principal, such as servicecatalog.us-east-1.amazonaws.com) assume that role in the role's trust policy."),
  },
  {
    // SC "Failed to retrieve credentials for role".
    kind: 'role-credentials-failed',
    pattern: /failed to retrieve credentials for (?:the )?role/i,
    cause: () => t("Service Catalog could not get credentials for the action's role."),
    fix: () => t('Run the action again. If it keeps failing, ask an administrator to check that the role exists and trusts Service Catalog.'),
  },
  {
    // SSM #automation-trbl-ar "The defined assume role is unable to be assumed." and "The format of the supplied assume role ARN is invalid."
    kind: 'assume-role-unusable',
    pattern: /assume role is unable to be assumed|format of the supplied assume role ARN is invalid/i,
    cause: () => t("Systems Manager could not use the automation's role: it does not exist, its ARN is malformed, or it does not trust Systems Manager."),
    fix: () => t("Ask an administrator to check the AssumeRole of the action's definition and that the role's trust policy allows ssm.amazonaws.com."),
  },
  {
    // SSM #automation-trbl-access-denied "is not authorized to perform: iam:PassRole".
    kind: 'pass-role-denied',
    pattern: /not authorized to perform:?\s*iam:PassRole/i,
    cause: () => t("The automation's role could not be passed to Systems Manager: iam:PassRole is not allowed."),
    fix: () => t('Ask an administrator to allow iam:PassRole on that role.'),
  },
  {
    // SC "User is not authorized to perform: ssm:StartAutomationExecution"; SSM #automation-trbl-access-denied.
    kind: 'start-automation-denied',
    pattern: /not authorized to perform:?\s*ssm:StartAutomationExecution/i,
    cause: () => t("The action's role may not start Systems Manager automations (ssm:StartAutomationExecution)."),
    fix: () => t('Ask an administrator to give the role the Systems Manager permissions the action needs.'),
  },
  {
    // SC "Document with that name does not exist" and "Failed to describe SSM Automation document".
    kind: 'document-unavailable',
    pattern: /document with that name does not exist|failed to describe (?:the )?SSM Automation document/i,
    cause: () => t("Service Catalog could not find or read the Systems Manager document of the action's definition."),
    fix: () => t('Ask an administrator to check that the document exists, is shared with this account, and is the one the action names.'),
  },
  {
    // SC "TargetType not defined for SSM Automation document".
    kind: 'target-type-undefined',
    pattern: /TargetType not defined/i,
    cause: () => t("The action's Systems Manager document has no TargetType, which self-service actions need."),
    fix: () => t('Ask an administrator to set a TargetType (such as AWS::EC2::Instance) in the document.'),
  },
  {
    // SC "Cannot find any resources with type TargetType in provisioned product".
    kind: 'target-type-not-found',
    pattern: /cannot find any resources? with type\s+(\S{1,200}?)\s+in (?:the )?provisioned product/i,
    cause: (match) => t('The provisioned product has no resource of the type the action works on ({0}).', match[1]),
    fix: () => t("Check that this action is meant for this product, or ask an administrator to check the target type of the action's document."),
  },
  {
    // SC "The following values for the parameter are not allowed because they are not in the provisioned product".
    kind: 'target-not-in-product',
    pattern: /not allowed because they are not in the provisioned product/i,
    cause: () => t('A TARGET parameter names a resource that is not part of this provisioned product.'),
    fix: () => t('Execute again and keep the value Service Catalog provides for the TARGET parameter.'),
  },
  {
    // SC 'Parameter has value "InvalidValue" not found in {ValidValue1}, {ValidValue2}'.
    kind: 'parameter-value-not-allowed',
    pattern: /\bhas value\b.{0,600}?\bnot found in\b/is,
    cause: () => t("A parameter value is not one of the values the action's document allows."),
    fix: () => t('Execute again with one of the allowed values the error lists.'),
  },
  {
    // SC "Parameter type error. The value supplied for ParameterName is not a valid string."
    kind: 'parameter-wrong-type',
    pattern: /parameter type error/i,
    cause: () => t("A parameter value does not have the type the action's document expects."),
    fix: () => t('Execute again with a value of the expected type; the error names the parameter.'),
  },
  {
    // SC "Parameter is not defined in service action definition".
    kind: 'parameter-not-defined',
    pattern: /not defined in (?:the )?service action definition/i,
    cause: () => t("A parameter was given that the action's definition does not declare."),
    fix: () => t("Execute again with only the action's own parameters."),
  },
  {
    // SSM #automation-trbl-to "Step timed out while step is verifying ...".
    kind: 'step-timed-out',
    pattern: /\bstep timed out\b/i,
    cause: () => t("A step of the action's automation took longer than its timeout."),
    fix: () => t("Run the action again. If it keeps timing out, ask an administrator to raise the step's timeoutSeconds or find out why it is slow."),
  },
  {
    // SSM #automation-trbl-actspec "You are not authorized to perform this operation ... Error Code: UnauthorizedOperation".
    kind: 'step-not-authorized',
    pattern: /\bUnauthorizedOperation\b|you are not authorized to perform this operation/i,
    cause: () => t("The automation's role lacks a permission that one of its steps needs."),
    fix: () => t("Ask an administrator to add the permission the error names to the action's role."),
  },
  {
    // SC "Step fails when it is executing/canceling action. Please refer to Automation Service Troubleshooting Guide";
    // SSM #automation-trbl-exstrt.
    kind: 'automation-step-failed',
    pattern: /step fails when it is (?:executing|cancell?ing)|Automation Service Troubleshooting Guide/i,
    cause: () => t("A step of the action's Systems Manager automation failed; the error names the step and why."),
    fix: () => t("Open the automation's execution in the Systems Manager console (Automation, Executions) and read the failed step's outputs; Systems Manager's Automation troubleshooting guide explains the common step errors."),
  },
];

/** Longer texts are only searched in their first part: the documented messages start with what identifies them. */
const searchedLength = 4_000;

/** The explanation of a record error when the documentation describes it; undefined for any other error. */
export function explainRecordError(error: { code?: string; description?: string }): RecordErrorExplanation | undefined {
  const text = `${error.code ?? ''}\n${error.description ?? ''}`.slice(0, searchedLength);
  for (const entry of entries) {
    const match = entry.pattern.exec(text);
    if (match) {
      return { kind: entry.kind, cause: entry.cause(match), fix: entry.fix() };
    }
  }
  return undefined;
}

/** Every kind the table knows, in the order it is searched (for tests and documentation). */
export const recordErrorKinds: readonly RecordErrorKind[] = entries.map((entry) => entry.kind);
