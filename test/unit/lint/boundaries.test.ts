/**
 * The lint that guards the architecture's layers (eslint.config.mjs) catches each kind of crossing and lets the
 * allowed imports through. Source is linted as if it lived at a virtual path in the tree (lintText's filePath: the
 * file need not exist; its imports are resolved from where it would be).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: repoRoot });

async function lint(file: string, code: string) {
  const filePath = path.join(repoRoot, file);
  const results = await eslint.lintText(code, { filePath });
  assert.equal(results.length, 1);
  assert.equal(results[0].filePath, filePath);
  const formatter = await eslint.loadFormatter('stylish');
  return { messages: results[0].messages, report: String(await formatter.format(results)) };
}

async function assertFails(file: string, code: string, rule: string, says: RegExp) {
  const { messages, report } = await lint(file, code);
  const hits = messages.filter((m) => m.ruleId === rule);
  assert.equal(hits.length, 1, `${file}: expected one ${rule} error, got:\n${report}`);
  assert.equal(hits[0].severity, 2);
  assert.match(hits[0].message, says);
  // The report names the file and the rule.
  assert.ok(report.includes(path.join(repoRoot, file)), report);
  assert.ok(report.includes(rule), report);
}

async function assertPasses(file: string, code: string) {
  const { messages, report } = await lint(file, code);
  assert.deepEqual(messages, [], report);
}

test('app/core importing app/service fails', async () => {
  await assertFails(
    'app/core/lintProbe.ts',
    "import { LecternService } from '../service';\nexport const S = LecternService;\n",
    'import-x/no-restricted-paths',
    /app\/core must not import app\/service: the core never knows which transport/,
  );
});

test('app/common importing app/core fails, type-only imports too', async () => {
  await assertFails(
    'app/common/lintProbe.ts',
    "import type { LoadedDocument } from '../core/types';\nexport type D = LoadedDocument;\n",
    'import-x/no-restricted-paths',
    /app\/common must not import app\/core/,
  );
});

test('app/common importing a Node built-in fails: the renderer imports it too', async () => {
  await assertFails(
    'app/common/lintProbe.ts',
    "import path from 'node:path';\nexport const p = path;\n",
    '@typescript-eslint/no-restricted-imports',
    /runs in the browser too/,
  );
});

test('the renderer importing app/core fails', async () => {
  await assertFails(
    'renderer/lintProbe.ts',
    "import { search } from '../app/core/search';\nexport const s = search;\n",
    'import-x/no-restricted-paths',
    /renderer must not import app\/ other than app\/common/,
  );
});

test('the renderer importing app/common passes', async () => {
  await assertPasses(
    'renderer/lintProbe.ts',
    "import type { DocSummary } from '../app/common/contract';\nimport { LecternError } from '../app/common/errors';\nexport type D = DocSummary;\nexport const E = LecternError;\n",
  );
});

test('the CLI may import app/core/paths.ts, and nothing else of the core', async () => {
  await assertPasses('app/cli/lintProbe.ts', "import { DEFAULT_CORPUS } from '../core/paths';\nexport const d = DEFAULT_CORPUS;\n");
  await assertFails(
    'app/cli/lintProbe.ts',
    "import { loadCorpus } from '../core/corpus';\nexport const l = loadCorpus;\n",
    'import-x/no-restricted-paths',
    /app\/cli must not import app\/core \(except app\/core\/paths\.ts\)/,
  );
});

test("a runtime import of 'electron' outside app/electron fails; a type-only one passes", async () => {
  await assertFails(
    'app/core/lintProbe.ts',
    "import { app } from 'electron';\nexport const a = app;\n",
    '@typescript-eslint/no-restricted-imports',
    /only app\/electron\/ may import 'electron' at runtime/,
  );
  await assertFails(
    'app/service/lintProbe.ts',
    "export const load = () => import('electron');\n",
    'no-restricted-syntax',
    /only app\/electron\/ may import 'electron' at runtime/,
  );
  await assertPasses('app/core/lintProbe.ts', "import type { App } from 'electron';\nexport type A = App;\n");
  await assertPasses('app/electron/lintProbe.ts', "import { app } from 'electron';\nexport const a = app;\n");
});

test('the team store may import app/core and app/common; not the service, and neither the core nor the service imports it', async () => {
  await assertPasses(
    'app/team/lintProbe.ts',
    "import { makeBody } from '../core/annotations/storeFormat';\nimport { LecternError } from '../common/errors';\nexport const b = makeBody;\nexport const E = LecternError;\n",
  );
  await assertFails(
    'app/team/lintProbe.ts',
    "import { LecternService } from '../service';\nexport const S = LecternService;\n",
    'import-x/no-restricted-paths',
    /app\/team must not import app\/service: the team store is a store/,
  );
  await assertFails(
    'app/core/lintProbe.ts',
    "import { migrate } from '../team/migrations';\nexport const m = migrate;\n",
    'import-x/no-restricted-paths',
    /app\/core must not import app\/team/,
  );
  await assertFails(
    'app/service/lintProbe.ts',
    "import { migrate } from '../team/migrations';\nexport const m = migrate;\n",
    'import-x/no-restricted-paths',
    /app\/service must not import app\/team: the single-user app/,
  );
  await assertFails(
    'app/team/lintProbe.ts',
    "import { app } from 'electron';\nexport const a = app;\n",
    '@typescript-eslint/no-restricted-imports',
    /only app\/electron\//,
  );
});

test('browser globals in app/ fail: it runs in Node', async () => {
  await assertFails('app/core/lintProbe.ts', 'export const title = () => document.title;\n', 'no-restricted-globals', /app\/ runs in Node/);
});

test('app/ compiles without DOM types and the renderer without Node types', () => {
  const config = (file: string) =>
    JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8')) as { compilerOptions: { lib?: string[]; types?: string[] }; include: string[] };
  const app = config('app/tsconfig.json');
  assert.ok(app.compilerOptions.lib, 'app/tsconfig.json sets lib');
  assert.deepEqual(
    app.compilerOptions.lib.filter((l) => /^dom/i.test(l)),
    [],
  );
  assert.deepEqual(app.compilerOptions.types, ['node']);
  const renderer = config('renderer/tsconfig.json');
  assert.ok(renderer.compilerOptions.types, 'renderer/tsconfig.json sets types');
  assert.deepEqual(
    renderer.compilerOptions.types.filter((t) => /node/i.test(t)),
    [],
  );
  assert.ok(renderer.include.includes('../app/common/**/*.ts'), 'the renderer project checks app/common too');
});
