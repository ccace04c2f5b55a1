import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { BuildOptions, Metafile } from 'esbuild';
import { SearchProvisionedProductsCommand, ServiceCatalogClient } from '@aws-sdk/client-service-catalog';
import { AwsContext } from '../../../src/aws/awsContext';
import { SecretRedactor } from '../../../src/aws/secrets';
import { loadSandboxModule } from '../../../src/sandbox/loadSandboxModule';
import type { SandboxModule } from '../../../src/sandbox/sandboxApi';
import sampleSeed from '../../../src/emulator/seeds/sample.json';

const root = path.join(__dirname, '..', '..', '..');

/** The esbuild options of scripts/sandboxBuild.mjs (an ES module, imported at run time). */
async function sandboxBuildOptions(outdir: string): Promise<BuildOptions> {
  const specifier = path.join(root, 'scripts', 'sandboxBuild.mjs');
  const module = (await import(specifier)) as { sandboxBuildOptions(options: { outdir: string }): BuildOptions };
  return module.sandboxBuildOptions({ outdir });
}

/**
 * dist/sandbox.js as the build makes it: built into an empty folder (so nothing of test/ is next to
 * it) beside the SDK chunk it takes the signer from, loaded with the extension's own loader, started, and
 * used through the real SDK.
 */
