// ESLint (flat config): typescript-eslint's recommended rules (not type-aware, to stay fast; tsc type-checks, see
// npm run typecheck) and the architecture's layers. The layers, from the leaf up:
//
//   app/common    the leaf: contract, schemas, DTOs, errors, envelope, formats. Imports nothing of the app; runtime-agnostic
//                 (the browser renderer imports it too), so no Node built-ins.
//   app/core      pure TS: common and itself.
//   app/service   common, core.
//   app/server    common, core, service.
//   app/team      common, core: the team store on PostgreSQL (issue 17), no transport, no shell, nothing of the
//                 single-user app's service (the desktop and browser modes never load it).
//   app/cli       common, service, server, team, and from the core only app/core/paths.ts.
//   app/desktop   plain Node modules of the desktop shell: common, core, service.
//   app/electron  anything in app/.
//   renderer      renderer/ and app/common only.
//
// Only app/electron/ may import 'electron' at runtime; `import type ... from 'electron'` is fine anywhere.
//
// Imports are resolved by eslint-plugin-import-x rather than eslint-plugin-import: eslint-plugin-import 2.32 does not
// support ESLint 10 (its peer range stops at ^9), eslint-plugin-import-x 4 does.
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

const root = path.dirname(fileURLToPath(import.meta.url));

// ---- The layers -------------------------------------------------------------------------------------------------------
const LAYERS = ['common', 'core', 'service', 'server', 'team', 'cli', 'desktop', 'electron'];
const dir = (layer) => (layer === 'renderer' ? 'renderer' : `app/${layer}`);
/** One zone: `target` may not import `from`, and why. */
const forbid = (target, from, why, except) => ({
  target: dir(target),
  from: dir(from),
  ...(except ? { except } : {}),
  message: `${dir(target)} must not import ${dir(from)}${except ? ` (except ${except.map((e) => `${dir(from)}/${e.replace(/^\.\//, '')}`).join(', ')})` : ''}: ${why}`,
});
const WHY = {
  common: 'app/common is the leaf every layer shares, the browser renderer included; it imports only zod and its own files',
  core: 'the core never knows which transport carried the call (nor which shell runs it)',
  service: 'the service is what the transports call; it never knows which one (HTTP, IPC or the CLI) called it',
  server: "browser mode's HTTP server is one transport over the service; it runs without Electron, the CLI or the desktop shell",
  cli: "the CLI goes through the contract client, the service and the server; of the core it only needs app/core/paths.ts (where Lectern's files are)",
  cliShell: 'the CLI runs in plain Node, without Electron or the desktop shell',
  desktop: 'app/desktop holds plain Node modules of the desktop shell, testable without Electron; only app/electron wires them to Electron and the transports',
  renderer: 'the renderer is browser code, bundled on its own; the app reaches it only as built files',
  team: "the team store is a store: PostgreSQL over the core's formats; the transports call it, it never calls them (nor the single-user service)",
  notTeam: "the single-user app (desktop and browser modes) keeps its file store; only the team server's transport may load app/team",
  fromRenderer: "the renderer runs in the browser and talks to the app only through app/common's contract (over IPC or HTTP)",
};
const zones = [
  ...LAYERS.filter((l) => l !== 'common').map((l) => forbid('common', l, WHY.common)),
  ...['service', 'server', 'team', 'cli', 'desktop', 'electron'].map((l) => forbid('core', l, WHY.core)),
  ...['service', 'server', 'cli', 'desktop', 'electron'].map((l) => forbid('team', l, WHY.team)),
  ...['server', 'cli', 'desktop', 'electron'].map((l) => forbid('service', l, WHY.service)),
  // The single-user app's service and the desktop shell never load the team store (issue 17: their file store stays).
  ...['service', 'desktop'].map((l) => forbid(l, 'team', WHY.notTeam)),
  ...['cli', 'desktop', 'electron'].map((l) => forbid('server', l, WHY.server)),
  forbid('cli', 'core', WHY.cli, ['./paths.ts']),
  ...['desktop', 'electron'].map((l) => forbid('cli', l, WHY.cliShell)),
  ...['server', 'cli', 'electron'].map((l) => forbid('desktop', l, WHY.desktop)),
  // No layer of app/ imports the renderer (app/electron neither: it loads the built renderer from dist/).
  ...LAYERS.map((l) => forbid(l, 'renderer', l === 'common' ? WHY.common : WHY.renderer)),
  { target: 'renderer', from: 'app', except: ['./common'], message: `renderer must not import app/ other than app/common: ${WHY.fromRenderer}` },
];

