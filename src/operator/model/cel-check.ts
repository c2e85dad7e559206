/**
 * A CEL type checker that behaves as cel-go's (v0.29) for the environment the API server gives CRD validation
 * rules: overload resolution with type parameters, homogeneous aggregate literals, macros (as the parser expanded
 * them), optional field selection, and the literal validators of Kubernetes 1.29+ (duration, timestamp, regex).
 * `@bufbuild/cel`'s own checker only handles constants and identifiers, so this one walks its parsed AST.
 *
 * Pure: no I/O. Never throws.
 */
import { CelAst } from './cel';
import { Overload, lookupFunction, typeIdent } from './cel-library';
import { CelType, T, formatType } from './cel-types';
import { parseGoDuration } from './formats';
import { re2Error } from '../../core/re2';

/** Result of checking an expression. */
export interface CelCheck {
  /** The type of the whole expression, when it checked without errors. */
  readonly type?: CelType;
  /** Type errors, worded as cel-go words them. */
  readonly errors: string[];
  /** The type of every node, by node id. */
  readonly types: Map<string, CelType>;
  /** The matching overload ids of every call node, by node id. */
  readonly overloads: Map<string, string[]>;
  /** Calls written `a.b.f(x)` that resolved to the namespaced function `a.b.f` (no receiver), by node id. */
  readonly qualified: Map<string, string>;
  /** The expression references `oldSelf` (as a variable, not shadowed). */
  readonly usesOldSelf: boolean;
  /** Set when the expression uses syntax this checker does not model (it is then neither accepted nor rejected). */
  readonly unsupported?: string;
}

type Mapping = Map<string, CelType>;

class Unsupported extends Error {}

const isDyn = (t: CelType) => t.kind === 'dyn';
const isError = (t: CelType) => t.kind === 'error';
const isDynOrError = (t: CelType) => isDyn(t) || isError(t);
const isOptional = (t: CelType) => t.kind === 'opaque' && t.name === 'optional_type';

function params(t: CelType): readonly CelType[] {
  switch (t.kind) {
    case 'list': return [t.elem];
    case 'map': return [t.key, t.value];
    case 'opaque': return t.params;
    case 'type': return t.param ? [t.param] : [];
    default: return [];
  }
}

function typeName(t: CelType): string {
  if (t.kind === 'object' || t.kind === 'opaque') return t.name;
  if (t.kind === 'param') return t.name;
  return t.kind;
}

/** `Type.IsExactType`. */
export function exactType(a: CelType, b: CelType): boolean {
  if (a.kind !== b.kind || typeName(a) !== typeName(b)) return false;
  const pa = params(a);
  const pb = params(b);
  return pa.length === pb.length && pa.every((p, i) => exactType(p, pb[i]));
}

/** `Type.IsAssignableType` (default form): `to` accepts `from`. */
function assignableType(to: CelType, from: CelType): boolean {
  if (to === from || isDyn(to)) return true;
  if (to.kind !== from.kind || typeName(to) !== typeName(from)) return false;
  const pa = params(to);
  const pb = params(from);
  return pa.length === pb.length && pa.every((p, i) => assignableType(p, pb[i]));
}

function isEqualOrLessSpecific(t1: CelType, t2: CelType): boolean {
  if (isDyn(t1) || t1.kind === 'param') return true;
  if (isDyn(t2) || t2.kind === 'param') return false;
  if (t1.kind !== t2.kind) return false;
  switch (t1.kind) {
    case 'opaque': {
      const p2 = params(t2);
      return t1.name === typeName(t2) && t1.params.length === p2.length && t1.params.every((p, i) => isEqualOrLessSpecific(p, p2[i]));
    }
    case 'list': return isEqualOrLessSpecific(t1.elem, (t2 as any).elem);
    case 'map': return isEqualOrLessSpecific(t1.key, (t2 as any).key) && isEqualOrLessSpecific(t1.value, (t2 as any).value);
    case 'type': return true;
    default: return exactType(t1, t2);
  }
}

const mostGeneral = (t1: CelType, t2: CelType) => (isEqualOrLessSpecific(t1, t2) ? t1 : t2);

function notReferencedIn(m: Mapping, t: CelType, within: CelType): boolean {
  if (exactType(t, within)) return false;
  if (within.kind === 'param') {
    const sub = m.get(within.name);
    return sub ? notReferencedIn(m, t, sub) : true;
  }
  return params(within).every((p) => notReferencedIn(m, t, p));
}

