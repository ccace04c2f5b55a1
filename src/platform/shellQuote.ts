/** Characters that never need quoting in a POSIX shell word. */
const plainWord = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Quotes a value as one POSIX shell word: plain words stay as they are, anything else goes in single
 * quotes, where nothing is special except the single quote itself (written as '\''). Newlines, `$()`,
 * backticks and unicode stay literal.
 */
export function shellQuote(value: string): string {
  if (value !== '' && plainWord.test(value)) {
    return value;
  }
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `--name value`, quoted; a value that starts with a dash is joined with `=` so the CLI cannot read it as an option. */
export function shellOption(name: string, value: string): string {
  return value.startsWith('-') ? `${name}=${shellQuote(value)}` : `${name} ${shellQuote(value)}`;
}

/** The same option as one argument list for a program started without a shell. */
export function optionArguments(name: string, value: string): string[] {
  return value.startsWith('-') ? [`${name}=${value}`] : [name, value];
}
