import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { zipEntries, type ZipEntry } from '../support/zip';

const root = path.join(__dirname, '..', '..', '..');

/** What the VSIX may hold, and nothing else: the manifest and its translations, the docs, the icons, the bundles. */
const allowed = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package(\.nls(\.[a-z-]+)?)?\.json$/,
  /^extension\/(readme|changelog)\.md$/,
  /^extension\/LICENSE\.txt$/,
  /^extension\/media\/(icon\.png|service-catalog\.svg)$/,
  /^extension\/media\/walkthrough\/\w+(\.nls\.[a-z-]+)?\.md$/,
  /^extension\/dist\/[\w-]+\.js$/,
  /^extension\/dist\/webview\/[\w-]+\.(js|css)$/,
  /^extension\/dist\/webview\/codicons\/codicon\.(css|ttf)$/,
  /^extension\/l10n\/bundle\.l10n\.[a-z-]+\.json$/,
];

/** Never in the VSIX, whatever the allowlist above becomes. */
const forbidden = [
  /^extension\/(src|test|bench|scripts|out|node_modules|\.vscode-test|test-results|\.ci|\.github|\.vscode)\//,
  /\.map$/,
  /\.ts$/,
  /\.vsix$/,
  /(^|\/)\.(env|npmrc|gitignore)$/,
];

/**
 * `npm run package` as a user of the VSIX gets it: built by scripts/package.mjs (a production build, packaged
 * by @vscode/vsce) into a temporary folder, and read back entry by entry.
 */
describe('the VSIX (npm run package)', function () {
  this.timeout(180_000);
  let dir: string;
  let vsixBytes: number;
  let entries: ZipEntry[];
  const names = () => entries.map((entry) => entry.name);
  const text = (name: string) => {
    const entry = entries.find((candidate) => candidate.name === name);
    assert.ok(entry, `${name} is in the VSIX`);
    return entry.read().toString('utf8');
  };

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sca-vsix-test-'));
    const script = (await import(path.join(root, 'scripts', 'package.mjs'))) as {
      packageExtension(options: { out: string; quiet: boolean }): string;
    };
    const vsix = script.packageExtension({ out: path.join(dir, 'extension.vsix'), quiet: true });
    vsixBytes = statSync(vsix).size;
    entries = zipEntries(readFileSync(vsix));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the manifest, its translations, README, CHANGELOG, LICENSE, the icons, the bundles and the webview assets', () => {
    const expected = [
      'extension/package.json',
      'extension/package.nls.json',
      'extension/package.nls.ja.json',
      'extension/package.nls.zh-cn.json',
      'extension/readme.md',
      'extension/changelog.md',
      'extension/LICENSE.txt',
      'extension/media/icon.png',
      'extension/media/service-catalog.svg',
      'extension/dist/extension.js',
      'extension/dist/webview/recordPanel.js',
      'extension/dist/webview/recordPanel.css',
      'extension/dist/webview/codicons/codicon.css',
      'extension/dist/webview/codicons/codicon.ttf',
      'extension/l10n/bundle.l10n.ja.json',
      'extension/l10n/bundle.l10n.zh-cn.json',
    ];
    assert.deepEqual(expected.filter((name) => !names().includes(name)), [], `the VSIX holds: ${names().join(', ')}`);
  });

  it('holds every bundle that dist/extension.js loads later (the AWS SDK, the sandbox)', () => {
    const main = text('extension/dist/extension.js');
    // `require("./aws-sdk.js")`, and the sandbox by its path: `path.join(context.extensionPath, "dist", "sandbox.js")`.
    const chunks = [
      ...[...main.matchAll(/require\("\.\/([\w-]+\.js)"\)/g)].map((match) => match[1]),
      ...[...main.matchAll(/"dist",\s*"([\w-]+\.js)"/g)].map((match) => match[1]),
    ].map((file) => `extension/dist/${file}`);
    assert.ok(chunks.includes('extension/dist/aws-sdk.js'), `chunks loaded later: ${chunks.join(', ')}`);
    assert.ok(chunks.includes('extension/dist/sandbox.js'), `chunks loaded later: ${chunks.join(', ')}`);
    assert.deepEqual(chunks.filter((chunk) => !names().includes(chunk)), []);
  });

  it('holds nothing else: no sources, tests, source maps, node_modules or build output of the tests', () => {
    assert.deepEqual(names().filter((name) => forbidden.some((pattern) => pattern.test(name))), []);
    assert.deepEqual(names().filter((name) => !allowed.some((pattern) => pattern.test(name))), [], 'files the allowlist does not expect');
    assert.ok(vsixBytes < 400 * 1024, `the VSIX is ${Math.round(vsixBytes / 1024)} KB`);
  });

  it('carries the icon recompressed losslessly (zopflipng, see scripts/render-icon.ts)', () => {
    // As Chromium renders it, the 128 px icon is 8.7 KB; recompressed, the same pixels take 5.1 KB.
    const icon = entries.find((entry) => entry.name === 'extension/media/icon.png');
    assert.ok(icon, 'the icon is in the VSIX');
    assert.ok(icon.read().length <= 6 * 1024, `the icon is ${icon.read().length} bytes`);
  });

  it('carries the production build: minified, without source map references', () => {
    for (const name of names().filter((candidate) => candidate.endsWith('.js'))) {
      const code = text(name);
      assert.ok(!code.includes('sourceMappingURL'), `${name} refers to a source map`);
      const lines = code.split('\n').length;
      assert.ok(code.length / lines > 400, `${name} does not look minified (${lines} lines for ${code.length} characters)`);
    }
  });

  it('has a manifest whose every file reference is in the VSIX', () => {
    const manifest = JSON.parse(text('extension/package.json')) as {
      version: string;
      main: string;
      icon: string;
      l10n: string;
      extensionKind: string[];
      capabilities: Record<string, unknown>;
      contributes: {
        viewsContainers: { activitybar: Array<{ icon: string }> };
        walkthroughs: Array<{ steps: Array<{ media: { markdown: string } }> }>;
      };
    };
    const repository = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    assert.equal(manifest.version, repository.version);
    const inVsix = (file: string) => names().includes(`extension/${path.posix.normalize(file)}`);
    assert.ok(inVsix(manifest.main), manifest.main);
    assert.ok(inVsix(manifest.icon), manifest.icon);
    for (const container of manifest.contributes.viewsContainers.activitybar) assert.ok(inVsix(container.icon), container.icon);
    // Each walkthrough page in English, Japanese and Chinese (VS Code picks `<page>.nls.<language>.md` for the display language).
    for (const step of manifest.contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps)) {
      for (const language of ['', '.nls.ja', '.nls.zh-cn']) {
        const page = step.media.markdown.replace(/\.md$/, `${language}.md`);
        assert.ok(inVsix(page), page);
      }
    }
    assert.ok(inVsix(`${manifest.l10n}/bundle.l10n.ja.json`));
    assert.deepEqual(manifest.extensionKind, ['workspace']);
    assert.ok('untrustedWorkspaces' in manifest.capabilities && 'virtualWorkspaces' in manifest.capabilities);
  });

  it('has a README whose images load from the web (the Marketplace does not serve them from the VSIX)', () => {
    const readme = text('extension/readme.md');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((match) => match[1]);
    assert.ok(images.length >= 3, `images: ${images.join(', ')}`);
    assert.deepEqual(images.filter((image) => !image.startsWith('https://')), []);
  });
});
