/**
 * Text from AWS shown in VS Code's own UI (notifications, quick picks) must stay text: these
 * surfaces give meaning to some character sequences.
 */

/**
 * Notifications turn `[text](link)` into links, `command:` links included. A zero-width space
 * between `]` and `(` keeps the words and breaks the link syntax.
 */
export function withoutLinks(text: string): string {
  return text.replace(/\]\s*\(/g, ']\u200b(');
}

/** Quick picks draw `$(name)` as an icon; a zero-width space after `$` keeps the text as it is. */
export function withoutIcons(text: string): string {
  return text.replace(/\$\(/g, '$\u200b(');
}
