/**
 * The record panel's HTML shell. It holds no record data: everything arrives by message and is
 * inserted as text by the webview script. Scripts run only by nonce, styles and fonts only from the
 * extension's own files (`cspSource`).
 */
export interface PanelHtmlOptions {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUris: string[];
  /** The document's language, e.g. "en". */
  language: string;
  loadingText: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
  ].join('; ');
}

export function renderPanelHtml(options: PanelHtmlOptions): string {
  const styles = options.styleUris.map((uri) => `  <link rel="stylesheet" href="${escapeAttribute(uri)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(options.language)}">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(options.cspSource, options.nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
</head>
<body>
  <main id="root" aria-busy="true"><p class="loading">${escapeText(options.loadingText)}</p></main>
  <div id="announcer" class="visually-hidden" role="status" aria-live="polite"></div>
  <script nonce="${escapeAttribute(options.nonce)}" src="${escapeAttribute(options.scriptUri)}"></script>
</body>
</html>`;
}

export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
