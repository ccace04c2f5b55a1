import { t } from '@vscode/l10n';
import { viewLimits, type RecordView } from '../../shared/protocol';

/**
 * The most characters of one text the panel shows: an output value, an error, a name. Longer ones are cut
 * and say so; Copy as JSON (and an output's copy button) still gives them whole, from the host's snapshot.
 */
export const shownTextLength = 10_000;

/**
 * The view as the panel gets it: every text cut to `shownTextLength` (the profile name of the reference to
 * the guard's limit), marked "(truncated: N characters; Copy as JSON has all)". A text from AWS of any
 * length, or a profile name of any length, must not make the webview refuse the whole view.
 */
export function fitForPanel(view: RecordView): RecordView {
  const text = (value: string) => cut(value, shownTextLength);
  const optional = (value: string | undefined) => (value === undefined ? undefined : text(value));
  return {
    ...view,
    ref: { ...view.ref, profile: cut(view.ref.profile, viewLimits.profile) },
    actionName: optional(view.actionName),
    serviceActionId: optional(view.serviceActionId),
    productName: optional(view.productName),
    productId: optional(view.productId),
    provisioningArtifactId: optional(view.provisioningArtifactId),
    provisionedProductName: optional(view.provisionedProductName),
    provisionedProductId: optional(view.provisionedProductId),
    provisionedProductType: optional(view.provisionedProductType),
    pathId: optional(view.pathId),
    recordType: optional(view.recordType),
    launchRoleArn: optional(view.launchRoleArn),
    accountId: optional(view.accountId),
    status: optional(view.status),
    errors: view.errors.map((error) => ({
      code: text(error.code),
      description: text(error.description),
      ...(error.explanation && { explanation: { cause: text(error.explanation.cause), fix: text(error.explanation.fix) } }),
    })),
    outputs: view.outputs.map((output) => ({
      key: text(output.key),
      value: text(output.value),
      description: text(output.description),
      ...(output.consoleLink !== undefined && { consoleLink: output.consoleLink }),
    })),
    tags: view.tags.map((tag) => ({ key: text(tag.key), value: text(tag.value) })),
    parameters: view.parameters.map((parameter) => ({ name: text(parameter.name), values: parameter.values.map(text) })),
    statusHistory: view.statusHistory.map((change) => ({ ...change, status: text(change.status) })),
    problem: view.problem && { summary: text(view.problem.summary), detail: text(view.problem.detail), fix: optional(view.problem.fix) },
  };
}

/** `value`, or its start and the mark, within `limit` characters in all. */
function cut(value: string, limit: number): string {
  if (value.length <= limit) {
    return value;
  }
  const mark = ` … ${t('(truncated: {0} characters; Copy as JSON has all)', value.length.toLocaleString('en'))}`;
  return `${value.slice(0, Math.max(0, limit - mark.length))}${mark}`;
}
