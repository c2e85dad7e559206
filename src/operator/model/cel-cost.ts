/**
 * The static cost estimate of a checked CEL expression, as cel-go v0.29's `checker.Cost` computes it with the
 * API server's estimators: sizes of `self` paths from the declared types (maxLength, maxItems, maxProperties or
 * what fits in a 3 MiB request), the Kubernetes library costs (`library.CostEstimator`), the sets and lists (v3)
 * extension estimators, and presence tests (`has`) free of cost.
 *
 * Pure: no I/O. Numbers saturate at 2^64 like the uint64 arithmetic they mirror.
 */
import { CelAst } from './cel';
import { CelCheck } from './cel-check';
import { CelType, DeclType } from './cel-types';

const MAX = 18446744073709551615;
const STRING_FACTOR = 0.1;
const REGEX_FACTOR = 0.25;
const MAX_NAME_FORMAT_REGEX_SIZE = 128;
const MAX_FORMAT_SIZE = 64;
const LIST_CREATE = 10;
const MAP_CREATE = 30;
const STRUCT_CREATE = 40;

interface Est { min: number; max: number }

const add = (a: number, b: number) => (b > 0 && a > MAX - b ? MAX : a + b);
const mul = (a: number, b: number) => (b !== 0 && a > MAX / b ? MAX : a * b);
const byFactor = (x: number, f: number) => {
  if (x > 0 && f > 0 && x > MAX / f) return MAX;
  const c = Math.ceil(x * f);
  return c >= MAX ? MAX : c;
};
const fixed = (v: number): Est => ({ min: v, max: v });
const sum = (a: Est, b: Est): Est => ({ min: add(a.min, b.min), max: add(a.max, b.max) });
const prod = (a: Est, b: Est): Est => ({ min: mul(a.min, b.min), max: mul(a.max, b.max) });
const factor = (a: Est, f: number): Est => ({ min: byFactor(a.min, f), max: byFactor(a.max, f) });
const union = (a: Est, b: Est): Est => ({ min: Math.min(a.min, b.min), max: Math.max(a.max, b.max) });
const UNKNOWN: Est = { min: 0, max: MAX };

interface EntrySize { container: 'list' | 'map' | 'unknown'; key: Est; val: Est }
interface LocalVar { path: string[]; size?: Est; entry?: EntrySize }
interface Node { path?: string[]; type: CelType; expr?: CelAst; size?: Est }

function id(e: CelAst): string {
  return String(e.id);
}

class Coster {
  private readonly paths = new Map<string, string[]>();
  private readonly sizes = new Map<string, Est>();
  private readonly entries = new Map<string, EntrySize>();
  private readonly locals = new Map<string, LocalVar[]>();

  constructor(private readonly checked: CelCheck, private readonly root: DeclType) {}

  private type(e: CelAst): CelType {
    return this.checked.types.get(id(e)) ?? { kind: 'dyn' };
  }

  private peek(name: string): LocalVar | undefined {
    const s = this.locals.get(name);
    return s && s.length ? s[s.length - 1] : undefined;
  }

  private push(name: string, v: LocalVar): void {
    const s = this.locals.get(name) ?? [];
    s.push(v);
    this.locals.set(name, s);
  }

  private pop(name: string): void {
    this.locals.get(name)?.pop();
  }

  private getPath(e: CelAst): string[] {
    if (e?.exprKind?.case === 'identExpr') {
      const v = this.peek(e.exprKind.value.name);
      if (v) return v.path;
    }
    return this.paths.get(id(e)) ?? [];
  }

  /**
   * The API server's size estimator: walks a path through the declared types of `self`. Like the server's, it
   * skips the path's first element whatever it names (`oldSelf`, a type name, an accumulator).
   */
  private estimateSize(path: string[] | undefined): Est | undefined {
    if (!path || path.length === 0) return undefined;
    let node: DeclType | undefined = this.root;
    for (const name of path.slice(1)) {
      if (name === '@items' || name === '@values') node = node?.elem;
      else if (name === '@keys') node = node?.key;
      else node = node?.fields?.get(name);
      if (!node) return undefined;
    }
    return { min: 0, max: node.maxElements };
  }

