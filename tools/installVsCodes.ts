// `npm run vscode:install`: installs the code-server (and its Node.js from npm) of each VS Code the suites run on into
// .vscode-test/, printing how long each took; the suites would otherwise install them on first use.
//   npm run vscode:install              both
//   npm run vscode:install -- oldest    one
import { ensureCodeServer } from './codeServerInstall';
import { MissingPrerequisiteError } from './prerequisites';
import { describeBuild, vscodeBuilds, type VsCodeName } from './vscodeVersions';

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  for (const name of names) {
    if (!(name in vscodeBuilds)) throw new Error(`Unknown VS Code "${name}"; choose from ${Object.keys(vscodeBuilds).join(', ')}.`);
  }
  for (const name of (names.length > 0 ? names : Object.keys(vscodeBuilds)) as VsCodeName[]) {
    const started = Date.now();
    const install = await ensureCodeServer(vscodeBuilds[name]);
    console.log(`${name}: ${describeBuild(install.build)} ready in ${Math.round((Date.now() - started) / 1000)} s (${install.entry})`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof MissingPrerequisiteError || error instanceof Error ? error.message : error);
  process.exit(1);
});
