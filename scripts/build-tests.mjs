// Bundles the integration suites that run inside the VS Code extension host into out/test/integration/.
// Each *.test.ts becomes its own file that the mocha entry (index.ts) finds and loads at run time;
// mocha itself is bundled into the entry so the host needs nothing from node_modules.
// Type checking is a separate step (`npm run typecheck`).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extensionHostTarget } from './nodeTarget.mjs';

const sourceDir = 'test/integration';
const outdir = 'out/test/integration';

function findSuites(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return findSuites(file);
    return entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

fs.rmSync(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: [path.join(sourceDir, 'index.ts'), ...findSuites(sourceDir)],
  outbase: sourceDir,
  outdir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: extensionHostTarget,
  external: ['vscode'],
  sourcemap: 'inline',
  sourcesContent: false,
  logLevel: 'warning',
  // mocha's parallel mode resolves worker files at run time; the host never uses parallel mode.
  logOverride: { 'require-resolve-not-external': 'silent' },
});
console.log(`Integration suites built into ${outdir}/`);