describe('sandbox bundle (dist/sandbox.js)', function () {
  this.timeout(60_000);
  let outdir: string;
  let bundle: string;
  let sandboxModule: SandboxModule;
  let metafile: Metafile;

  before(async () => {
    const esbuild = await import('esbuild');
    outdir = mkdtempSync(path.join(tmpdir(), 'sc-sandbox-bundle-'));
    // The production build of every bundle (dist/aws-sdk.js among them), then the sandbox's own for its metafile.
    execFileSync(process.execPath, ['scripts/build.mjs', '--production', `--outdir=${outdir}`], { cwd: root, stdio: 'ignore' });
    metafile = (await esbuild.build({ ...(await sandboxBuildOptions(outdir)), absWorkingDir: root, logLevel: 'silent' })).metafile as Metafile;
    bundle = path.join(outdir, 'sandbox.js');
    sandboxModule = loadSandboxModule(bundle);
  });
  after(() => rmSync(outdir, { recursive: true, force: true }));

  it('is minified and small, with its dependencies bundled', () => {
    const size = statSync(bundle).size;
    assert.ok(size < 160 * 1024, `dist/sandbox.js is ${size} bytes`);
    const text = readFileSync(bundle, 'utf8');
    assert.ok(text.split('\n').length < 20, 'minified');
    assert.ok(!text.includes('maria.garcia'), 'the seed is inlined compressed, not as text');
    assert.ok(!/require\("(@aws-sdk|@smithy|@aws-crypto)/.test(text), 'its dependencies are bundled');
  });

  it('takes the SDK\'s signer from dist/aws-sdk.js instead of carrying a second copy', () => {
    const text = readFileSync(bundle, 'utf8');
    assert.deepEqual(text.match(/require\("\.\/[\w-]+\.js"\)/g), ['require("./aws-sdk.js")']);
    const bundled = Object.keys(metafile.inputs).filter((input) => input.includes('node_modules/'));
    assert.deepEqual(bundled, [], 'no SDK code in dist/sandbox.js');
    const chunk = readFileSync(path.join(outdir, 'aws-sdk.js'), 'utf8');
    assert.ok(chunk.includes('SignatureV4'), 'dist/aws-sdk.js exports the signer');
  });

  it('starts through the controller it exports, serves the sample seed to the real SDK, and stops', async () => {
    const storageDir = path.join(outdir, 'storage');
    const environments: unknown[] = [];
    const controller = sandboxModule.createSandboxController({
      storageDir,
      useEnvironment: async (env) => {
        environments.push(env);
      },
      forgetRecords: () => 0,
    });
    const running = await controller.start();
    assert.match(running.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(running.environment.AWS_CONFIG_FILE.startsWith(storageDir));
    const aws = new AwsContext({ env: running.environment, redactor: new SecretRedactor(), askMfaCode: async () => undefined, acceptLanguage: () => 'en' });
    try {
      const api = await aws.apiFor('acme-data-sandbox', 'us-east-1');
      const products = await api.searchProvisionedProducts({ accessLevel: 'Account' });
      const expected = sampleSeed.provisionedProducts.filter((product) => product.accountId === '345678901234' && product.region === 'us-east-1');
      assert.deepEqual(products.map((product) => product.Name).sort(), expected.map((product) => product.name).sort());
    } finally {
      aws.dispose();
      await controller.stop();
    }
    assert.deepEqual(environments, [running.environment, undefined]);
    await assert.rejects(fetch(running.endpoint, { method: 'POST' }));
  });

  it('ships only code of production dependencies, which a production audit covers: no @aws-crypto', () => {
    const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const packages = [...new Set(Object.keys(metafile.inputs).flatMap((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? []))];
    assert.deepEqual(packages.filter((name) => lock.packages[`node_modules/${name}`]?.dev === true), [], `bundled: ${packages.join(', ')}`);
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const imported = Object.keys(metafile.inputs).filter((input) => input.startsWith('src/')).flatMap((input) => metafile.inputs[input].imports.map((entry) => entry.original ?? ''));
    const direct = [...new Set(imported.filter((name) => name.startsWith('@')).map((name) => name.split('/').slice(0, 2).join('/')))];
    assert.deepEqual(direct.filter((name) => !(name in manifest.dependencies)), [], 'what the sandbox imports is a production dependency of the extension');
    assert.ok(!readFileSync(bundle, 'utf8').includes('@aws-crypto'));
  });

  it('makes keys for each session: the sample seed\'s public keys sign nothing, and two sessions have different keys', async () => {
    const first = await sandboxModule.startSandboxServer({ dir: path.join(outdir, 'keys-1') });
    const second = await sandboxModule.startSandboxServer({ dir: path.join(outdir, 'keys-2') });
    try {
      const keysOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/aws_secret_access_key = (\S+)/g)].map((match) => match[1]);
      const firstKeys = keysOf(first.credentialsFile);
      assert.equal(firstKeys.length, sampleSeed.credentials.length);
      assert.deepEqual(firstKeys.filter((key) => sampleSeed.credentials.some((credential) => credential.secretAccessKey === key)), [], 'none of the seed\'s keys');
      assert.deepEqual(firstKeys.filter((key) => keysOf(second.credentialsFile).includes(key)), [], 'none shared between sessions');
      assert.equal(statSync(first.credentialsFile).mode & 0o777, 0o600);

      const credential = sampleSeed.credentials[0];
      const withSeedKeys = new ServiceCatalogClient({
        region: credential.region ?? 'us-east-1',
        endpoint: first.endpoint,
        credentials: { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey, sessionToken: credential.sessionToken },
        maxAttempts: 1,
      });
      try {
        await assert.rejects(withSeedKeys.send(new SearchProvisionedProductsCommand({})), (error: Error) => error.name === 'UnrecognizedClientException');
      } finally {
        withSeedKeys.destroy();
      }
      const aws = new AwsContext({ env: first.environment, redactor: new SecretRedactor(), askMfaCode: async () => undefined, acceptLanguage: () => 'en' });
      try {
        const products = await (await aws.apiFor(credential.profileName, credential.region ?? 'us-east-1')).searchProvisionedProducts({ accessLevel: 'User' });
        assert.ok(products.length > 0, 'the files written for the session work');
      } finally {
        aws.dispose();
      }
    } finally {
      await first.stop();
      await second.stop();
    }
  });

  it('has no admin API: nothing can reset, fault or stop it, or make it read a file', async () => {
    const server = await sandboxModule.startSandboxServer({ dir: path.join(outdir, 'direct') });
    try {
      const admin = await fetch(`${server.endpoint}/_emulator/health`);
      assert.notEqual(admin.status, 200);
      const reset = await fetch(`${server.endpoint}/_emulator/reset`, { method: 'POST', body: JSON.stringify({ seedPath: '/etc/passwd' }) });
      assert.doesNotMatch(await reset.text(), /cannot read|passwd|records/);
    } finally {
      await server.stop();
    }
  });

  it('is refused by the loader when it is not the version the extension expects', () => {
    const stale = path.join(outdir, 'stale.js');
    writeFileSync(stale, 'exports.SANDBOX_API_VERSION = 0; exports.createSandboxController = () => undefined;');
    assert.throws(() => loadSandboxModule(stale), /does not match this version of the extension/);
    assert.throws(() => loadSandboxModule(path.join(outdir, 'missing.js')), /Cannot find module/);
  });

  it('stays out of the main bundle: dist/extension.js has neither the emulator, nor the seed, nor the controller', async () => {
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      entryPoints: [path.join(root, 'src', 'extension.ts')],
      absWorkingDir: root,
      bundle: true,
      write: false,
      outdir: path.join(outdir, 'main'),
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      conditions: ['node', 'module'],
      mainFields: ['module', 'main'],
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys((result.metafile as Metafile).inputs);
    const leaked = inputs.filter((input) => input.startsWith('test/') || /sandbox(Server|Controller)\.ts$/.test(input));
    assert.deepEqual(leaked, []);
    assert.ok(inputs.includes('src/sandbox/registerSandbox.ts'));
  });
});