  private computeSize(e: CelAst): Est | undefined {
    const known = this.sizes.get(id(e));
    if (known) return known;
    const k = e?.exprKind;
    if (k?.case === 'constExpr') {
      const c = k.value.constantKind;
      if (c?.case === 'stringValue') return fixed([...c.value].length);
      if (c?.case === 'bytesValue') return fixed(c.value.length);
      return fixed(1);
    }
    if (k?.case === 'listExpr') return fixed((k.value.elements ?? []).length);
    if (k?.case === 'structExpr') return fixed((k.value.entries ?? []).length);
    const est = this.estimateSize(this.getPath(e));
    if (est) {
      this.sizes.set(id(e), est);
      return est;
    }
    if (isScalar(this.type(e))) return fixed(1);
    if (k?.case === 'identExpr') {
      const v = this.peek(k.value.name);
      if (v?.size) return v.size;
    }
    return undefined;
  }

  private sizeOf(e: CelAst): Est {
    return this.computeSize(e) ?? UNKNOWN;
  }

  private nodeSize(n: Node): Est {
    if (n.size) return n.size;
    return this.estimateSize(n.path) ?? UNKNOWN;
  }

  private computeEntry(e: CelAst): EntrySize | undefined {
    const known = this.entries.get(id(e));
    if (known) return known;
    if (e?.exprKind?.case === 'identExpr') return this.peek(e.exprKind.value.name)?.entry;
    return undefined;
  }

  private node(e: CelAst): Node {
    let path: string[] | undefined = this.getPath(e);
    if (path.length > 0 && (path[0] === '@result' || path[0] === '__result__')) path = undefined;
    return { path, type: this.type(e), expr: e, size: this.computeSize(e) };
  }

  cost(e: CelAst): Est {
    const k = e?.exprKind;
    switch (k?.case) {
      case 'constExpr': return fixed(0);
      case 'identExpr': {
        const v = this.peek(k.value.name);
        this.paths.set(id(e), v ? v.path : [k.value.name]);
        return fixed(1);
      }
      case 'selectExpr': {
        const sel = k.value;
        if (sel.testOnly) return this.cost(sel.operand);
        let s = this.cost(sel.operand);
        const t = this.type(sel.operand);
        if (t.kind === 'map' || t.kind === 'object' || t.kind === 'param') s = sum(s, fixed(1));
        const field = sel.field.startsWith('__optsel__') ? sel.field.slice('__optsel__'.length) : sel.field;
        this.paths.set(id(e), [...this.getPath(sel.operand), field]);
        return s;
      }
      case 'callExpr': return this.costCall(e);
      case 'listExpr': {
        let s = fixed(0);
        let item: Est = { min: (k.value.elements ?? []).length === 0 ? 0 : MAX, max: 0 };
        for (const x of k.value.elements ?? []) {
          s = sum(s, this.cost(x));
          item = union(item, this.sizeOf(x));
        }
        this.entries.set(id(e), { container: 'list', key: fixed(1), val: item });
        return sum(s, fixed(LIST_CREATE));
      }
      case 'structExpr': {
        let s = fixed(0);
        const empty = (k.value.entries ?? []).length === 0;
        let ks: Est = { min: empty ? 0 : MAX, max: 0 };
        let vs: Est = { min: empty ? 0 : MAX, max: 0 };
        for (const entry of k.value.entries ?? []) {
          s = sum(s, this.cost(entry.keyKind.value));
          s = sum(s, this.cost(entry.value));
          ks = union(ks, this.sizeOf(entry.keyKind.value));
          vs = union(vs, this.sizeOf(entry.value));
        }
        if (k.value.messageName) return sum(s, fixed(STRUCT_CREATE));
        this.entries.set(id(e), { container: 'map', key: ks, val: vs });
        return sum(s, fixed(MAP_CREATE));
      }
      case 'comprehensionExpr': return this.costComprehension(e);
      default: return fixed(0);
    }
  }

