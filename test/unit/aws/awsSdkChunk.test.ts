import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { AwsSdk } from '../../../src/aws/loadSdk';
import * as sdkFromSource from '../../../src/aws/sdk';
import { startEmulatorFixture, type EmulatorFixture } from '../support/emulatorFixture';

const root = path.join(__dirname, '..', '..', '..');

/** Text found only in the AWS SDK: the Service Catalog JSON protocol's target prefix and SigV4's payload header. */
const sdkMarkers = ['AWS242ServiceCatalogService', 'x-amz-content-sha256'];

/**
 * The production build keeps the AWS SDK out of dist/extension.js: it is dist/aws-sdk.js, required by the
 * first AWS call (src/aws/loadSdk.ts), so activation neither parses nor runs it.
 */
describe('AWS SDK chunk (dist/aws-sdk.js)', function () {
  this.timeout(120_000);
  let outdir: string;
  let extensionText: string;
  let fixture: EmulatorFixture | undefined;

  before(() => {
    outdir = mkdtempSync(path.join(tmpdir(), 'sc-sdk-chunk-'));
    execFileSync(process.execPath, ['scripts/build.mjs', '--production', `--outdir=${outdir}`], { cwd: root, stdio: 'ignore' });
    extensionText = readFileSync(path.join(outdir, 'extension.js'), 'utf8');
  });
  after(async () => {
    await fixture?.stop();
    rmSync(outdir, { recursive: true, force: true });
  });

  it('is not part of dist/extension.js, which requires it by name', () => {
    for (const marker of sdkMarkers) assert.ok(!extensionText.includes(marker), `dist/extension.js contains SDK code (${marker})`);
    assert.equal(extensionText.match(/require\("\.\/aws-sdk\.js"\)/g)?.length, 1, 'dist/extension.js requires ./aws-sdk.js once');
    const chunk = readFileSync(path.join(outdir, 'aws-sdk.js'), 'utf8');
    for (const marker of sdkMarkers) assert.ok(chunk.includes(marker), `dist/aws-sdk.js lacks ${marker}`);
  });

  it('leaves out the SDK code its clients never run: event streams, package.json beyond the version', () => {
    const chunk = readFileSync(path.join(outdir, 'aws-sdk.js'), 'utf8');
    // The event-stream codec reads the `:event-type` header; the dynamic import stays, unreached.
    assert.ok(!chunk.includes(':event-type'), 'dist/aws-sdk.js carries the event-stream code');
    assert.ok(chunk.includes('import("@smithy/core/event-streams")'));
    // The user agent still names the client's version, and nothing else of its package.json is inlined.
    const { version } = JSON.parse(readFileSync(require.resolve('@aws-sdk/client-service-catalog/package.json'), 'utf8')) as { version: string };
    assert.ok(chunk.includes(`version:"${version}"`), `dist/aws-sdk.js lacks the client's version ${version}`);
    assert.ok(!/homepage:|devDependencies:/.test(chunk), 'dist/aws-sdk.js inlines whole package.json files');
  });

  it('is not loaded when dist/extension.js is', () => {
    // A separate Node process with a stand-in for the `vscode` module, as the extension host provides one.
    const probe = path.join(outdir, 'probe.js');
    writeFileSync(
      probe,
      [
        "const Module = require('module');",
        'const resolve = Module._resolveFilename;',
        "const stub = require.resolve('./vscode-stub.js');",
        "Module._resolveFilename = function (request, ...rest) { return request === 'vscode' ? stub : resolve.call(this, request, ...rest); };",
        "const extension = require('./extension.js');",
        "const loaded = Object.keys(require.cache).filter((file) => file.endsWith('aws-sdk.js'));",
        'process.stdout.write(JSON.stringify({ activate: typeof extension.activate, loaded }));',
      ].join('\n'),
    );
    writeFileSync(path.join(outdir, 'vscode-stub.js'), 'module.exports = new Proxy({}, { get: () => function () {} });');
    const result = JSON.parse(execFileSync(process.execPath, [probe], { encoding: 'utf8' })) as { activate: string; loaded: string[] };
    assert.equal(result.activate, 'function');
    assert.deepEqual(result.loaded, []);
  });

  it('exports what src/aws/sdk.ts declares, and those work on their own against the emulator', async () => {
    const sdk = createRequire(__filename)(path.join(outdir, 'aws-sdk.js')) as AwsSdk;
    const names = (module: object) => Object.keys(module).filter((name) => name !== '__esModule').sort();
    assert.deepEqual(names(sdk), names(sdkFromSource));

    fixture = await startEmulatorFixture();
    const credential = fixture.seed.credentials.find((candidate) => candidate.profileName === 'main-alice')!;
    const client = new sdk.ServiceCatalogClient({
      region: 'us-east-1',
      endpoint: fixture.emulator.endpoint,
      credentials: sdk.fromIni({ profile: 'main-alice', configFilepath: fixture.configFile, filepath: fixture.credentialsFile }),
    });
    try {
      const output = await client.send(new sdk.SearchProvisionedProductsCommand({ AccessLevelFilter: { Key: 'User', Value: 'self' }, PageSize: 100 }));
      const expected = fixture.seed.provisionedProducts.filter((product) => product.userArn === credential.userArn && product.region === 'us-east-1');
      assert.equal(output.ProvisionedProducts?.length, expected.length);
    } finally {
      client.destroy();
    }
  });
});
