// The esbuild options of dist/sandbox.js: the emulator, its sample seed and the sandbox controller, loaded
// by the extension only when someone starts the sandbox (src/sandbox/); it requires dist/aws-sdk.js beside
// it. Used by build.mjs and by the unit test that builds the bundle into a temporary folder and drives it.
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants } from 'node:zlib';
import { extensionHostTarget } from './nodeTarget.mjs';

/**
 * Seed JSON files are inlined brotli-compressed (the sample seed: about 98 KB of minified object
 * literal, 14 KB this way) and decompressed once when the bundle loads.
 */
const compressedSeeds = {
  name: 'compressed-seeds',
  setup(build) {
    build.onLoad({ filter: /[\\/]seeds[\\/][^\\/]+\.json$/ }, async (args) => {
      const json = JSON.stringify(JSON.parse(await readFile(args.path, 'utf8')));
      const packed = brotliCompressSync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).toString('base64');
      return {
        loader: 'js',
        contents: `import { brotliDecompressSync } from 'node:zlib';\nexport default JSON.parse(brotliDecompressSync(Buffer.from(${JSON.stringify(packed)}, 'base64')).toString('utf8'));\n`,
      };
    });
  },
};

/**
 * The emulator checks signatures with the SDK's own signer, which dist/aws-sdk.js carries already (it
 * exports it, src/aws/sdk.ts): the sandbox requires it from there rather than bundling a second copy.
 */
const signerFromSdkChunk = {
  name: 'signer-from-sdk-chunk',
  setup(build) {
    build.onResolve({ filter: /^@smithy\/signature-v4$/ }, () => ({ path: './aws-sdk.js', external: true }));
  },
};

/** @returns {import('esbuild').BuildOptions} */
export function sandboxBuildOptions({ outdir = 'dist' } = {}) {
  return {
    entryPoints: { sandbox: 'src/sandbox/sandboxServer.ts' },
    outdir,
    bundle: true,
    // Always minified: it is loaded whole, only on demand, and its size is what people download.
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'info',
    metafile: true,
    platform: 'node',
    format: 'cjs',
    target: extensionHostTarget,
    conditions: ['node', 'module'],
    mainFields: ['module', 'main'],
    plugins: [compressedSeeds, signerFromSdkChunk],
  };
}
