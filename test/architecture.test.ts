import * as fs from 'fs';
import * as path from 'path';

// The layering rules of docs/architecture.md, checked on the source text.
const SRC = path.resolve(__dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

const files = sourceFiles(SRC);

describe('architecture', () => {
  test('nothing imports the @cdktn/provider-aws barrel (submodules only)', () => {
    const offenders = files.filter((f) => imports(f).some((i) => i === '@cdktn/provider-aws' || i === '@cdktn/provider-aws/lib' || i === '@cdktn/provider-aws/lib/index'));
    expect(offenders.map((f) => path.relative(SRC, f))).toEqual([]);
  });

  test('cdk8s-plus-33 is loaded for its L1 classes only (its barrel doubles the require time)', () => {
    const offenders = files.filter((f) => /^import (?!type )[^;]*from 'cdk8s-plus-33';/m.test(fs.readFileSync(f, 'utf8')));
    expect(offenders.map((f) => path.relative(SRC, f))).toEqual([]);
  });

  test('model code is pure: no construct library, no file system', () => {
    const forbidden = /^(constructs|cdk8s|cdk8s-plus-\d+|cdktn|@cdktn\/.*|fs|node:fs|fs\/promises|child_process|node:child_process)$/;
    const modelFiles = files.filter((f) => f.split(path.sep).includes('model'));
    const offenders = modelFiles.flatMap((f) => imports(f).filter((i) => forbidden.test(i)).map((i) => `${path.relative(SRC, f)} imports ${i}`));
    expect(offenders).toEqual([]);
  });

  test('core imports no domain and no app code', () => {
    const coreFiles = files.filter((f) => path.relative(SRC, f).startsWith(`core${path.sep}`));
    const offenders = coreFiles.flatMap((f) => imports(f).filter((i) => /^\.\.\/(\.\.\/)?(app|operator|observability|dns|helm|olm|terraform)(\/|$)/.test(i)).map((i) => `${path.relative(SRC, f)} imports ${i}`));
    expect(offenders).toEqual([]);
  });

  test('app imports no domain code (domains hand it artifacts and kinds through core)', () => {
    const appFiles = files.filter((f) => path.relative(SRC, f).startsWith(`app${path.sep}`));
    const offenders = appFiles.flatMap((f) => imports(f).filter((i) => /^\.\.\/(operator|observability|dns|helm|olm|terraform)(\/|$)/.test(i)).map((i) => `${path.relative(SRC, f)} imports ${i}`));
    expect(offenders).toEqual([]);
  });

  test('no module-global state beyond lazily loaded modules (state travels through calls, not module variables)', () => {
    // a lazily required module or compiled parser is a cache of something constant, not state
    const lazyCache = /^let (\w*(Module|module)|parserInstance|celModule|stringsExt|wktModule)\b/;
    // the test-only kill hook counts the file-system steps of the process's commits (per process by design)
    const allowed = new Set(['app/commit-steps.ts: let steps = 0;']);
    const offenders = files.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n')
      .filter((l) => /^(let|var) /.test(l) && !lazyCache.test(l))
      .map((l) => `${path.relative(SRC, f)}: ${l.trim()}`));
    expect(offenders.filter((o) => !allowed.has(o))).toEqual([]);
  });
});
