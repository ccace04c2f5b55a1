// Copies what the record panel webview loads besides its script into dist/webview, the one folder the
// panel may read from (its localResourceRoots): the codicon font and CSS, and the panel's own CSS.
//
// The codicon font and CSS are cut down to the icons the panel can show (about 20 of 650: 123 KB of font
// would be most of the VSIX): every string literal of the panel's code (src/webview, src/shared, src/records)
// that names a codicon. Icon names only ever come from such literals; `codiconNamesUsed` is what the unit
// test checks against the sources.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import subsetFont from 'subset-font';

const require = createRequire(import.meta.url);
const panelSources = ['src/webview', 'src/shared', 'src/records'];

export async function copyWebviewAssets(outdir = 'dist/webview') {
  const codicons = path.dirname(require.resolve('@vscode/codicons/dist/codicon.css'));
  mkdirSync(path.join(outdir, 'codicons'), { recursive: true });
  const css = readFileSync(path.join(codicons, 'codicon.css'), 'utf8');
  const { css: trimmedCss, codePoints } = trimCodiconCss(css, codiconNamesUsed(css));
  writeFileSync(path.join(outdir, 'codicons', 'codicon.css'), trimmedCss);
  const font = await subsetFont(readFileSync(path.join(codicons, 'codicon.ttf')), String.fromCodePoint(...codePoints), { targetFormat: 'truetype' });
  writeFileSync(path.join(outdir, 'codicons', 'codicon.ttf'), font);
  copyFileSync('media/recordPanel.css', path.join(outdir, 'recordPanel.css'));
}

/** The codicon names that appear as string literals in the panel's sources. */
export function codiconNamesUsed(css, sourceDirs = panelSources) {
  const known = new Set([...css.matchAll(/^\.codicon-([a-z0-9-]+):before/gm)].map((match) => match[1]));
  const used = new Set();
  for (const dir of sourceDirs) {
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      const text = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
      for (const match of text.matchAll(/'([a-z0-9-]+)'/g)) {
        if (known.has(match[1])) used.add(match[1]);
      }
    }
  }
  return [...used].sort();
}

/** codicon.css with only the icon rules of `names` (the font face, base rules and modifiers stay), and their code points. */
export function trimCodiconCss(css, names) {
  const wanted = new Set(names);
  const codePoints = [];
  const lines = css.split('\n').filter((line) => {
    const rule = /^\.codicon-([a-z0-9-]+):before \{ content: "\\([0-9a-f]+)" \}/.exec(line);
    if (!rule) return true;
    if (!wanted.has(rule[1])) return false;
    codePoints.push(parseInt(rule[2], 16));
    return true;
  });
  return { css: lines.join('\n'), codePoints: [...new Set(codePoints)] };
}
