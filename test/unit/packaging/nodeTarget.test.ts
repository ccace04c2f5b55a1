import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import semver from 'semver';
import { ensureNode } from '../../../tools/nodeInstall';
import { lowestSupported, vscodeBuilds } from '../../../tools/vscodeVersions';

const root = path.join(__dirname, '..', '..', '..');
const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;
const manifest = readJson<{ engines: { vscode: string }; devDependencies: Record<string, string> }>(path.join(root, 'package.json'));

/**
 * The extension host of the lowest supported VS Code runs Node 22.15.1: what the manifest promises, what the bundles
 * are built for, and what they must run on. The AWS SDK requires Node >= 22 in its releases after the first week of
 * January 2027; a bundled package that needs a newer Node than that host has fails here, not in a user's VS Code.
 */
describe('the bundles and the lowest supported VS Code', function () {
  this.timeout(180_000);
  const lowestNode = lowestSupported.extensionHostNode;
  let outdir: string;
  let metafile: { inputs: Record<string, unknown>; outputs: Record<string, { inputs: Record<string, unknown> }> };

  before(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sca-node-target-'));
    // The production build, as the VSIX ships it, with esbuild's account of every input of every bundle.
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--production', `--outdir=${outdir}`, `--metafile=${path.join(outdir, 'meta.json')}`], {
      cwd: root,
      stdio: 'pipe',
    });
    metafile = readJson(path.join(outdir, 'meta.json'));
  });

  after(() => fs.rmSync(outdir, { recursive: true, force: true }));

  it('the manifest, @types/vscode, the build target and the oldest test VS Code all name that VS Code and its Node', async () => {
    const { extensionHostTarget } = (await import(path.join(root, 'scripts', 'nodeTarget.mjs'))) as { extensionHostTarget: string };
    assert.equal(manifest.engines.vscode, `^${lowestSupported.vscode}`);
    assert.equal(manifest.devDependencies['@types/vscode'], lowestSupported.vscode, '@types/vscode is the lowest supported API, exactly');
    const testHost = readJson<{ engines: { vscode: string } }>(path.join(root, 'tools', 'testHost', 'package.json'));
    assert.equal(testHost.engines.vscode, manifest.engines.vscode, 'the test host extension loads wherever the extension does');
    assert.equal(extensionHostTarget, `node${semver.major(lowestNode)}.${semver.minor(lowestNode)}`, 'esbuild builds for that Node');
    assert.equal(vscodeBuilds.oldest.node, lowestNode, 'the oldest test VS Code runs the extension host on that Node');
    assert.ok(semver.gte(vscodeBuilds.oldest.vscode, lowestSupported.vscode), 'the oldest test VS Code is supported');
    assert.ok(semver.gt(vscodeBuilds.newest.vscode, vscodeBuilds.oldest.vscode));
  });

  it(`every npm package in the host bundles supports Node ${lowestNode} (engines.node)`, () => {
    const hostBundles = Object.keys(metafile.outputs).filter((output) => /\/(extension|aws-sdk|sandbox)\.js$/.test(output));
    assert.equal(hostBundles.length, 3, `the three host bundles: ${Object.keys(metafile.outputs).join(', ')}`);
    const packages = new Map<string, string | undefined>();
    for (const output of hostBundles) {
      for (const input of Object.keys(metafile.outputs[output].inputs)) {
        const dir = packageDir(path.resolve(root, input));
        if (dir && !packages.has(dir)) packages.set(dir, readJson<{ engines?: { node?: string } }>(path.join(dir, 'package.json')).engines?.node);
      }
    }
    assert.ok([...packages.keys()].some((dir) => dir.endsWith(path.join('@aws-sdk', 'client-service-catalog'))), 'the SDK is among them');
    const unsupported = [...packages].filter(([, range]) => range !== undefined && !semver.satisfies(lowestNode, range));
    assert.deepEqual(
      unsupported.map(([dir, range]) => `${path.relative(root, dir)} needs Node ${range}`),
      [],
      `raise the lowest supported VS Code (engines.vscode, tools/vscodeVersions.ts) to one whose extension host runs a Node these support`,
    );
  });

  it(`the host bundles parse and load in Node ${lowestNode}, the lowest supported extension host's`, () => {
    const { node } = ensureNode(lowestNode);
    for (const bundle of ['extension.js', 'aws-sdk.js', 'sandbox.js']) {
      execFileSync(node, ['--check', path.join(outdir, bundle)], { stdio: 'pipe' });
    }
    // The vscode-free bundles also run their top level there: the SDK and the sandbox's emulator.
    const loaded = execFileSync(
      node,
      ['-e', `for (const b of ['aws-sdk.js', 'sandbox.js']) require(require('node:path').join(${JSON.stringify(outdir)}, b)); console.log(process.version);`],
      { encoding: 'utf8' },
    );
    assert.equal(loaded.trim(), `v${lowestNode}`);
  });
});

/** The folder of the npm package that holds `file` (the nearest node_modules/<name> or node_modules/@scope/<name>). */
function packageDir(file: string): string | undefined {
  const match = /^(.*\/node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(file);
  return match?.[1];
}
