// The strings of src/ that users read, as VS Code's l10n bundle: l10n/bundle.l10n.json, the English source of
// l10n/bundle.l10n.<locale>.json. `npm run l10n:export` writes it again after a string changes; the unit test
// test/unit/l10n/translations.test.ts fails when it is stale or a translation is missing.
//
// Extraction is @vscode/l10n-dev's (`getL10nJson`). It finds `vscode.l10n.t(...)` and `l10n.t(...)` calls;
// the vscode-free modules call `t(...)` imported from '@vscode/l10n', which it does not look for, so those
// files are handed to it with the import written as `import * as l10n` and each call as `l10n.t(...)`.
import { getL10nJson } from '@vscode/l10n-dev';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const l10nDir = path.join(repoRoot, 'l10n');
export const bundleFile = path.join(l10nDir, 'bundle.l10n.json');
/** The display languages the extension is translated into (VS Code's language ids). */
export const locales = ['ja', 'zh-cn'];

/** Every `.ts` file of src/, in a stable order. */
function sourceFiles(dir = path.join(repoRoot, 'src')) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(file);
      return entry.name.endsWith('.ts') ? [file] : [];
    })
    .sort();
}

const namedImport = /import\s*\{([^}]*)\}\s*from\s*'@vscode\/l10n';?/;

/** The text l10n-dev reads for a source file: bare `t(...)` calls of '@vscode/l10n' become `l10n.t(...)`. */
export function forExtraction(text) {
  const match = namedImport.exec(text);
  if (!match) return text;
  const names = match[1].split(',').map((part) => part.trim().split(/\s+as\s+/));
  const local = names.find(([imported]) => imported === 't');
  if (!local) return text;
  const alias = local[1] ?? 't';
  const calls = new RegExp(`(?<![\\w$.])${alias.replace(/\$/g, '\\$')}\\s*\\(`, 'g');
  return text.replace(match[0], "import * as l10n from '@vscode/l10n';").replace(calls, 'l10n.t(');
}

/** The bundle as the sources say it now: `{ message: message }`, in the order of the files and their calls. */
export async function extractBundle() {
  const files = sourceFiles().map((file) => ({ contents: forExtraction(fs.readFileSync(file, 'utf8')), extension: '.ts' }));
  return getL10nJson(files);
}

export function formatBundle(bundle) {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bundle = await extractBundle();
  fs.mkdirSync(l10nDir, { recursive: true });
  fs.writeFileSync(bundleFile, formatBundle(bundle));
  console.log(`${Object.keys(bundle).length} strings written to ${path.relative(repoRoot, bundleFile)}`);
  for (const locale of locales) {
    const file = path.join(l10nDir, `bundle.l10n.${locale}.json`);
    const translated = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
    const missing = Object.keys(bundle).filter((key) => !(key in translated));
    const stale = Object.keys(translated).filter((key) => !(key in bundle));
    if (missing.length || stale.length) {
      console.log(`${path.relative(repoRoot, file)}: ${missing.length} to translate, ${stale.length} no longer used`);
      for (const key of missing) console.log(`  + ${JSON.stringify(key)}`);
      for (const key of stale) console.log(`  - ${JSON.stringify(key)}`);
    }
  }
}