function validSubstitution(m: Mapping, t1: CelType, t2: CelType & { kind: 'param' }): [boolean, boolean] {
  if (t1.kind === t2.kind && exactType(t1, t2)) return [true, true];
  const sub = m.get(t2.name);
  if (sub) {
    if (t1.kind === sub.kind && exactType(t1, sub)) return [true, true];
    if (isAssignableIn(m, t1, sub)) {
      const general = mostGeneral(t1, sub);
      if (notReferencedIn(m, t2, general)) m.set(t2.name, general);
      return [true, true];
    }
    return [false, true];
  }
  if (notReferencedIn(m, t2, t1)) {
    m.set(t2.name, t1);
    return [true, false];
  }
  return [false, false];
}

function legacyNullable(t: CelType): boolean {
  return t.kind === 'opaque' || t.kind === 'object' || t.kind === 'duration' || t.kind === 'timestamp';
}

/** cel-go's `internalIsAssignable(m, t1, t2)`: a value of t2 can be used where t1 is expected. */
function isAssignableIn(m: Mapping, t1: CelType, t2: CelType): boolean {
  if (t2.kind === 'param') {
    const [valid, hasSub] = validSubstitution(m, t1, t2);
    if (valid) return true;
    if (hasSub) return false;
  }
  if (t1.kind === 'param') return validSubstitution(m, t2, t1)[0];
  if (isDynOrError(t1) || isDynOrError(t2)) return true;
  if (t1.kind === 'null') return legacyNullable(t2) || assignableType(t2, T.null);
  if (t2.kind === 'null') return legacyNullable(t1) || assignableType(t1, T.null);
  switch (t1.kind) {
    case 'bool': case 'bytes': case 'double': case 'int': case 'string': case 'uint': case 'duration': case 'timestamp': case 'object':
      return assignableType(t2, t1);
    case 'type':
      return t2.kind === 'type';
    case 'opaque': case 'list': case 'map': {
      if (t1.kind !== t2.kind || typeName(t1) !== typeName(t2)) return false;
      const p1 = params(t1);
      const p2 = params(t2);
      return p1.length === p2.length && p1.every((p, i) => isAssignableIn(m, p, p2[i]));
    }
    default:
      return false;
  }
}

function substitute(m: Mapping, t: CelType, paramToDyn: boolean): CelType {
  if (t.kind === 'param') {
    const sub = m.get(t.name);
    if (sub) return substitute(m, sub, paramToDyn);
    return paramToDyn ? T.dyn : t;
  }
  switch (t.kind) {
    case 'opaque': return T.opaque(t.name, ...t.params.map((p) => substitute(m, p, paramToDyn)));
    case 'list': return T.list(substitute(m, t.elem, paramToDyn));
    case 'map': return T.map(substitute(m, t.key, paramToDyn), substitute(m, t.value, paramToDyn));
    case 'type': return t.param ? T.type(substitute(m, t.param, paramToDyn)) : t;
    default: return t;
  }
}

function renameParams(t: CelType, rename: Map<string, CelType>): CelType {
  if (t.kind === 'param') return rename.get(t.name) ?? t;
  switch (t.kind) {
    case 'opaque': return T.opaque(t.name, ...t.params.map((p) => renameParams(p, rename)));
    case 'list': return T.list(renameParams(t.elem, rename));
    case 'map': return T.map(renameParams(t.key, rename), renameParams(t.value, rename));
    case 'type': return t.param ? T.type(renameParams(t.param, rename)) : t;
    default: return t;
  }
}

function collectParams(t: CelType, out: Set<string>): void {
  if (t.kind === 'param') out.add(t.name);
  for (const p of params(t)) collectParams(p, out);
}

function id(e: CelAst): string {
  return String(e.id);
}

class Checker {
  mappings: Mapping = new Map();
  readonly types = new Map<string, CelType>();
  readonly overloads = new Map<string, string[]>();
  readonly qualified = new Map<string, string>();
  readonly errors: string[] = [];
  private counter = 0;
  private scopes: Map<string, CelType>[] = [];
  usesOldSelf = false;

  constructor(private readonly globals: Map<string, CelType>) {}

  private newTypeVar(): CelType {
    return T.param(`_var${this.counter++}`);
  }

  private isAssignable(t1: CelType, t2: CelType): boolean {
    const copy = new Map(this.mappings);
    if (isAssignableIn(copy, t1, t2)) {
      this.mappings = copy;
      return true;
    }
    return false;
  }

