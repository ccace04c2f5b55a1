import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..', '..');

/** Icon names the record panel shows, read from its sources the way a person would: `icon: 'x'`, `icon('x')`, `button(key, label, 'x', ...)`. */
function iconNamesInSources(): string[] {
  const names = new Set<string>();
  for (const dir of ['src/webview', 'src/shared']) {
    for (const file of readdirSync(path.join(root, dir)).filter((name) => name.endsWith('.ts'))) {
      const text = readFileSync(path.join(root, dir, file), 'utf8');
      for (const pattern of [/icon: '([a-z0-9-]+)'/g, /icon\('([a-z0-9-]+)'/g, /button\('[^']*', [^,]+, '([a-z0-9-]+)'/g]) {
        for (const match of text.matchAll(pattern)) names.add(match[1]);
      }
    }
  }
  return [...names].sort();
}

/**
 * dist/webview/codicons holds only the icons the record panel can show (scripts/copyWebviewAssets.mjs): the
 * VSIX would otherwise carry the whole 123 KB font. Every icon the panel's code names must be in it.
 */
describe('codicon subset of the record panel (dist/webview/codicons)', function () {
  this.timeout(60_000);
  let outdir: string;

  before(async () => {
    outdir = mkdtempSync(path.join(tmpdir(), 'sc-codicons-'));
    const specifier = path.join(root, 'scripts', 'copyWebviewAssets.mjs');
    const module = (await import(specifier)) as { copyWebviewAssets(outdir: string): Promise<void> };
    const cwd = process.cwd();
    process.chdir(root);
    try {
      await module.copyWebviewAssets(outdir);
    } finally {
      process.chdir(cwd);
    }
  });
  after(() => rmSync(outdir, { recursive: true, force: true }));

  it('has a rule for every icon the panel names, and a small font', () => {
    const css = readFileSync(path.join(outdir, 'codicons', 'codicon.css'), 'utf8');
    const names = iconNamesInSources();
    assert.ok(names.length >= 15, `found the panel's icons: ${names.join(', ')}`);
    for (const name of names) assert.match(css, new RegExp(`^\\.codicon-${name}:before \\{ content: "\\\\[0-9a-f]+" \\}`, 'm'), `codicon-${name}`);
    assert.ok(css.includes('@font-face') && css.includes('codicon-modifier-spin'), 'keeps the font face and the modifiers');
    const rules = css.match(/^\.codicon-[a-z0-9-]+:before/gm) ?? [];
    assert.ok(rules.length < 60, `only the icons in use (${rules.length} rules)`);
    const font = statSync(path.join(outdir, 'codicons', 'codicon.ttf')).size;
    assert.ok(font > 1000 && font < 20_000, `a subset font (${font} bytes)`);
  });
});