// ---- 'electron' and Node built-ins -------------------------------------------------------------------------------------
const ELECTRON_MESSAGE =
  "only app/electron/ may import 'electron' at runtime: the module exists only inside the Electron binary, and everything else also runs in plain Node or the browser (`import type` is fine)";
const electronPaths = [{ name: 'electron', allowTypeImports: true, message: ELECTRON_MESSAGE }];
const electronPatterns = [{ group: ['electron/*'], allowTypeImports: true, message: ELECTRON_MESSAGE }];
// import('electron') and require('electron') are not import declarations: no-restricted-imports does not see them.
const electronSyntax = [
  { selector: "ImportExpression[source.value='electron']", message: ELECTRON_MESSAGE },
  { selector: "CallExpression[callee.name='require'][arguments.0.value='electron']", message: ELECTRON_MESSAGE },
];
const builtins = builtinModules.filter((m) => !m.startsWith('_'));
/** Node's built-ins, for code that also runs in the browser (not even as types: the renderer compiles without Node's). */
const noNode = (who) => ({
  paths: [...electronPaths, ...builtins.map((name) => ({ name, message: `${who} runs in the browser too: no Node built-ins` }))],
  patterns: [...electronPatterns, { group: ['node:*'], message: `${who} runs in the browser too: no Node built-ins` }],
});
// Browser globals, for app/: it runs in Node. (tsc cannot catch these: @xmldom/xmldom's types pull in lib.dom.)
const browserGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'alert', 'confirm', 'prompt'].map((name) => ({
  name,
  message: 'app/ runs in Node (the DOM in app/core/import is a library object, passed in): no browser globals',
}));

export default defineConfig(
  {
    ignores: ['dist/', 'node_modules/', 'release/', 'test-results/', 'playwright-report/', 'corpus/', 'test/fixtures/', 'bench/results.json'],
  },
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,mts,cts,js,mjs,cjs}'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { 'import-x': importX },
    settings: {
      // Resolve './x' to x.ts, so the zones see where a relative import lands.
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mts', '.mjs', '.js', '.cjs', '.json', '.node'] })],
    },
    rules: {
      // The tree's conventions: `_x` is deliberately unused (a parameter an interface requires, a field left out by
      // destructuring), and `({ a, ...rest }) => rest` drops `a`.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  // ---- The layers ----
  {
    files: ['app/**/*.ts', 'renderer/**/*.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { basePath: root, zones }] },
  },
  {
    files: ['**/*.{ts,mts,cts,js,mjs,cjs}'],
    ignores: ['app/electron/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: electronPaths, patterns: electronPatterns }],
      'no-restricted-syntax': ['error', ...electronSyntax],
    },
  },
  {
    files: ['app/common/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', noNode('app/common')] },
  },
  {
    files: ['renderer/**/*.ts'],
    rules: {
      // The renderer reaches Electron only through the preload's bridge: not even its types.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ ...electronPaths[0], allowTypeImports: false }, ...noNode('renderer').paths.slice(1)],
          patterns: [{ ...electronPatterns[0], allowTypeImports: false }, ...noNode('renderer').patterns.slice(1)],
        },
      ],
    },
  },
  {
    files: ['app/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...browserGlobals] },
  },
);
