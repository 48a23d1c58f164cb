import tseslint from 'typescript-eslint';

const electronOnly = {
  paths: [{ name: 'electron', message: 'Only the Electron shell (main, window, preload, ipc, protocol) and electron/adapters may import electron.' }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // The import boundaries of ARCHITECTURE: services, shared code, the renderer and the CLI never touch Electron.
  {
    files: ['shared/**', 'renderer/**', 'electron/**', 'test/**', 'scripts/**'],
    ignores: ['electron/main.ts', 'electron/window.ts', 'electron/preload.ts', 'electron/ipc.ts', 'electron/protocol.ts', 'electron/adapters/**'],
    rules: { 'no-restricted-imports': ['error', electronOnly] },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': ['error', { ...electronOnly, patterns: [{ group: ['**/electron/**', '**/renderer/**'], message: 'shared/ is imported by both sides and imports neither.' }] }],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': ['error', { ...electronOnly, patterns: [{ group: ['**/electron/**', 'node:*'], message: 'The renderer talks to the main process only through the contract.' }] }],
    },
  },
);
