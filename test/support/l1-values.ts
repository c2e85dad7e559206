import * as fc from 'fast-check';
import { L1Mapping } from '../../src/core/l1-mapping';

// Generated values for cdk8s-plus-33's L1 types, shaped by each `toJson_<Type>` function's own fields: the right
// shapes, wrong ones, missing and undefined fields, maps with odd keys, lists with undefined items.

/** Uniform draws (fast-check's bias towards small values would make every field present or every one absent). */
export const UNIFORM = fc.noBias(fc.integer({ min: 0, max: 2 ** 30 - 1 }));

/** Values of a generated type's fields, right and wrong. */
export class L1Values {
  /** A value of the type with every field set to a value of its shape, types to `maxDepth` levels (for the tests). */
  public static full(mapping: L1Mapping, type: string, depth = 0, maxDepth = 4): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of mapping.describe(type) ?? []) {
      const nested = () => (f.type && depth < maxDepth ? L1Values.full(mapping, f.type, depth + 1, maxDepth) : undefined);
      if (f.form.includes('Object.entries')) {
        const entry = f.form.includes('T(i[1])') ? nested() : f.form.includes('i[1]?.value') ? { value: 'x' } : f.form.includes('i[1]?.map') ? ['x'] : 'x';
        out[f.prop] = entry === undefined ? undefined : { key: entry };
      } else if (f.form === 'T(obj.F)') {
        out[f.prop] = nested();
      } else if (f.form === 'obj.F?.map(y => T(y))') {
        const item = nested();
        out[f.prop] = item === undefined ? undefined : [item];
      } else if (f.form === 'obj.F?.map(y => y)') {
        out[f.prop] = ['x'];
      } else if (f.form === 'obj.F?.value') {
        out[f.prop] = { value: 'x' };
      } else if (f.form !== 'obj.F?.toISOString()') {
        out[f.prop] = 'x';
      }
    }
    return out;
  }

  public constructor(private readonly next: () => number, private readonly mapping: L1Mapping) {}

  public of(type: string, depth: number): unknown {
    if (this.chance(0.08)) return this.junk(depth);
    const fields = this.mapping.describe(type) ?? [];
    const out: Record<string, unknown> = {};
    // a field the type does not have is dropped by both
    if (this.chance(0.2)) out[this.pick(['extra', 'toString', 'constructor', '0'])] = this.leaf();
    for (const f of this.shuffled(fields)) {
      if (!this.chance(depth > 3 ? 0.15 : 0.5)) continue;
      out[f.prop] = this.chance(0.05) ? undefined : this.field(f.form, f.type, depth);
    }
    return out;
  }

  private field(form: string, type: string | undefined, depth: number): unknown {
    if (form.includes('Object.entries')) return this.map(form, type, depth);
    if (form === 'obj.F?.toISOString()') return this.chance(0.9) ? undefined : this.pick([new Date(0), 'yesterday']);
    if (form === 'obj.F?.value') return this.chance(0.7) ? { value: this.leaf() } : this.leaf();
    if (form === 'obj.F?.map(y => y)') return this.chance(0.85) ? this.list(() => this.leaf()) : this.junk(depth);
    if (form === 'obj.F?.map(y => T(y))') return this.chance(0.85) ? this.list(() => this.of(type!, depth + 1)) : this.junk(depth);
    if (form === 'T(obj.F)') return this.of(type!, depth + 1);
    return this.chance(0.7) ? this.leaf() : this.junk(depth);
  }

  private map(form: string, type: string | undefined, depth: number): unknown {
    if (this.chance(0.08)) return this.junk(depth);
    const out: Record<string, unknown> = {};
    const n = Math.floor(this.next() * 4);
    for (let i = 0; i < n; i++) {
      const key = this.pick(['a', 'b', 'app.kubernetes.io/name', '1', '0', 'toString', 'constructor', `k${i}`]);
      let value: unknown;
      if (this.chance(0.1)) value = undefined;
      else if (form.includes('T(i[1])')) value = this.of(type!, depth + 1);
      else if (form.includes('i[1]?.value')) value = this.chance(0.7) ? { value: this.leaf() } : this.leaf();
      else if (form.includes('i[1]?.map')) value = this.chance(0.8) ? this.list(() => this.leaf()) : this.leaf();
      else value = this.leaf();
      out[key] = value;
    }
    // a `__proto__` key made by JSON.parse is an own field, as a resolved object's can be
    if (this.chance(0.05)) Object.defineProperty(out, '__proto__', { value: this.leaf(), enumerable: true, writable: true, configurable: true });
    return out;
  }

  private list(item: () => unknown): unknown[] {
    const n = Math.floor(this.next() * 3);
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) out.push(this.chance(0.1) ? undefined : item());
    return out;
  }

  private leaf(): unknown {
    return this.pick(['x', '', 'http', 0, 8080, -1.5, true, false, 'value']);
  }

  /** A value of another shape than the field's: a string, a number, a list, a map, null, a class instance. */
  private junk(depth: number): unknown {
    return this.pick<() => unknown>([
      () => 'text',
      () => 42,
      () => null,
      () => [this.leaf()],
      () => ({ unexpected: this.leaf() }),
      () => new (class Custom { public value = 'v'; })(),
      () => (depth < 2 ? Object.create(null) : {}),
    ])();
  }

  private chance(p: number): boolean {
    return this.next() < p;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  private shuffled<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

