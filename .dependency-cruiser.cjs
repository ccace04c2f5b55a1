// Import circles in src/, type-only imports included (ESLint's import-x/no-cycle skips those).
// The layers themselves are ESLint rules (eslint.config.mjs), where an editor shows them.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A circle of imports: split the module that both sides need, or pass the dependency in.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: ['\\.json$'] },
  },
};
