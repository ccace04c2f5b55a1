import { t } from '@vscode/l10n';
import type { ExecutionParameters } from '../aws/serviceCatalogApi';

/** The limits of `ExecuteProvisionedProductServiceAction` Parameters. */
export const parameterLimits = {
  maxParameters: 200,
  maxKeyLength: 50,
  maxValues: 25,
  maxValueLength: 512,
} as const;

/** What is wrong with a list of values, naming the limit; undefined when it is fine. */
export function checkValueList(values: readonly string[]): string | undefined {
  if (values.length > parameterLimits.maxValues) {
    return t('At most {0} values are allowed; this has {1}.', parameterLimits.maxValues, values.length);
  }
  for (const [index, value] of values.entries()) {
    const length = characters(value);
    if (length > parameterLimits.maxValueLength) {
      return values.length === 1
        ? t('The value has {0} characters; the limit is {1}.', length, parameterLimits.maxValueLength)
        : t('Value {0} has {1} characters; the limit is {2}.', index + 1, length, parameterLimits.maxValueLength);
    }
  }
  return undefined;
}

/** Characters as AWS counts them for its length limits: code points, so an emoji is one, not two UTF-16 units. */
function characters(text: string): number {
  let count = 0;
  for (const _codePoint of text) {
    count += 1;
  }
  return count;
}

/** Checks a parameter map given to the command by a caller; throws a message saying what is wrong. */
export function readParameterMap(input: unknown, where = 'parameters'): ExecutionParameters {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TypeError(t('"{0}" must be an object mapping each parameter name to a list of strings.', where));
  }
  const entries = Object.entries(input as Record<string, unknown>);
  if (entries.length > parameterLimits.maxParameters) {
    throw new TypeError(t('"{0}" has {1} parameters; the limit is {2}.', where, entries.length, parameterLimits.maxParameters));
  }
  const parameters: ExecutionParameters = {};
  for (const [key, value] of entries) {
    const keyLength = characters(key);
    if (keyLength < 1 || keyLength > parameterLimits.maxKeyLength) {
      throw new TypeError(
        t('Parameter name "{0}" has {1} characters; a name has 1 to {2}.', key, keyLength, parameterLimits.maxKeyLength),
      );
    }
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
      throw new TypeError(t('Parameter "{0}" must be a list of strings, for example ["i-0123456789abcdef0"].', key));
    }
    const problem = checkValueList(value as string[]);
    if (problem) {
      throw new TypeError(t('Parameter "{0}": {1}', key, problem));
    }
    parameters[key] = [...(value as string[])];
  }
  return parameters;
}
