// The lint gate (`npm run lint`, run by .ci/run): promise misuse, which TypeScript alone does not catch. Layering
// and import cycles are checked by scripts/check-imports.mjs (faster, and it knows our layers).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'tests/fixtures/**', 'runtimes/**', 'bench/peers/**'] },
  {
    files: ['src/**/*.ts', 'tests/**/*.ts', 'bench/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { project: ['./tsconfig.json', './tests/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    // Some files hold `no-explicit-any` exemptions, kept for when that rule is switched on.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: {
      // An unawaited promise loses its error (an unhandled rejection kills the process) and its ordering.
      // node:test's test()/describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] }] },
      ],
      // A promise where a callback's return is ignored (event handlers, forEach) is the same bug.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
);
