// `npm run lint`: typescript-eslint's recommended rules, and the boundaries of ARCHITECTURE.md as import
// rules, so that crossing one fails the build instead of a review.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const VSCODE = ['vscode'];
const LSP_TRANSPORT = [
  'vscode-languageserver',
  'vscode-languageserver/node',
  'vscode-languageclient',
  'vscode-languageclient/node',
  'vscode-jsonrpc',
  'vscode-jsonrpc/node',
];
const NODE_IO = ['fs', 'fs/promises', 'child_process', 'net', 'http', 'https', 'os', 'worker_threads'].flatMap((m) => [m, `node:${m}`]);

/** A no-restricted-imports rule: these modules and path patterns, each with why. */
const restrict = (why, paths, patterns = []) => [
  'error',
  {
    paths: paths.map((name) => ({ name, message: why })),
    patterns: patterns.map((group) => ({ group: [group], message: why })),
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-output/**', '.vscode-test/**', '**/*.js', '**/*.mjs', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // A function a reader takes in at once (ARCHITECTURE.md): split longer ones.
    files: ['server/src/**/*.ts', 'client/src/**/*.ts', 'shared/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        'shared/ is the layer under the server and the client: it imports neither, nor any editor or transport API, nor Node I/O.',
        [...VSCODE, ...LSP_TRANSPORT, ...NODE_IO],
        ['**/server/**', '**/client/**'],
      ),
    },
  },
  {
    files: ['server/src/service/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        'The language service is a pure library: no vscode, no LSP transport, no Node I/O, no LSP server/CLI/client code (ARCHITECTURE.md).',
        [...VSCODE, ...LSP_TRANSPORT, ...NODE_IO],
        ['**/lsp/**', '**/cli/**', '**/node/**', '**/client/**'],
      ),
    },
  },
  {
    files: ['server/src/cli/**/*.ts', 'server/src/node/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        'The CLI and the Node helpers use the service and plain Node APIs, never the LSP server or an editor.',
        [...VSCODE, ...LSP_TRANSPORT],
        ['**/lsp/**', '**/client/**'],
      ),
    },
  },
  {
    files: ['server/src/lsp/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        'The LSP server never imports the VS Code API or the client.',
        [...VSCODE, 'vscode-languageclient', 'vscode-languageclient/node'],
        ['**/client/**'],
      ),
    },
  },
  {
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        'The client talks to the server over LSP; what both need is in shared/ (@shared/...).',
        [],
        ['**/server/**'],
      ),
    },
  },
  {
    // @kubernetes/client-node hands out loosely typed objects; the client reads them with `any` for now.
    files: ['client/src/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['client/src/cluster/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        'client/src/cluster is pure (no vscode, no language client): it runs in the cluster tests without an editor.',
        [...VSCODE, 'vscode-languageclient', 'vscode-languageclient/node'],
        ['**/server/**', '../commands/**', '../views/**'],
      ),
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
