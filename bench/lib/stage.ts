import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Metafile } from 'esbuild';
import { repoRoot } from '../../tools/paths';

/** The extension as it ships: a production build packaged by vsce, and the VSIX unpacked as VS Code installs it. */
export interface StagedExtension {
  /** The package root vsce ran in: the repository's packaged files with dist/ built for production. */
  packageRoot: string;
  vsix: string;
  /** The VSIX's `extension/` folder: what VS Code runs once the VSIX is installed. */
  installedPath: string;
  /** esbuild's metafile of dist/extension.js. */
  metafile: Metafile;
  /** What vsce printed (its warnings say what the manifest lacks). */
  vsceOutput: string;
}

const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
let staged: Promise<StagedExtension> | undefined;
const folders: string[] = [];
process.on('exit', () => folders.forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

/** Stages the production extension once per process (every benchmark measures the same build). */
export function stageProductionExtension(): Promise<StagedExtension> {
  staged ??= stage();
  return staged;
}

async function stage(): Promise<StagedExtension> {
  if (!fs.existsSync(vsce)) throw new Error('@vscode/vsce is not installed: run npm install (it is a devDependency).');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sca-bench-stage-'));
  folders.push(dir);
  const packageRoot = path.join(dir, 'package');
  fs.mkdirSync(packageRoot);

  // The files vsce would package from the repository (after .vscodeignore), except dist/, which is rebuilt.
  const listed = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('dist/'));
  for (const file of [...listed, '.vscodeignore']) {
    if (!fs.existsSync(path.join(repoRoot, file))) continue;
    fs.mkdirSync(path.dirname(path.join(packageRoot, file)), { recursive: true });
    fs.copyFileSync(path.join(repoRoot, file), path.join(packageRoot, file));
  }
  // The staged dist/ is built here, so the manifest's prepublish step (the same build) is not run again.
  const manifestFile = path.join(packageRoot, 'package.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { scripts?: Record<string, string> };
  if (manifest.scripts) delete manifest.scripts['vscode:prepublish'];
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);

  const metafileFile = path.join(dir, 'extension.meta.json');
  execFileSync(process.execPath, ['scripts/build.mjs', '--production', `--outdir=${path.join(packageRoot, 'dist')}`, `--metafile=${metafileFile}`], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
  });

  const vsix = path.join(dir, 'service-catalog-actions.vsix');
  // The manifest has no repository or LICENSE yet; vsce only warns about them, and these flags say so.
  const vsceOutput = execFileSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix], {
    cwd: packageRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  const unpacked = path.join(dir, 'installed');
  execFileSync('unzip', ['-q', vsix, '-d', unpacked]);
  return {
    packageRoot,
    vsix,
    installedPath: path.join(unpacked, 'extension'),
    metafile: JSON.parse(fs.readFileSync(metafileFile, 'utf8')) as Metafile,
    vsceOutput,
  };
}
