// Bundle: the minified size of dist/extension.js, the packaged VSIX, and each dependency's share (esbuild metafile).
//   npm run bench -- bundle
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { Metafile } from 'esbuild';
import { repoRoot } from '../tools/paths';
import { kb, printFigure, printHeading, runWhenMain, saveResults, type FigureResult } from './lib/report';
import { stageProductionExtension } from './lib/stage';

const KB = 1024;

export async function benchBundle(): Promise<FigureResult[]> {
  printHeading('Bundle: dist/extension.js and the VSIX (production build, `node scripts/build.mjs --production`, packaged by vsce)');
  const staged = await stageProductionExtension();
  const dist = path.join(staged.installedPath, 'dist');
  const size = (file: string) => fs.statSync(path.join(dist, file)).size;
  const extensionBytes = size('extension.js');
  const vsixBytes = fs.statSync(staged.vsix).size;
  const vsixEntries = zipEntries(staged.vsix);
  const unbundled = productionDependencies();

  const outputs = outputsOf(staged.metafile);
  const extensionOutput = outputs.find((output) => output.file === 'extension.js');
  const figures: FigureResult[] = [];
  figures.push(
    printFigure({
      name: 'Extension bundle',
      what: 'size of dist/extension.js, minified, as packaged in the VSIX (what the extension host loads at activation)',
      value: extensionBytes / KB,
      unit: 'KB',
      display: kb(extensionBytes),
      target: { max: 550, text: '≤ 550 KB' },
      baseline: `unbundled, the production dependencies would ship as node_modules: ${(unbundled.bytes / KB / KB).toFixed(1)} MB in ${unbundled.files} files (${unbundled.packages} packages)`,
      details: [
        'share of each dependency in dist/extension.js (esbuild metafile, bytes in the minified output):',
        ...(extensionOutput ? shares(extensionOutput) : ['(no metafile entry)']),
      ],
    }),
  );

  const others = outputs.filter((output) => output.file !== 'extension.js');
  figures.push(
    printFigure({
      name: 'VSIX',
      what: 'size of the .vsix that `vsce package` makes from the production build (zip, as published)',
      value: vsixBytes / KB,
      unit: 'KB',
      display: kb(vsixBytes),
      target: { max: 250, text: '≤ 250 KB' },
      baseline: `the same files uncompressed: ${kb(vsixEntries.reduce((sum, entry) => sum + entry.size, 0))}`,
      details: [
        'files in the VSIX (uncompressed → compressed):',
        ...vsixEntries.map((entry) => `${entry.name.padEnd(48)} ${kb(entry.size).padStart(10)} → ${kb(entry.compressed).padStart(9)}`),
        'other bundles, loaded only when needed (not part of the activation bundle):',
        ...others.flatMap((output) => [`${`dist/${output.file}`.padEnd(48)} ${kb(output.bytes).padStart(10)}`, ...shares(output, 6).map((line) => `  ${line}`)]),
      ],
    }),
  );
  if (/WARNING/.test(staged.vsceOutput)) {
    console.log(`  vsce warnings: ${staged.vsceOutput.split('\n').filter((line) => /WARNING/.test(line)).map((line) => stripVTControlCharacters(line).replace(/\s*WARNING\s*/, '')).join(' | ')}`);
  }
  saveResults('bundle', figures, { vsix: vsixEntries, outputs: outputs.map(({ file, bytes }) => ({ file, bytes })) });
  return figures;
}

interface Output {
  file: string;
  bytes: number;
  byPackage: Map<string, number>;
}

/** The JavaScript outputs of the metafile, with the bytes each package (or src/ folder) contributes. */
function outputsOf(metafile: Metafile): Output[] {
  return Object.entries(metafile.outputs)
    .filter(([file]) => file.endsWith('.js'))
    .map(([file, output]) => {
      const byPackage = new Map<string, number>();
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
        const name = packageOf(input);
        byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
      }
      return { file: file.slice(file.lastIndexOf('/dist/') + '/dist/'.length), bytes: output.bytes, byPackage };
    });
}

function packageOf(input: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (match) return match[1];
  const source = /(?:^|\/)(src\/[^/]+|test\/[^/]+)/.exec(input);
  return source ? `${source[1]} (ours)` : input;
}

function shares(output: Output, limit = 40): string[] {
  const total = [...output.byPackage.values()].reduce((sum, bytes) => sum + bytes, 0);
  const rows = [...output.byPackage.entries()].sort((a, b) => b[1] - a[1]);
  const shown = rows.slice(0, limit).map(([name, bytes]) => `${kb(bytes).padStart(10)} ${((100 * bytes) / total).toFixed(1).padStart(5)}%  ${name}`);
  if (rows.length > limit) {
    const rest = rows.slice(limit).reduce((sum, [, bytes]) => sum + bytes, 0);
    shown.push(`${kb(rest).padStart(10)} ${((100 * rest) / total).toFixed(1).padStart(5)}%  (${rows.length - limit} more)`);
  }
  return shown;
}

function zipEntries(vsix: string): Array<{ name: string; size: number; compressed: number }> {
  // unzip -v: Length Method Size Cmpr Date Time CRC-32 Name
  return execFileSync('unzip', ['-v', vsix], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+\S+\s+(\d+)\s+\S+\s+\S+\s+\S+\s+\S+\s+(.+)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ name: match[3].trim(), size: Number(match[1]), compressed: Number(match[2]) }));
}

/** What `npm ls --omit=dev` installs for the extension: the files an unbundled VSIX would have to carry. */
function productionDependencies(): { packages: number; files: number; bytes: number } {
  const output = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: repoRoot, encoding: 'utf8' });
  const folders = [...new Set(output.split('\n').filter((line) => line.includes('node_modules')))];
  let files = 0;
  let bytes = 0;
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') visit(file);
      } else if (entry.isFile()) {
        files += 1;
        bytes += fs.statSync(file).size;
      }
    }
  };
  folders.forEach(visit);
  return { packages: folders.length, files, bytes };
}

runWhenMain(module, benchBundle);