  private pushIter(name: string, range: CelAst, which: 'key' | 'value' | 'single'): void {
    const entry = this.computeEntry(range);
    let container = entry?.container ?? 'unknown';
    if (container === 'unknown') {
      const t = this.type(range);
      container = t.kind === 'list' ? 'list' : t.kind === 'map' ? 'map' : 'unknown';
    }
    let size: Est | undefined;
    let sub: string;
    if (which === 'key') {
      size = entry?.key;
      sub = container === 'list' ? '@indices' : '@keys';
    } else if (which === 'value') {
      size = entry?.val;
      sub = container === 'list' ? '@items' : '@values';
    } else {
      size = entry?.key;
      sub = '@keys';
      if (container === 'list') {
        size = entry?.val;
        sub = '@items';
      }
    }
    this.push(name, { path: [...this.getPath(range), sub], size });
  }

  private costComprehension(e: CelAst): Est {
    const c = e.exprKind.value;
    const range = c.iterRange;
    const accuInit = c.accuInit;
    // cel.bind: an empty range, a literal false condition and a user-named accumulator
    const isBind = range?.exprKind?.case === 'listExpr' && (range.exprKind.value.elements ?? []).length === 0
      && c.loopCondition?.exprKind?.case === 'constExpr' && c.loopCondition.exprKind.value.constantKind?.value === false && c.accuVar !== '@result';
    let s = sum(this.cost(range), this.cost(accuInit));
    this.push(c.accuVar, { path: this.getPath(accuInit), size: this.computeSize(accuInit), entry: this.computeEntry(accuInit) });
    if (isBind) {
      s = sum(s, this.cost(c.result));
      this.pop(c.accuVar);
      this.copySizes(e, c.result);
      return s;
    }
    if (c.iterVar2) {
      this.pushIter(c.iterVar, range, 'key');
      this.pushIter(c.iterVar2, range, 'value');
    } else {
      this.pushIter(c.iterVar, range, 'single');
    }
    const loop = this.cost(c.loopCondition);
    const step = this.cost(c.loopStep);
    this.pop(c.iterVar);
    if (c.iterVar2) this.pop(c.iterVar2);
    s = sum(s, this.cost(c.result));
    this.pop(c.accuVar);
    const count = this.sizeOf(range);
    s = sum(s, prod(count, sum(step, loop)));
    const initKind = accuInit?.exprKind?.case;
    if (initKind === 'constExpr') {
      const sz = this.computeSize(accuInit);
      if (sz) this.sizes.set(id(e), sz);
    } else if (initKind === 'listExpr' || initKind === 'structExpr') {
      this.sizes.set(id(e), count);
      const stepEntry = this.computeEntry(c.loopStep);
      if (stepEntry) this.entries.set(id(e), stepEntry);
    }
    return s;
  }

  private copySizes(dst: CelAst, src: CelAst): void {
    const sz = this.computeSize(src);
    if (sz) this.sizes.set(id(dst), sz);
    const en = this.computeEntry(src);
    if (en) this.entries.set(id(dst), en);
  }

  private costCall(e: CelAst): Est {
    const call = e.exprKind.value;
    const qualified = this.checked.qualified.get(id(e));
    const fn: string = qualified ?? call.function;
    const callTarget = qualified ? undefined : call.target;
    const args: CelAst[] = call.args ?? [];
    if (fn === 'dyn' && args.length === 1 && !callTarget) {
      const a = this.cost(args[0]);
      this.copySizes(e, args[0]);
      return sum(fixed(1), a);
    }
    const argCosts = args.map((a) => this.cost(a));
    const argNodes = args.map((a) => this.node(a));
    const overloads = this.checked.overloads.get(id(e)) ?? [];
    if (overloads.length === 0) return fixed(0);
    let s = fixed(0);
    let target: Node | undefined;
    if (callTarget) {
      s = sum(s, this.cost(callTarget));
      target = this.node(callTarget);
    }
    let fnCost: Est = { min: MAX, max: 0 };
    let resultSize: Est | undefined;
    for (const o of overloads) {
      const est = this.functionCost(e, fn, o, target, argNodes, argCosts);
      fnCost = union(fnCost, est.cost);
      if (est.size) resultSize = resultSize ? union(resultSize, est.size) : est.size;
      if (o === 'index_list' && args.length > 0) {
        resultSize = this.computeEntry(args[0])?.val;
        this.paths.set(id(e), [...this.getPath(args[0]), '@items']);
      } else if (o === 'index_map' && args.length > 0) {
        resultSize = this.computeEntry(args[0])?.val;
        this.paths.set(id(e), [...this.getPath(args[0]), '@values']);
      }
      if (!resultSize) resultSize = this.computeSize(e);
    }
    if (resultSize) this.sizes.set(id(e), resultSize);
    return sum(s, fnCost);
  }

