/**
 * The test kit's PostgreSQL finder (test/helpers/postgres.ts): Debian's newest version when none is on PATH,
 * and a missing PostgreSQL fails the tests with how to install it, unless the developer opted out.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { findPostgres, SKIP_ENV, startPostgres } from '../../helpers/postgres';
import { tempDirFor } from '../../helpers/temp';

/** A fake initdb that prints its version, as the real one does. */
function fakeBin(dir: string, version: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'initdb'), `#!/bin/sh\necho "initdb (PostgreSQL) ${version}"\n`);
  writeFileSync(path.join(dir, 'pg_ctl'), '#!/bin/sh\nexit 1\n');
  chmodSync(path.join(dir, 'initdb'), 0o755);
}

test("without initdb on PATH, Debian's newest version is used (by number, not by name)", (t) => {
  const root = tempDirFor(t);
  for (const v of ['9.6', '15', '16', '100']) fakeBin(path.join(root, v, 'bin'), v);
  mkdirSync(path.join(root, '17', 'bin'), { recursive: true }); // a version folder without initdb (a half-removed package)
  const found = findPostgres({ pathEnv: '', debianRoot: root });
  assert.equal(found?.initdb, path.join(root, '100', 'bin', 'initdb'));
  assert.equal(found?.pgCtl, path.join(root, '100', 'bin', 'pg_ctl'));
  assert.equal(found?.version, 'initdb (PostgreSQL) 100');
  // PATH wins over Debian's folder.
  const onPath = path.join(root, 'local');
  fakeBin(onPath, '14');
  assert.equal(findPostgres({ pathEnv: `/nonexistent${path.delimiter}${onPath}`, debianRoot: root })?.version, 'initdb (PostgreSQL) 14');
});

test('a missing PostgreSQL fails with how to install it, and skips only when told to', async (t) => {
  const nowhere = { pathEnv: '', debianRoot: path.join(tempDirFor(t), 'none') };
  assert.equal(findPostgres(nowhere), null);
  const saved = process.env[SKIP_ENV];
  t.after(() => (saved === undefined ? delete process.env[SKIP_ENV] : (process.env[SKIP_ENV] = saved)));
  delete process.env[SKIP_ENV];
  await assert.rejects(startPostgres(nowhere), /PostgreSQL is not installed: .*apt-get install postgresql.*LECTERN_SKIP_POSTGRES=1 to skip them/);
  process.env[SKIP_ENV] = '1';
  // The skip is said (here to a list, so a CI log never shows a skip that did not happen).
  const said: string[] = [];
  assert.equal(await startPostgres(nowhere, (line) => said.push(line)), null);
  assert.deepEqual(said, ['lectern: SKIPPED the PostgreSQL tests (LECTERN_SKIP_POSTGRES=1 and PostgreSQL is not installed)']);
});
