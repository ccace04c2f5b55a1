import * as path from 'node:path';
import { selectedVsCode } from './vscodeVersions';

/** The repository root, found from this file's location (tools/). */
export const repoRoot = path.resolve(__dirname, '..');

/** Ignored cache folder for the test VS Code (code-server), like @vscode/test-electron's `.vscode-test/`. */
export const testCacheDir = path.join(repoRoot, '.vscode-test');

/** Ignored folder where failed runs leave their logs and screenshots. */
export const testResultsDir = path.join(repoRoot, 'test-results');

/**
 * Where a suite leaves its screenshots and logs: `test-results/<suite>/` on the newest VS Code,
 * `test-results/<suite>-oldest/` on the oldest, so the second run of a CI job keeps the first one's.
 */
export function suiteResultsDir(suite: string): string {
  const vscode = selectedVsCode();
  return path.join(testResultsDir, vscode.name === 'newest' ? suite : `${suite}-${vscode.name}`);
}

/** The bundled extension that package.json `main` points to. */
export const extensionBundle = path.join(repoRoot, 'dist', 'extension.js');

/** The mocha entry module that VS Code loads inside the extension host (built by scripts/build-tests.mjs). */
export const integrationTestsEntry = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');

export const seeds = {
  test: path.join(repoRoot, 'test', 'fixtures', 'seeds', 'test.json'),
  sample: path.join(repoRoot, 'src', 'emulator', 'seeds', 'sample.json'),
};
