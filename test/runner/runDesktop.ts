// Runs the same integration suites in desktop VS Code through @vscode/test-electron, for contributors
// with a display and internet access (it downloads VS Code into .vscode-test/ on first use). CI and
// machines without internet use the code-server runner (runIntegration.ts) instead.
//
//   npm run test:desktop
//   npm run test:desktop -- --grep Commands
//   VSCODE_TEST_VERSION=1.101.0 npm run test:desktop   (the lowest supported VS Code)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';
import { integrationTestEnv } from '../integration/testEnvironment';
import { isLeakyVariable, sandboxVariables, startAwsSandbox } from '../../tools/awsSandbox';
import { extensionBundle, integrationTestsEntry, repoRoot, seeds, testCacheDir } from '../../tools/paths';
import { checkBuilt } from '../../tools/prerequisites';

const { values: options } = parseArgs({
  options: { grep: { type: 'string', short: 'g', default: process.env[integrationTestEnv.grep] } },
});

async function main(): Promise<number> {
  checkBuilt([
    { file: extensionBundle, buildCommand: 'npm run build' },
    { file: integrationTestsEntry, buildCommand: 'npm run build:tests' },
  ]);
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sca-desktop-'));
  const workspaceDir = path.join(runDir, 'workspace');
  fs.mkdirSync(workspaceDir);
  const sandbox = await startAwsSandbox({ seedPath: seeds.test, dir: path.join(runDir, 'sandbox') });
  try {
    // test-electron starts VS Code with this process's environment plus extensionTestsEnv, so the
    // developer's own AWS variables are removed here rather than overridden there.
    for (const name of Object.keys(process.env)) if (isLeakyVariable(name)) delete process.env[name];
    return await runTests({
      version: process.env.VSCODE_TEST_VERSION ?? 'stable',
      cachePath: testCacheDir,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: integrationTestsEntry,
      extensionTestsEnv: {
        ...sandboxVariables(sandbox, { isolateHome: false, exposeEmulatorToTests: true }),
        ...(options.grep ? { [integrationTestEnv.grep]: options.grep } : {}),
      },
      launchArgs: [
        workspaceDir,
        '--disable-extensions',
        '--user-data-dir', path.join(runDir, 'user-data'),
        '--extensions-dir', path.join(runDir, 'extensions'),
      ],
    });
  } finally {
    await sandbox.stop();
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('Desktop integration run failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