  private isAssignableList(l1: readonly CelType[], l2: readonly CelType[]): boolean {
    if (l1.length !== l2.length) return false;
    const copy = new Map(this.mappings);
    if (l1.every((t, i) => isAssignableIn(copy, t, l2[i]))) {
      this.mappings = copy;
      return true;
    }
    return false;
  }

  private set(e: CelAst, t: CelType): void {
    this.types.set(id(e), t);
  }

  typeOf(e: CelAst): CelType {
    return this.types.get(id(e)) ?? T.error;
  }

  private lookupVar(name: string): CelType | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const t = this.scopes[i].get(name);
      if (t) return t;
    }
    return this.globals.get(name) ?? typeIdent(name);
  }

  private isLocal(name: string): boolean {
    return this.scopes.some((s) => s.has(name));
  }

  check(e: CelAst): void {
    const k = e?.exprKind;
    switch (k?.case) {
      case 'constExpr': {
        const c = k.value.constantKind?.case;
        const map: { [c: string]: CelType } = {
          boolValue: T.bool,
          bytesValue: T.bytes,
          doubleValue: T.double,
          int64Value: T.int,
          nullValue: T.null,
          stringValue: T.string,
          uint64Value: T.uint,
        };
        this.set(e, map[c] ?? T.error);
        return;
      }
      case 'identExpr': {
        const name = k.value.name;
        const t = this.lookupVar(name);
        if (!t) {
          this.errors.push(`undeclared reference to '${name}' (in container '')`);
          this.set(e, T.error);
          return;
        }
        if (name === 'oldSelf' && !this.isLocal(name)) this.usesOldSelf = true;
        this.set(e, t);
        return;
      }
      case 'selectExpr':
        return this.checkSelect(e);
      case 'callExpr':
        return this.checkCall(e);
      case 'listExpr': {
        let elems: CelType | undefined;
        for (const x of k.value.elements ?? []) {
          this.check(x);
          elems = this.join(elems, this.typeOf(x));
        }
        this.set(e, T.list(elems ?? this.newTypeVar()));
        return;
      }
      case 'structExpr': {
        if (k.value.messageName) throw new Unsupported('message construction');
        let key: CelType | undefined;
        let value: CelType | undefined;
        for (const entry of k.value.entries ?? []) {
          if (entry.optionalEntry) throw new Unsupported('optional map entries');
          const kx = entry.keyKind?.value;
          this.check(kx);
          key = this.join(key, this.typeOf(kx));
          this.check(entry.value);
          value = this.join(value, this.typeOf(entry.value));
        }
        if (!key) {
          key = this.newTypeVar();
          value = this.newTypeVar();
        }
        this.set(e, T.map(key, value!));
        return;
      }
      case 'comprehensionExpr':
        return this.checkComprehension(e);
      default:
        throw new Unsupported(`expression kind ${k?.case}`);
    }
  }

  private join(previous: CelType | undefined, current: CelType): CelType {
    if (!previous) return current;
    if (this.isAssignable(previous, current)) return mostGeneral(previous, current);
    this.errors.push(`expected type '${formatType(previous)}' but found '${formatType(current)}'`);
    return T.error;
  }

  private qualifiedName(e: CelAst): string | undefined {
    const parts: string[] = [];
    let cur = e;
    while (cur?.exprKind?.case === 'selectExpr') {
      if (cur.exprKind.value.testOnly) return undefined;
      parts.unshift(cur.exprKind.value.field);
      cur = cur.exprKind.value.operand;
    }
    if (cur?.exprKind?.case !== 'identExpr') return undefined;
    parts.unshift(cur.exprKind.value.name);
    return parts.join('.');
  }

  private checkSelect(e: CelAst): void {
    const sel = e.exprKind.value;
    const qualified = this.qualifiedName(e);
    if (qualified && !this.lookupVar(qualified.split('.')[0])) {
      const t = typeIdent(qualified);
      if (t) {
        this.set(e, t);
        return;
      }
    }
    const field: string = sel.field;
    if (field.startsWith('__optsel__')) {
      this.set(e, substitute(this.mappings, this.selectField(sel.operand, field.slice('__optsel__'.length), true), false));
      return;
    }
    let result = this.selectField(sel.operand, field, false);
    if (sel.testOnly) result = T.bool;
    this.set(e, substitute(this.mappings, result, false));
  }

  private selectField(operand: CelAst, field: string, optional: boolean): CelType {
    this.check(operand);
    const operandType = substitute(this.mappings, this.typeOf(operand), false);
    const target = isOptional(operandType) ? (operandType as any).params[0] as CelType : operandType;
    let result: CelType = T.error;
    if (target.kind === 'map') {
      result = target.value;
    } else if (target.kind === 'object') {
      const f = target.decl.fields?.get(field);
      if (f) result = f.type;
      else this.errors.push(`undefined field '${field}'`);
    } else if (target.kind === 'param') {
      this.isAssignable(T.dyn, target);
      result = T.dyn;
    } else {
      if (!isDynOrError(target)) this.errors.push(`type '${formatType(target)}' does not support field selection`);
      result = T.dyn;
    }
    return isOptional(operandType) || optional ? T.optional(result) : result;
  }

  private checkCall(e: CelAst): void {
    const call = e.exprKind.value;
    const fnName: string = call.function;
    const args: CelAst[] = call.args ?? [];
    if (fnName === '__optidx__') throw new Unsupported('optional index');
    if (call.target && ['all', 'exists', 'existsOne', 'exists_one', 'transformList', 'transformMap', 'transformMapEntry'].includes(fnName) && args.length >= 3) {
      throw new Unsupported(`two-variable comprehension ${fnName}`);
    }
    if (call.target && ['optMap', 'optFlatMap', 'sortBy'].includes(fnName) && args.length === 2) throw new Unsupported(`macro ${fnName}`);
    if (!call.target) {
      for (const a of args) this.check(a);
      const fn = lookupFunction(fnName);
      if (!fn) {
        this.errors.push(`undeclared reference to '${fnName}' (in container '')`);
        this.set(e, T.error);
        return;
      }
      this.literalChecks(fnName, args);
      this.resolve(e, fnName, fn, undefined, args);
      return;
    }
    const qualified = this.qualifiedName(call.target);
    if (qualified) {
      const fn = lookupFunction(`${qualified}.${fnName}`);
      if (fn && !this.lookupVar(qualified.split('.')[0])) {
        for (const a of args) this.check(a);
        this.qualified.set(id(e), `${qualified}.${fnName}`);
        this.resolve(e, `${qualified}.${fnName}`, fn, undefined, args);
        return;
      }
    }
    for (const a of args) this.check(a);
    this.check(call.target);
    const fn = lookupFunction(fnName);
    if (!fn) {
      this.set(e, T.error);
      this.errors.push(`undeclared reference to '${fnName}' (in container '')`);
      return;
    }
    this.literalChecks(fnName, [call.target, ...args]);
    this.resolve(e, fnName, fn, call.target, args);
  }

  /** The AST validators of Kubernetes 1.29+: literal durations, timestamps and regular expressions must be valid. */
  private literalChecks(fnName: string, args: CelAst[]): void {
    const lit = (a: CelAst): string | undefined => (a?.exprKind?.case === 'constExpr' && a.exprKind.value.constantKind?.case === 'stringValue' ? a.exprKind.value.constantKind.value : undefined);
    if (fnName === 'duration' && args.length === 1) {
      const s = lit(args[0]);
      if (s !== undefined && parseGoDuration(s) === undefined) this.errors.push(`invalid duration argument: ${JSON.stringify(s)}`);
    }
    if (fnName === 'timestamp' && args.length === 1) {
      const s = lit(args[0]);
      if (s !== undefined && !isRfc3339(s)) this.errors.push(`invalid timestamp argument: ${JSON.stringify(s)}`);
    }
    if (fnName === 'matches' && args.length === 2) {
      const s = lit(args[1]);
      if (s !== undefined && re2Error(s) !== undefined) this.errors.push(`invalid matches argument: ${re2Error(s)}`);
    }
  }

  private resolve(e: CelAst, fnName: string, overloads: readonly Overload[], target: CelAst | undefined, args: CelAst[]): void {
    const argTypes = [...(target ? [this.typeOf(target)] : []), ...args.map((a) => this.typeOf(a))];
    let result: CelType | undefined;
    const ids: string[] = [];
    for (const o of overloads) {
      if ((target === undefined) === o.member) continue;
      if (fnName === '_&&_' || fnName === '_||_') {
        let bad = false;
        argTypes.forEach((t) => {
          if (!this.isAssignable(t, T.bool)) {
            this.errors.push(`expected type 'bool' but found '${formatType(t)}'`);
            bad = true;
          }
        });
        if (bad) {
          this.set(e, T.error);
          return;
        }
        this.overloads.set(id(e), [o.id]);
        this.set(e, T.bool);
        return;
      }
      const names = new Set<string>();
      for (const a of o.args) collectParams(a, names);
      collectParams(o.result, names);
      const rename = new Map<string, CelType>();
      for (const n of names) rename.set(n, this.newTypeVar());
      const candidate = o.args.map((a) => renameParams(a, rename));
      if (this.isAssignableList(argTypes, candidate)) {
        ids.push(o.id);
        const r = substitute(this.mappings, renameParams(o.result, rename), false);
        if (!result) result = r;
        else if (!isDyn(result) && !exactType(r, result)) result = T.dyn;
      }
    }
    if (!result) {
      const shown = argTypes.map((t) => formatType(substitute(this.mappings, t, true)));
      const applied = target ? `${shown[0]}.(${shown.slice(1).join(', ')})` : `(${shown.join(', ')})`;
      this.errors.push(`found no matching overload for '${fnName}' applied to '${applied}'`);
      this.set(e, T.error);
      return;
    }
    this.overloads.set(id(e), ids);
    this.set(e, result);
  }

  private checkComprehension(e: CelAst): void {
    const c = e.exprKind.value;
    this.check(c.iterRange);
    this.check(c.accuInit);
    const range = substitute(this.mappings, this.typeOf(c.iterRange), false);
    const accu = this.typeOf(c.accuInit);
    this.scopes.push(new Map([[c.accuVar, accu]]));
    let v1: CelType;
    let v2: CelType | undefined;
    const two = !!c.iterVar2;
    if (range.kind === 'list') {
      v1 = two ? T.int : range.elem;
      v2 = two ? range.elem : undefined;
    } else if (range.kind === 'map') {
      v1 = range.key;
      v2 = two ? range.value : undefined;
    } else if (range.kind === 'dyn' || range.kind === 'error' || range.kind === 'param') {
      this.isAssignable(T.dyn, range);
      v1 = T.dyn;
      v2 = two ? T.dyn : undefined;
    } else {
      this.errors.push(`expression of type '${formatType(range)}' cannot be range of a comprehension (must be list, map, or dynamic)`);
      v1 = T.error;
      v2 = two ? T.error : undefined;
    }
    const inner = new Map([[c.iterVar, v1]]);
    if (two) inner.set(c.iterVar2, v2!);
    this.scopes.push(inner);
    this.check(c.loopCondition);
    this.assertType(c.loopCondition, T.bool);
    this.check(c.loopStep);
    this.assertType(c.loopStep, accu);
    this.scopes.pop();
    this.check(c.result);
    this.scopes.pop();
    this.set(e, substitute(this.mappings, this.typeOf(c.result), false));
  }

  private assertType(e: CelAst, t: CelType): void {
    if (!this.isAssignable(t, this.typeOf(e))) {
      this.errors.push(`expected type '${formatType(t)}' but found '${formatType(this.typeOf(e))}'`);
    }
  }

  finalType(e: CelAst): CelType {
    return substitute(this.mappings, this.typeOf(e), true);
  }
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

