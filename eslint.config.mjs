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
const features = ['tree', 'execute', 'records', 'sandbox'];
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
  { target: ['./scripts', './tools'], from: './test', message: 'npm start, the builds and the benchmarks never import tests: shared pieces live in tools/ or src/.' },
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
    files: ['scripts/**/*.mjs', 'test/**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
  },
);
