import * as fs from 'node:fs';
import * as path from 'node:path';
import type { VsCodeBuild } from './vscodeVersions';

/** Thrown when the machine lacks something the harness needs; the message says how to fix it. */
export class MissingPrerequisiteError extends Error {
  override name = 'MissingPrerequisiteError';
}

interface Check {
  what: string;
  ok: boolean;
  /** The Debian package that provides it, when apt is the fix. */
  debianPackage?: string;
  hint?: string;
}

export function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? findOnPath('chromium') ?? '/usr/bin/chromium';
}

function report(checks: Check[], purpose: string): void {
  const missing = checks.filter((check) => !check.ok);
  if (missing.length === 0) return;
  const packages = [...new Set(missing.flatMap((check) => (check.debianPackage ? [check.debianPackage] : [])))];
  const lines = [
    `Cannot ${purpose}; missing prerequisites:`,
    ...missing.map((check) => `  - ${check.what}${check.hint ? ` (${check.hint})` : ''}`),
  ];
  if (packages.length > 0) lines.push(`Install them with: apt-get update && apt-get install -y ${packages.join(' ')}`);
  throw new MissingPrerequisiteError(lines.join('\n'));
}

/**
 * What installing code-server needs: its postinstall builds VS Code's native modules with node-gyp (for the Node.js
 * that tools/nodeInstall.ts brings from npm).
 */
export function checkCodeServerInstallPrerequisites(build: VsCodeBuild): void {
  report(
    [
      { what: 'python3 (node-gyp)', ok: !!findOnPath('python3'), debianPackage: 'python3' },
      { what: 'make (node-gyp)', ok: !!findOnPath('make'), debianPackage: 'make' },
      { what: 'g++ (node-gyp)', ok: !!findOnPath('g++'), debianPackage: 'g++' },
      {
        what: 'Kerberos headers for the kerberos module',
        ok: fs.existsSync('/usr/include/gssapi/gssapi.h') || !!findOnPath('krb5-config'),
        debianPackage: 'libkrb5-dev',
      },
      {
        what: `ripgrep (rg), used instead of @vscode/ripgrep downloading it for VS Code ${build.vscode}`,
        ok: !build.ripgrep || !!findOnPath('rg'),
        debianPackage: 'ripgrep',
      },
    ],
    'install code-server',
  );
}

/** What driving the workbench needs. */
export function checkBrowserPrerequisites(): void {
  const executable = chromiumPath();
  report(
    [
      {
        what: `Chromium at ${executable}`,
        ok: fs.existsSync(executable),
        debianPackage: 'chromium',
        hint: 'or set CHROMIUM_PATH; never `npx playwright install`, it downloads a browser',
      },
    ],
    'open the workbench in Chromium',
  );
}

export function checkBuilt(files: Array<{ file: string; buildCommand: string }>): void {
  report(
    files.map(({ file, buildCommand }) => ({ what: `${file} (run \`${buildCommand}\`)`, ok: fs.existsSync(file) })),
    'run the tests',
  );
}