  private functionCost(e: CelAst, fn: string, overload: string, target: Node | undefined, args: Node[], argCosts: Est[]): { cost: Est; size?: Est } {
    const argSum = argCosts.reduce(sum, fixed(0));
    const ext = this.extensionCost(overload, target, args);
    if (ext) return { cost: sum(ext.cost, argSum), size: ext.size };
    const k8s = this.kubernetesCost(fn, overload, target, args);
    if (k8s) return { cost: sum(k8s.cost, argSum), size: k8s.size };
    switch (overload) {
      case 'string_format':
        if (target) return { cost: sum(factor(this.nodeSize(target), STRING_FACTOR), argSum) };
        break;
      case 'string_to_bytes': {
        const sz = this.nodeSize(args[0]);
        return { cost: sum(factor(sz, STRING_FACTOR), argSum), size: { min: sz.min, max: mul(sz.max, 4) } };
      }
      case 'bytes_to_string': {
        const sz = this.nodeSize(args[0]);
        return { cost: sum(factor(sz, STRING_FACTOR), argSum), size: { min: Math.floor(sz.min / 4), max: sz.max } };
      }
      case 'strings_quote': {
        const sz = this.nodeSize(args[0]);
        return { cost: sum(factor(sz, STRING_FACTOR), argSum), size: { min: add(sz.min, 2), max: add(mul(sz.max, 2), 2) } };
      }
      case 'starts_with_string': case 'ends_with_string':
        if (args.length === 1) return { cost: sum(factor(this.nodeSize(args[0]), STRING_FACTOR), argSum) };
        break;
      case 'in_list':
        if (args.length === 2) return { cost: sum(factor(this.nodeSize(args[1]), 1), argSum) };
        break;
      case 'matches': case 'matches_string': {
        const [str, re] = overload === 'matches_string' ? [target, args[0]] : [args[0], args[1]];
        if (str && re) {
          const strCost = factor(sum(this.nodeSize(str), fixed(1)), STRING_FACTOR);
          const reCost = factor(this.nodeSize(re), REGEX_FACTOR);
          return { cost: sum(prod(strCost, reCost), argSum) };
        }
        break;
      }
      case 'contains_string':
        if (target && args.length === 1) {
          return { cost: sum(prod(factor(this.nodeSize(target), STRING_FACTOR), factor(this.nodeSize(args[0]), STRING_FACTOR)), argSum) };
        }
        break;
      case 'logical_or': case 'logical_and':
        return { cost: { min: argCosts[0].min, max: sum(argCosts[0], argCosts[1]).max } };
      case 'conditional': {
        const size = union(this.nodeSize(args[1]), this.nodeSize(args[2]));
        const a = this.computeEntry(args[1].expr);
        const b = this.computeEntry(args[2].expr);
        if (a && b) this.entries.set(id(e), { container: a.container, key: union(a.key, b.key), val: union(a.val, b.val) });
        return { cost: sum(argCosts[0], union(argCosts[1], argCosts[2])), size };
      }
      case 'add_string': case 'add_bytes': case 'add_list': {
        const size = sum(this.nodeSize(args[0]), this.nodeSize(args[1]));
        const a = this.computeEntry(args[0].expr);
        const b = this.computeEntry(args[1].expr);
        if (a && b) this.entries.set(id(e), { container: a.container, key: union(a.key, b.key), val: union(a.val, b.val) });
        if (overload === 'add_list') return { cost: sum(fixed(1), argSum), size };
        return { cost: sum(factor(size, STRING_FACTOR), argSum), size };
      }
      case 'less_string': case 'greater_string': case 'less_equals_string': case 'greater_equals_string':
      case 'less_bytes': case 'greater_bytes': case 'less_equals_bytes': case 'greater_equals_bytes':
      case 'equals': case 'not_equals': {
        const l = this.nodeSize(args[0]);
        const r = this.nodeSize(args[1]);
        const smallest = Math.min(l.max, r.max);
        return { cost: sum(factor({ min: smallest > 0 ? 1 : 0, max: smallest }, STRING_FACTOR), argSum) };
      }
      default:
        break;
    }
    return { cost: sum(fixed(1), argSum) };
  }

