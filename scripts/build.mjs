// Bundles the extension host code and the webview code with esbuild.
// Type checking is a separate step (`npm run typecheck`).
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { copyWebviewAssets } from './copyWebviewAssets.mjs';
import { extensionHostTarget } from './nodeTarget.mjs';
import { sandboxBuildOptions } from './sandboxBuild.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
// `--outdir=DIR` builds elsewhere than dist/ (the benchmarks stage a production build without touching dist/);
// `--metafile=FILE` writes the esbuild metafile of every bundle (what each dependency weighs in each output).
const option = (name) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const outdir = option('outdir') ?? 'dist';
const metafileOut = option('metafile');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'info',
  metafile: true,
};

/** Host code: the lowest supported extension host's Node, CommonJS, the SDK's ES builds (they tree-shake far better than its CommonJS builds). */
const host = {
  ...common,
  outdir,
  platform: 'node',
  format: 'cjs',
  target: extensionHostTarget,
  external: ['vscode'],
  conditions: ['node', 'module'],
  mainFields: ['module', 'main'],
};

/**
 * The AWS SDK is its own bundle, dist/aws-sdk.js (from src/aws/sdk.ts), which src/aws/loadSdk.ts requires on
 * the first AWS call: in dist/extension.js its `require('./sdk')` stays a require of './aws-sdk.js', so
 * activation neither parses nor evaluates the SDK.
 */
const awsSdkChunk = {
  name: 'aws-sdk-chunk',
  setup(build) {
    build.onResolve({ filter: /^\.\/sdk$/ }, (args) =>
      path.basename(args.importer) === 'loadSdk.ts' ? { path: './aws-sdk.js', external: true } : undefined,
    );
  },
};

/**
 * What the SDK chunk leaves out of the SDK. Event streams: `HttpProtocol` imports `@smithy/core/event-streams`
 * dynamically, only for operations with event-stream members, which none of the clients in the chunk (Service
 * Catalog, and STS, SSO, SSO OIDC and sign-in for credentials) has; it stays an unreached import(). The SDK's
 * package.json files: the clients read only `version` from them (the user agent), yet each was inlined whole.
 */
const awsSdkTrim = {
  name: 'aws-sdk-trim',
  setup(build) {
    build.onResolve({ filter: /^@smithy\/core\/event-streams$/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined));
    build.onLoad({ filter: /[\\/]node_modules[\\/]@aws-sdk[\\/][^\\/]+[\\/]package\.json$/ }, async (args) => {
      const { version } = JSON.parse(readFileSync(args.path, 'utf8'));
      return { loader: 'json', contents: JSON.stringify({ version }) };
    });
  },
};

/**
 * One `vscode` module for the whole bundle. esbuild turns each file's `import * as vscode from 'vscode'` into
 * its own `__toESM(require('vscode'))`, which copies every member of the API (a few hundred) as a getter, in
 * each of some twenty files: milliseconds of activation. This facade requires 'vscode' once and exports the
 * members the sources name; a member it lacks fails the build (import-is-undefined is an error below).
 */
const vscodeFacade = {
  name: 'vscode-facade',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-facade' ? undefined : { path: 'vscode', namespace: 'vscode-facade' }));
    build.onLoad({ filter: /.*/, namespace: 'vscode-facade' }, () => {
      const names = vscodeMembersUsed('src');
      const exports = names.map((name) => `export const ${name} = api.${name};`).join('\n');
      return { contents: `const api = require('vscode');\n${exports}\n`, loader: 'js', resolveDir: process.cwd() };
    });
  },
};

/** The `vscode.<Member>` names used by the sources that import 'vscode'. */
function vscodeMembersUsed(dir) {
  const names = new Set();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const text = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    if (!/import \* as vscode from 'vscode'/.test(text)) continue;
    for (const match of text.matchAll(/\bvscode\.([A-Za-z_$][\w$]*)/g)) names.add(match[1]);
  }
  return [...names].sort();
}

const builds = [
  {
    ...host,
    entryPoints: { extension: 'src/extension.ts' },
    plugins: [awsSdkChunk, vscodeFacade],
    logOverride: { 'import-is-undefined': 'error' },
  },
  { ...host, entryPoints: { 'aws-sdk': 'src/aws/sdk.ts' }, plugins: [awsSdkTrim] },
  {
    ...common,
    entryPoints: { recordPanel: 'src/webview/recordPanel.ts' },
    outdir: path.join(outdir, 'webview'),
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  // The sandbox (emulator, sample seed, controller), required only when someone starts it; always minified.
  sandboxBuildOptions({ outdir }),
];

await copyWebviewAssets(path.join(outdir, 'webview'));

if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  if (metafileOut) {
    const merged = { inputs: {}, outputs: {} };
    for (const { metafile } of results) {
      Object.assign(merged.inputs, metafile.inputs);
      Object.assign(merged.outputs, metafile.outputs);
    }
    writeFileSync(metafileOut, JSON.stringify(merged));
  }
}
