// `npm run package`: the .vsix that ships, made by @vscode/vsce from a production build.
//
//   npm run package                         service-catalog-actions-<version>.vsix in the repository root
//   npm run package -- --out FILE.vsix      elsewhere
//
// vsce packages a staging folder, not the repository: the files vsce would take from here (after
// .vscodeignore; `vsce ls`) except dist/, which is built fresh for production (minified, no source maps)
// into the staging folder. So packaging never leaves a production build in dist/ under a developer's
// watch build or a test run, and a stale file of dist/ can never ship. `vscode:prepublish` (the same build)
// is for `vsce package` or `vsce publish` run by hand; here the staged manifest goes without it.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');

export function packageExtension({ out, quiet = false } = {}) {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const vsix = path.resolve(out ?? path.join(repoRoot, `${manifest.name}-${manifest.version}.vsix`));
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'sca-package-'));
  // Quiet: the build's and vsce's output only when one of them fails.
  const run = (args, cwd) => {
    try {
      execFileSync(process.execPath, args, { cwd, stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8' });
    } catch (error) {
      if (quiet) process.stderr.write(`${error.stdout ?? ''}${error.stderr ?? ''}`);
      throw error;
    }
  };
  try {
    const listed = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim())
      .filter((file) => file !== '' && !file.startsWith('dist/'));
    for (const file of [...listed, '.vscodeignore']) {
      const target = path.join(stage, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(repoRoot, file), target);
    }
    const stagedManifest = JSON.parse(fs.readFileSync(path.join(stage, 'package.json'), 'utf8'));
    delete stagedManifest.scripts['vscode:prepublish'];
    fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(stagedManifest, null, 2)}\n`);

    run(['scripts/build.mjs', '--production', `--outdir=${path.join(stage, 'dist')}`], repoRoot);
    fs.mkdirSync(path.dirname(vsix), { recursive: true });
    run([vsce, 'package', '--no-dependencies', '--out', vsix], stage);
    return vsix;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string', short: 'o' } } });
  const vsix = packageExtension(values.out ? { out: values.out } : {});
  console.log(`${path.relative(process.cwd(), vsix)}: ${(fs.statSync(vsix).size / 1024).toFixed(1)} KB`);
}