  /** Estimators registered by the sets and lists (v3) extensions. */
  private extensionCost(overload: string, target: Node | undefined, args: Node[]): { cost: Est; size?: Est } | undefined {
    const allocating = (f: number, size: Est) => ({ cost: sum(sum(factor(size, f), fixed(1)), fixed(LIST_CREATE)), size });
    const literalUint = (n: Node, dflt: number): number => {
      const k = n.expr?.exprKind;
      if (k?.case !== 'constExpr' || k.value.constantKind?.case !== 'int64Value') return dflt;
      const v = Number(k.value.constantKind.value);
      return v < 0 ? 0 : v;
    };
    switch (overload) {
      case 'list_sets_contains_list': case 'list_sets_intersects_list': case 'list_sets_equivalent_list':
        if (args.length !== 2) return undefined;
        return { cost: sum(factor(prod(this.nodeSize(args[0]), this.nodeSize(args[1])), overload === 'list_sets_equivalent_list' ? 2 : 1), fixed(1)) };
      case 'list_slice': {
        if (!target || args.length !== 2) return undefined;
        const sz = this.nodeSize(target);
        return allocating(1, fixed(literalUint(args[1], sz.max) - literalUint(args[0], 0)));
      }
      case 'lists_range':
        if (target || args.length !== 1) return undefined;
        return allocating(1, fixed(literalUint(args[0], MAX)));
      case 'list_reverse':
        if (!target || args.length !== 0) return undefined;
        return allocating(1, this.nodeSize(target));
      case 'list_flatten': case 'list_flatten_int':
        if (!target || args.length > 1) return undefined;
        return allocating(args.length === 1 ? literalUint(args[0], MAX) : 1, this.nodeSize(target));
      case 'list_distinct': {
        if (!target || args.length !== 0) return undefined;
        const sz = this.nodeSize(target);
        return allocating(2, prod(sz, sz));
      }
      default:
        break;
    }
    const sort = /^list_(.+)_(sort|sortByAssociatedKeys)$/.exec(overload);
    if (sort) {
      const node = sort[2] === 'sort' ? target : args[0];
      if (!node || (sort[2] === 'sort' ? args.length !== 0 : args.length !== 1)) return undefined;
      const sz = this.nodeSize(node);
      const f = sort[1] === 'string' || sort[1] === 'bytes' ? 2 + STRING_FACTOR : 2;
      return allocating(f, prod(sz, sz));
    }
    return undefined;
  }

