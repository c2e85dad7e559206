import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// No import cycles in src/ (docs/architecture.md): a walk over the relative imports of every TypeScript source,
// type-only imports included (they still tie the modules' designs together).
const SRC = path.resolve(__dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The source files a file imports (relative imports resolved to `.ts` files or folder indexes). */
export function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"](\.[^'"]+)['"]|require\(\s*['"](\.[^'"]+)['"]\s*\)/g)]
    .map((m) => m[1] ?? m[2]);
  return specs.flatMap((spec) => {
    const base = path.resolve(path.dirname(file), spec);
    const candidates = [`${base}.ts`, path.join(base, 'index.ts')];
    const hit = candidates.find((c) => fs.existsSync(c));
    return hit ? [hit] : [];
  });
}

/** Every cycle of the import graph, each once, as the list of files around it (Tarjan's strongly connected components). */
export function importCycles(files: string[]): string[][] {
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(component.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return components;
}

describe('import cycles', () => {
  test('the walk finds a cycle', () => {
    // GIVEN two files importing each other
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-cycles-'));
    fs.writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b';\nexport const a = b;\n");
    fs.writeFileSync(path.join(dir, 'b.ts'), "import type { a } from './a';\nexport const b = 1 as unknown as typeof a;\n");
    fs.writeFileSync(path.join(dir, 'c.ts'), "export { a } from './a';\n");
    // WHEN
    const cycles = importCycles(['a.ts', 'b.ts', 'c.ts'].map((f) => path.join(dir, f)));
    // THEN
    expect(cycles.map((c) => c.map((f) => path.basename(f)))).toEqual([['a.ts', 'b.ts']]);
  });

  test('src/ has none', () => {
    // WHEN
    const cycles = importCycles(sourceFiles(SRC));
    // THEN
    expect(cycles.map((c) => c.map((f) => path.relative(SRC, f)))).toEqual([]);
  });
});
