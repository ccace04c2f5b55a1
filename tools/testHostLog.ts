/**
 * In a run of the test host extension (tools/testHost/), the function that sends a line to the harness; undefined
 * elsewhere (desktop VS Code under @vscode/test-electron prints to its own console). VS Code's extension host keeps
 * `console` for itself (it forwards it to the workbench and ignores reassignments), so the host offers this instead.
 */
export function testHostLog(): ((line: string) => void) | undefined {
  return (globalThis as { [testHostLogGlobal]?: (line: string) => void })[testHostLogGlobal];
}

export const testHostLogGlobal = '__serviceCatalogTestHostLog';