  /** k8s.io/apiserver's `library.CostEstimator.EstimateCallCost` (keyed on the function name). */
  private kubernetesCost(fn: string, overload: string, target: Node | undefined, args: Node[]): { cost: Est; size?: Est } | undefined {
    const one = { cost: fixed(1) };
    switch (fn) {
      case 'check': return { cost: fixed(350000) };
      case 'serviceAccount': case 'path': case 'group': case 'resource': case 'subresource': case 'namespace': case 'name':
      case 'allowed': case 'reason': case 'error': case 'errored':
        return one;
      case 'fieldSelector': case 'labelSelector':
        if (args.length === 1) {
          const len = this.nodeSize(args[0]);
          const reqs = factor(len, 0.5);
          return { cost: sum(sum(fixed(LIST_CREATE), factor(len, STRING_FACTOR)), factor(reqs, LIST_CREATE + STRUCT_CREATE)) };
        }
        return undefined;
      case 'isSorted': case 'sum': case 'max': case 'min': case 'indexOf': case 'lastIndexOf': case 'includes':
        if (target) {
          const elemType = target.type.kind === 'list' ? target.type.elem : target.type.kind === 'map' ? target.type.key : undefined;
          if (elemType) {
            let elCost = fixed(1);
            if (elemType.kind === 'string' || elemType.kind === 'bytes') {
              const elSize = this.estimateSize(target.path ? [...target.path, '@items'] : undefined) ?? UNKNOWN;
              elCost = sum(elCost, factor(elSize, STRING_FACTOR));
            }
            return { cost: prod(this.nodeSize(target), elCost) };
          }
          return { cost: factor(this.nodeSize(target), STRING_FACTOR) };
        }
        return undefined;
      case 'url':
        if (args.length === 1) {
          const sz = this.nodeSize(args[0]);
          return { cost: factor(sz, STRING_FACTOR), size: sz };
        }
        return undefined;
      case 'lowerAscii': case 'upperAscii': case 'substring': case 'trim':
        if (target) {
          const sz = this.nodeSize(target);
          return { cost: factor(sz, STRING_FACTOR), size: sz };
        }
        return undefined;
      case 'replace':
        if (target && args.length >= 2) {
          const sz = this.nodeSize(target);
          const from = this.nodeSize(args[0]);
          const to = this.nodeSize(args[1]);
          const count: Est = { min: 0, max: 0 };
          const retained: Est = { min: 0, max: 0 };
          if (from.min === 0) {
            count.max = sz.max < MAX ? sz.max + 1 : sz.max;
            retained.max = sz.max;
          } else if (to.max <= from.min) {
            retained.max = sz.max;
          } else {
            count.max = Math.ceil(sz.max / from.min);
          }
          if (from.max === 0) {
            count.min = sz.min < MAX ? sz.min + 1 : sz.min;
            retained.min = sz.min;
          } else if (from.max <= to.min) {
            retained.min = sz.min;
          } else {
            count.min = Math.ceil(sz.min / from.max);
          }
          return { cost: factor(sz, 2 * STRING_FACTOR), size: sum(prod(count, to), retained) };
        }
        return undefined;
      case 'split':
        if (target) {
          const sz = this.nodeSize(target);
          let max = sz.max;
          const lit = args[1]?.expr?.exprKind;
          if (lit?.case === 'constExpr' && lit.value.constantKind?.case === 'int64Value') {
            const v = Number(lit.value.constantKind.value);
            max = v < 0 ? MAX : v;
          }
          return { cost: factor(sz, 2 * STRING_FACTOR), size: { min: 0, max } };
        }
        return undefined;
      case 'join':
        if (target) {
          let sz: Est = fixed(0);
          const listSize = this.nodeSize(target);
          if (target.type.kind === 'list' || target.type.kind === 'map') {
            const elSize = this.estimateSize(target.path ? [...target.path, '@items'] : undefined) ?? UNKNOWN;
            sz = prod(listSize, elSize);
          }
          if (args.length > 0) {
            const sep = this.nodeSize(args[0]);
            sz = sum(sz, prod(sep, { min: listSize.min > 0 ? listSize.min - 1 : 0, max: listSize.max > 0 ? listSize.max - 1 : 0 }));
          }
          return { cost: factor(sz, STRING_FACTOR), size: sz };
        }
        return undefined;
      case 'find': case 'findAll':
        if (target && args.length >= 1) {
          const sz = this.nodeSize(target);
          const strCost = factor(sum(sz, fixed(1)), STRING_FACTOR);
          const reCost = factor(this.nodeSize(args[0]), REGEX_FACTOR);
          return { cost: prod(strCost, reCost), size: { min: 0, max: sz.max } };
        }
        return undefined;
      case 'cidr': case 'isIP': case 'isCIDR': case 'quantity': case 'isQuantity': case 'semver': case 'isSemver':
        if (args.length >= 1) return { cost: factor(this.nodeSize(args[0]), STRING_FACTOR) };
        return undefined;
      case 'ip':
        if (overload === 'cidr_ip') return one;
        if (args.length >= 1) return { cost: factor(this.nodeSize(args[0]), STRING_FACTOR) };
        return undefined;
      case 'ip.isCanonical':
        if (args.length >= 1) return { cost: factor(this.nodeSize(args[0]), 2 * STRING_FACTOR) };
        return undefined;
      case 'masked': case 'prefixLength': case 'family': case 'isUnspecified': case 'isLoopback': case 'isLinkLocalMulticast':
      case 'isLinkLocalUnicast': case 'isGlobalUnicast': case 'format.named': case 'sign': case 'asInteger': case 'isInteger':
      case 'asApproximateFloat': case 'isGreaterThan': case 'isLessThan': case 'compareTo': case 'add': case 'sub': case 'major':
      case 'minor': case 'patch': case 'getScheme': case 'getHostname': case 'getHost': case 'getPort': case 'getEscapedPath': case 'getQuery':
        return one;
      case 'containsIP':
        if (args.length >= 1) {
          let c = factor({ min: 8, max: 32 }, STRING_FACTOR);
          if (overload === 'cidr_contains_ip_string') c = sum(c, factor(this.nodeSize(args[0]), STRING_FACTOR));
          return { cost: c };
        }
        return undefined;
      case 'containsCIDR':
        if (args.length >= 1) {
          let c = factor({ min: 8, max: 32 }, STRING_FACTOR);
          c = sum(c, factor({ min: 4, max: 16 }, STRING_FACTOR));
          c = sum(c, fixed(1));
          if (overload === 'cidr_contains_cidr_string') c = sum(c, factor(this.nodeSize(args[0]), STRING_FACTOR));
          return { cost: c };
        }
        return undefined;
      case 'validate':
        if (args.length >= 1) return { cost: factor(factor(this.nodeSize(args[0]), STRING_FACTOR), MAX_NAME_FORMAT_REGEX_SIZE * REGEX_FACTOR) };
        return undefined;
      case '_==_':
        if (args.length === 2 && sameType(args[0].type, args[1].type) && args[0].type.kind === 'opaque') {
          const n = args[0].type.name;
          if (['net.IP', 'net.CIDR', 'kubernetes.Quantity', 'kubernetes.Semver'].includes(n) || n.startsWith('kubernetes.authorization.')) return one;
          if (n === 'kubernetes.NamedFormat') return { cost: factor({ min: 1, max: MAX_FORMAT_SIZE }, STRING_FACTOR) };
          if (n === 'kubernetes.URL') {
            const r = args[1].size;
            const size = r ? union(r, r) : fixed(1);
            return { cost: factor({ min: 1, max: size.max }, STRING_FACTOR) };
          }
        }
        return undefined;
      default:
        return undefined;
    }
  }
}

function sameType(a: CelType, b: CelType): boolean {
  return JSON.stringify(a, (k, v) => (k === 'decl' ? undefined : v)) === JSON.stringify(b, (k, v) => (k === 'decl' ? undefined : v));
}

function isScalar(t: CelType): boolean {
  switch (t.kind) {
    case 'bool': case 'double': case 'duration': case 'int': case 'timestamp': case 'uint': return true;
    case 'opaque': return t.name === 'optional_type' && isScalar(t.params[0]);
    default: return false;
  }
}

/** The estimated worst-case cost of a checked expression (cel-go's `EstimateCost(...).Max`). */
export function estimateCelCost(ast: CelAst, checked: CelCheck, self: DeclType): number {
  return new Coster(checked, self).cost(ast).max;
}