/** Go's `time.Parse(time.RFC3339, s)` as CEL's `timestamp()` uses it (years 0001–9999). */
export function isRfc3339(s: string): boolean {
  const m = RFC3339.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, sec] = [+m[1], +m[2], +m[3], +m[4], +m[5], +m[6]];
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (mo < 1 || mo > 12 || d < 1 || d > days[mo - 1] || h > 23 || mi > 59 || sec > 59) return false;
  if (m[9] !== undefined && (+m[9] > 23 || +m[10] > 59)) return false;
  return y >= 1;
}

/** Type-checks a parsed expression with the given variables (`self`, `oldSelf`). */
export function checkCelAst(ast: CelAst, vars: Map<string, CelType>): CelCheck {
  const c = new Checker(vars);
  try {
    c.check(ast);
  } catch (err) {
    if (err instanceof Unsupported) {
      return { errors: [], types: c.types, overloads: c.overloads, qualified: c.qualified, usesOldSelf: c.usesOldSelf, unsupported: err.message };
    }
    throw err;
  }
  const type = c.errors.length === 0 ? c.finalType(ast) : undefined;
  // the final substitution also applies to the recorded types, as cel-go's does before cost estimation
  for (const [k, t] of c.types) c.types.set(k, substitute(c.mappings, t, true));
  return { type, errors: c.errors, types: c.types, overloads: c.overloads, qualified: c.qualified, usesOldSelf: c.usesOldSelf };
}
