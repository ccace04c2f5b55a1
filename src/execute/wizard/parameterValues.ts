import { t } from '@vscode/l10n';
import { checkValueList } from '../../catalog/parameterLimits';

/**
 * How a list of values is typed in one input box: values are separated by commas and trimmed;
 * `\,` is a comma inside a value and `\\` a backslash (any other backslash is kept as typed, so
 * `C:\temp` needs no escaping). An empty box is an empty list.
 */
export function parseValueList(text: string): string[] {
  if (text.trim() === '') {
    return [];
  }
  const values: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const next = text[i + 1];
    if (char === '\\' && (next === ',' || next === '\\')) {
      current += next;
      i += 1;
    } else if (char === ',') {
      values.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  values.push(current.trim());
  return values;
}

/** The text `parseValueList` reads back as `values` (for values without leading or trailing spaces). */
export function formatValueList(values: readonly string[]): string {
  return values.map(escapeValue).join(', ');
}

function escapeValue(value: string): string {
  let escaped = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i];
    const next = value[i + 1];
    if (char === ',') {
      escaped += '\\,';
    } else if (char === '\\' && (next === undefined || next === ',' || next === '\\')) {
      escaped += '\\\\';
    } else {
      escaped += char;
    }
  }
  return escaped;
}

/** Validation as the user types in a parameter's input box. */
export function validateValueText(text: string): string | undefined {
  const values = parseValueList(text);
  const empty = values.findIndex((value) => value === '');
  if (values.length > 1 && empty >= 0) {
    return t('Value {0} is empty: remove the extra comma (write \\, for a comma inside a value).', empty + 1);
  }
  return checkValueList(values);
}
