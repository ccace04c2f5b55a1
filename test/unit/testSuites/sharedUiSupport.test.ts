import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

/**
 * The guard of eslint.config.mjs that keeps the UI suites on the shared support (test/e2e/support), and every suite on
 * one polling helper (tools/waitUntil.ts): what it refuses, where, and where it lets the same code be.
 * `npm run lint` applies it to the repository; this shows it still catches the copies it was written for.
 */
describe('ESLint guard: UI suites drive VS Code through test/e2e/support only', function () {
  this.timeout(60_000);
  let eslint: ESLint;

  before(() => {
    eslint = new ESLint({ cwd: repoRoot });
  });

  /** The messages of the guard (no-restricted-syntax) for `code` as if it were the file `file`. */
  async function refusals(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
    return result.messages.filter((message) => message.ruleId === 'no-restricted-syntax').map((message) => message.message);
  }

  // Each a local copy the suites had (test/e2e/execute.test.ts's runPaletteCommand was the 2026-12-04 CI failure).
  const localCopies: Record<string, string> = {
    'F1 pressed to open the palette': `export async function open(page: { keyboard: { press(key: string): Promise<void> } }) { await page.keyboard.press('F1'); }`,
    'a fixed sleep of the page': `export async function settle(page: { waitForTimeout(ms: number): Promise<void> }) { await page.waitForTimeout(10_000); }`,
    'a fixed sleep on a timer': `export const settled = () => new Promise((resolve) => setTimeout(resolve, 3_000));`,
    "the quick input's markup": `export const box = '.quick-input-widget .quick-input-box input';`,
    'a context menu item': 'export const item = `.context-view .monaco-menu .action-item`;',
    'a tree row': `export const rows = '.monaco-list-row[role="treeitem"]';`,
    'a status bar item': `export const running = '.statusbar-item';`,
    "a webview's content frame": `export const isPanel = (name: string) => name === 'pending-frame';`,
    "the record panel's status": `export const status = '[data-testid="status"]';`,
    'a local wait helper': 'export async function waitForTitle(): Promise<void> {}',
    'a local palette helper': 'export const runPaletteCommand = async (): Promise<void> => {};',
    'a local record helper': 'export async function openRecord(): Promise<void> {}',
  };

  for (const [copy, code] of Object.entries(localCopies)) {
    it(`refuses ${copy} in the e2e, Japanese UI and VSIX suites, and allows it in test/e2e/support`, async () => {
      for (const file of ['test/e2e/example.test.ts', 'test/l10n/example.test.ts', 'test/vsix/example.test.ts']) {
        assert.ok((await refusals(file, code)).length > 0, `${copy} in ${file}`);
      }
      assert.deepEqual(await refusals('test/e2e/support/example.ts', code), []);
    });
  }

  it('lets a UI suite wait on a locator and use the shared helpers', async () => {
    const code = [
      `import { workbench } from './support/session';`,
      `export async function flow(): Promise<void> {`,
      `  const ui = workbench();`,
      `  await ui.runCommand('Service Catalog: Execute Service Action');`,
      `  await ui.statusBarItem(/1 action running/).first().waitFor({ state: 'visible', timeout: 30_000 });`,
      `}`,
    ].join('\n');
    assert.deepEqual(await refusals('test/e2e/example.test.ts', code), []);
  });

  it('refuses a polling helper of its own in any suite, and keeps tools/waitUntil.ts the one', async () => {
    const code = 'export async function waitFor(): Promise<void> {}';
    for (const file of ['test/unit/example.test.ts', 'test/integration/example.test.ts', 'test/e2e/support/example.ts']) {
      assert.ok((await refusals(file, code)).some((message) => message.includes('tools/waitUntil.ts')), file);
    }
    assert.deepEqual(await refusals('tools/waitUntil.ts', 'export async function waitUntil(): Promise<void> {}'), []);
  });
});
