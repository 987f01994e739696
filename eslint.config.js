// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/**
 * Lint settles correctness and the boundaries between layers; Prettier settles style (so the stylistic
 * rules stay off here). The boundaries: the web app imports only the pure domain from the server, and only
 * server/env.ts reads the environment.
 */
export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'coverage/**', 'web/public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        Buffer: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      'no-empty': ['error', { allowEmptyCatch: true }],
      'no-constant-condition': ['error', { checkLoops: false }],
      'no-control-regex': 'off',
      'no-misleading-character-class': 'off',
    },
  },
  {
    // Browser code: the DOM's globals; from the server, only the pure domain (no SQL, no HTTP, no Node).
    files: ['web/**/*.{ts,tsx,js}'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        location: 'readonly',
        localStorage: 'readonly',
        indexedDB: 'readonly',
        self: 'readonly',
        caches: 'readonly',
        history: 'readonly',
      },
    },
    rules: {
      // `import { type X }` would still load the module for its side effects; with server/app.ts that is the server.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      // The typed client needs the routes' types (AppType), never their code: server/app.ts by `import type` only.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)server/(?!domain/|app\\.ts$)', message: 'The web app imports only server/domain/** (pure TypeScript) from the server.' },
            {
              regex: '(^|/)server/app\\.ts$',
              allowTypeImports: true,
              message: 'The web app takes only types from server/app.ts (`import type { AppType }`, for the typed client in web/lib/client.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    // Configuration is read once, in server/env.ts, and passed down.
    files: ['server/**/*.ts'],
    ignores: ['server/env.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Only server/env.ts reads process.env; take the value from the parsed Env.' }],
    },
  },
  {
    // SQL lives in repositories (they take `db` or `trx` first); use cases call them and own the transaction.
    files: ['server/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['**/repository.ts', 'server/db/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|with)$/]',
          message: 'Queries belong in a */repository.ts function that takes db or trx first.',
        },
        { selector: "TaggedTemplateExpression[tag.name='sql']", message: 'Raw SQL belongs in a */repository.ts function (or server/db/ for dialect helpers).' },
      ],
    },
  },
)
