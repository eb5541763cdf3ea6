import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { REPO } from '../../helpers/repo';

const config = parse(readFileSync(path.join(REPO, 'electron-builder.yml'), 'utf8'));

test('electron-builder.yml is valid against electron-builder’s own JSON schema', () => {
  const schema = JSON.parse(readFileSync(path.join(REPO, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8'));
  // The schema is draft-07 with a few custom keywords of electron-builder's (not validation rules).
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  const ok = validate(structuredClone(config));
  assert.ok(ok, JSON.stringify(validate.errors, null, 2));
  // And a config with a mistake fails, so the check is real.
  assert.equal(validate({ ...config, linux: { ...config.linux, target: 42 } }), false);
  assert.equal(validate({ ...config, notAnOption: true }), false);
});

test('the package: AppImage and deb, nsis, dmg; app id, name, icon; the corpus as a resource', () => {
  assert.equal(config.appId, 'org.lectern.workbench');
  assert.equal(config.productName, 'Lectern');
  assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
  assert.deepEqual(config.win.target, ['nsis']);
  assert.deepEqual(config.mac.target, ['dmg']);
  const icon = readFileSync(path.join(REPO, config.icon));
  assert.equal(icon.subarray(1, 4).toString(), 'PNG');
  assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [512, 512], 'a 512×512 PNG');
  assert.ok(existsSync(path.join(REPO, 'build', 'icon.svg')));
  assert.deepEqual(config.extraResources[0].from, 'corpus');
  assert.deepEqual(config.extraResources[0].to, 'corpus');
});
