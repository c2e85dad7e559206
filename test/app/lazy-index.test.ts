import * as path from 'path';
import * as opskit from '../../src';

// scripts/lazy-index.js rewrites the compiled package index into getters (`npx projen compile`). Here it runs on
// the sources: every export is found in the module that declares it, and the generated index gives every export,
// the same value, loading nothing until read, with the names Node's ESM importer needs.
/* eslint-disable @typescript-eslint/no-require-imports */
const lexer = require('cjs-module-lexer');
const { lazyIndexEntries, lazyIndexText } = require('../../scripts/lazy-index.js');
/* eslint-enable @typescript-eslint/no-require-imports */

const SRC = path.join(__dirname, '..', '..', 'src');

describe('lazy package index', () => {
  const entries: Array<{ name: string; module: string }> = lazyIndexEntries(SRC, '.ts');

  test('every export of the index is found in the module declaring it', () => {
    // GIVEN the index's exports
    // (types the per-file compiler of the tests leaves as undefined exports are not exports of the package)
    const names = Object.keys(opskit).filter((n) => n !== '__esModule' && (opskit as any)[n] !== undefined).sort();
    // THEN each has one entry, and its module holds the same value
    expect(entries.map((e) => e.name)).toEqual(names);
    for (const { name, module } of entries) {
      expect(module).not.toMatch(/(^|\/)index$/);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      expect(require(path.join(SRC, module))[name]).toBe((opskit as any)[name]);
    }
  });

  test('the generated index loads a module when an export is first read, and gives the same value', () => {
    // GIVEN the generated index, evaluated with a require that records what is loaded
    const loaded: string[] = [];
    const exports: any = {};
    const module = { exports };
    const load = (m: string): unknown => {
      loaded.push(m);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require(path.join(SRC, m));
    };
    new Function('exports', 'require', 'module', lazyIndexText(entries))(exports, load, module);
    // THEN nothing is loaded until an export is read
    expect(loaded).toEqual([]);
    expect(Object.keys(exports).sort()).toEqual(entries.map((e) => e.name));
    // WHEN one export is read
    expect(exports.OpsApp).toBe(opskit.OpsApp);
    // THEN its module only
    expect(loaded).toEqual(['./app/ops-app']);
    for (const { name } of entries) expect(exports[name]).toBe((opskit as any)[name]);
  });

  test('Node\'s ESM importer sees every export by name', () => {
    // GIVEN the generated text, as cjs-module-lexer (Node's detector of CommonJS named exports) reads it
    lexer.initSync();
    const found = lexer.parse(lazyIndexText(entries));
    // THEN every export is a named export
    expect([...found.exports].filter((n: string) => n !== '__esModule').sort()).toEqual(entries.map((e) => e.name));
  });
});
