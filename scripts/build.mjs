// Bundles the extension host code and the webview code with esbuild.
// Type checking is a separate step (`npm run typecheck`).
import * as esbuild from 'esbuild';
import { copyWebviewAssets } from './copyWebviewAssets.mjs';
import { sandboxBuildOptions } from './sandboxBuild.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'info',
  metafile: true,
};

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    // The SDK's ES builds for Node tree-shake far better than its CommonJS builds (about 120 KB less).
    conditions: ['node', 'module'],
    mainFields: ['module', 'main'],
  },
  {
    ...common,
    entryPoints: { recordPanel: 'src/webview/recordPanel.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  // The sandbox (emulator, sample seed, controller), required only when someone starts it; always minified.
  sandboxBuildOptions({ outdir: 'dist' }),
];

copyWebviewAssets();

if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
