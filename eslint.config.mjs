import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const noVscode = {
  'no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'vscode', message: 'This folder is vscode-free so it can be tested in plain Node.' }],
    },
  ],
};

// The layers of src/ (README "Layout"): each line says what a folder may not import.
const features = ['tree', 'execute', 'records', 'sandbox', 'walkthrough', 'search'];
const everythingBut = (...allowed) =>
  ['aws', 'catalog', 'platform', 'shared', 'webview', 'emulator', ...features, 'extension.ts'].filter((part) => !allowed.includes(part)).map((part) => `./src/${part}`);
const layers = [
  { target: './src/shared', from: everythingBut('shared'), message: 'shared/ is bundled into the webview too: it imports nothing of the host.' },
  { target: './src/webview', from: everythingBut('webview', 'shared'), message: 'The webview runs in the browser: it talks to the host only through shared/.' },
  { target: './src/emulator', from: everythingBut('emulator'), message: 'The emulator is a program of its own (npm run emulator, the sandbox bundle): it imports nothing of the extension.' },
  { target: './src/platform', from: everythingBut('platform'), message: 'platform/ is the infrastructure under everything: it knows nothing of AWS, the catalog or the features.' },
  { target: './src/aws', from: everythingBut('aws', 'platform'), message: 'aws/ is below the catalog and the features.' },
  { target: './src/catalog', from: everythingBut('catalog', 'aws', 'platform'), message: 'The catalog core is below the features: features depend on it, never the other way.' },
  ...features.map((feature) => ({
    target: `./src/${feature}`,
    from: [...features.filter((other) => other !== feature).map((other) => `./src/${other}`), './src/extension.ts'],
    message: 'Features never import each other: the composition root (extension.ts) injects what one needs of another.',
  })),
  {
    target: ['./src/aws', './src/catalog', './src/platform', './src/shared', './src/webview', ...['tree', 'execute', 'records'].map((feature) => `./src/${feature}`)],
    from: './src/emulator',
    message: 'Only the sandbox bundle (src/sandbox/sandboxServer.ts) carries the emulator.',
  },
  { target: './src', from: './test', message: 'Product code never imports tests.' },
  { target: ['./scripts', './bench', './tools'], from: './test', message: 'npm start, the builds and the benchmarks never import tests: shared pieces live in tools/ or src/.' },
];

// tools/waitUntil.ts is the one polling helper of every suite (unit, integration, UI).
const onePollingHelper = {
  selector: 'FunctionDeclaration[id.name=/^(waitFor|waitUntil|sleep|delay)$/], VariableDeclarator[id.name=/^(waitFor|waitUntil|sleep|delay)$/][init.type=/FunctionExpression$/]',
  message: 'Poll with waitUntil of tools/waitUntil.ts: one polling helper, one argument order (what, probe, timeoutMs, intervalMs).',
};

// The UI suites (test/e2e, test/l10n, test/vsix) drive VS Code only through tools/workbenchUi.ts (the window, shared with
// the benchmarks) and test/e2e/support (recordPanel, executeWizard, ...): each way around VS Code's races (a palette that
// ignores F1, a context menu that drops clicks while it opens) is handled there once, not in a local copy.
const workbenchMarkup =
  '/\\.quick-input|\\.context-view|\\.monaco-menu|\\.action-item|\\.action-label|\\.monaco-list-row|role="treeitem"|\\.monaco-tl-twistie|\\.statusbar-item|\\.notification|\\.tabs-container|\\.monaco-dialog|\\.monaco-hover|\\.workbench-hover|pending-frame|active-frame|data-testid="status"|data-status/';
const sharedUiSupportOnly = [
  {
    selector: "CallExpression[callee.property.name='press'][arguments.0.value='F1']",
    message: 'Open the palette with WorkbenchUi.openCommandPalette or runCommand (tools/workbenchUi.ts): it waits for the palette and presses F1 again when VS Code ignores it.',
  },
  {
    selector: "MemberExpression[property.name='waitForTimeout'], CallExpression[callee.name='setTimeout']",
    message: 'A fixed sleep decides nothing: wait for a positive signal (a locator\'s waitFor, a WorkbenchUi helper, WorkbenchUi.waitForExtensionLog, waitUntil). A workaround for a VS Code race belongs in tools/workbenchUi.ts or test/e2e/support, once.',
  },
  {
    selector: `Literal[value=${workbenchMarkup}], TemplateElement[value.raw=${workbenchMarkup}]`,
    message: "VS Code's markup (quick input, menus, trees, status bar, notifications, dialogs, webview frames, the record panel's status) is read in tools/workbenchUi.ts and test/e2e/support only: use or add a WorkbenchUi or recordPanel helper.",
  },
  {
    selector:
      'FunctionDeclaration[id.name=/^(waitFor|waitUntil|poll|sleep|delay|runCommand|runPaletteCommand|openCommandPalette|openRecord|closeEditors|chooseMenuItem|webviewShowing|statusOf)/], VariableDeclarator[id.name=/^(waitFor|waitUntil|poll|sleep|delay|runCommand|runPaletteCommand|openCommandPalette|openRecord|closeEditors|chooseMenuItem|webviewShowing|statusOf)/][init.type=/FunctionExpression$/]',
    message: 'Helpers that drive or wait for the workbench live in tools/workbenchUi.ts or test/e2e/support, one place each: use or extend WorkbenchUi, recordPanel or executeWizard.',
  },
];

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', '.vscode-test/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'tools/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layers }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: [
      'src/aws/**',
      'src/catalog/**',
      'src/shared/**',
      'src/webview/**',
      'src/emulator/**',
      'src/platform/*.ts',
      'src/records/tracking/**',
      'src/records/estimates/**',
      'test/unit/**',
    ],
    rules: noVscode,
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    files: ['test/**/*.ts', 'tools/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['tools/waitUntil.ts'],
    rules: { 'no-restricted-syntax': ['error', onePollingHelper] },
  },
  {
    files: ['test/e2e/**/*.ts', 'test/l10n/**/*.ts', 'test/vsix/**/*.ts'],
    ignores: ['test/e2e/support/**'],
    rules: { 'no-restricted-syntax': ['error', onePollingHelper, ...sharedUiSupportOnly] },
  },
  {
    files: ['scripts/**/*.mjs', 'test/**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
  },
);
