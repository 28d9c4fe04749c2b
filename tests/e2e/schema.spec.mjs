// The committed JSON Schema, checked by an independent validator (Ajv, draft 2020-12):
// the city's data validates, and malformed fixtures do not.
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { test, expect } from './fixtures.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const load = (p) => JSON.parse(readFileSync(ROOT + p, 'utf8'));

// Formats such as "uint16" are schemars' annotations, not assertions.
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
const snapshot = ajv.compile(load('public/schema/snapshot.schema.json'));
const manifest = ajv.compile(load('public/schema/manifest.schema.json'));

test('schema: the default snapshot and manifest validate', () => {
  expect(snapshot(load('public/data/snapshots/2023-12.json')), JSON.stringify(snapshot.errors?.slice(0, 3))).toBe(true);
  expect(manifest(load('public/data/index.json')), JSON.stringify(manifest.errors?.slice(0, 3))).toBe(true);
});

test('schema: structurally malformed fixtures are rejected', () => {
  for (const f of ['unknown-unit', 'text-without-ja', 'value-missing', 'unknown-top-field', 'value-as-string', 'fiscal-year-as-date']) {
    expect(snapshot(load(`tests/fixtures/snapshots/invalid/${f}.json`)), `${f} is refused by the schema`).toBe(false);
  }
  expect(manifest(load('tests/fixtures/manifests/invalid/typo-field.json')), 'a manifest with a typo is refused by the schema').toBe(false);
});
