// Copies what the record panel webview loads besides its script into dist/webview, the one folder the
// panel may read from (its localResourceRoots): the codicon font and CSS, and the panel's own CSS.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);

export function copyWebviewAssets(outdir = 'dist/webview') {
  const codicons = path.dirname(require.resolve('@vscode/codicons/dist/codicon.css'));
  mkdirSync(path.join(outdir, 'codicons'), { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) {
    copyFileSync(path.join(codicons, file), path.join(outdir, 'codicons', file));
  }
  copyFileSync('media/recordPanel.css', path.join(outdir, 'recordPanel.css'));
}
