// The Node.js every bundle that runs in the extension host is built for (esbuild `target`): the Node of the lowest
// supported VS Code's extension host (VS Code 1.101, Node 22.15.1; tools/vscodeVersions.ts). A bundle built for it
// needs nothing newer; test/unit/packaging/nodeTarget.test.ts checks the two agree and runs the bundles on that Node.
export const extensionHostTarget = 'node22.15';
