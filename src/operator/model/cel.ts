/**
 * CEL (`x-kubernetes-validations`) support on top of `@bufbuild/cel`: syntax checks, AST walks and
 * evaluation of rules that only use standard CEL.
 *
 * `@bufbuild/cel` is loaded lazily so that requiring opskit stays cheap.
 *
 * @see https://kubernetes.io/docs/reference/using-api/cel/
 */
import { KUBERNETES_RUNTIME_FUNCTIONS, kubernetesRuntimeFunctions } from './cel-k8s-runtime';
import { parseGoDuration } from '../../core/duration';

/** A node of the parsed CEL AST (`cel.expr.Expr`), kept untyped so no bufbuild type leaks out. */
export type CelAst = any;

let celModule: any;
let stringsExt: any;

function cel(): any {
  if (!celModule) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    celModule = require('@bufbuild/cel');
  }
  return celModule;
}

/** The strings extension and the Kubernetes library functions opskit evaluates. */
function celFunctions(): any {
  if (!stringsExt) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    stringsExt = [...require('@bufbuild/cel/ext').strings, ...kubernetesRuntimeFunctions(cel())];
  }
  return stringsExt;
}

/** Result of parsing a CEL expression. */
export interface CelParse {
  /** The AST, when the expression parsed with the standard grammar. */
  readonly ast?: CelAst;
  /** The syntax error, when it did not parse. */
  readonly error?: string;
  /**
   * True when the expression uses CEL optional syntax (`.?x`, `[?x]`, `{?k: v}`), which Kubernetes
   * supports but the bundled parser does not: the AST is then that of the expression with the `?` removed.
   */
  readonly optionalSyntax?: boolean;
  /** Set when the expression uses syntax the type checker does not model (optional indexes and entries). */
  readonly unsupported?: string;
}

/**
 * Rewrites CEL optional field selection (`a.?b`), which the bundled parser lacks, as a marked field name
 * (`a.__optsel__b`) the type checker reads back; optional indexes and entries (`[?`, `{?`) are flagged instead.
 */
function rewriteOptional(expr: string): { text: string; unsupported?: string } {
  let out = '';
  let unsupported: string | undefined;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === '"' || c === "'") {
      const triple = expr.startsWith(c.repeat(3), i);
      const end = triple ? c.repeat(3) : c;
      let j = i + end.length;
      while (j < expr.length && !expr.startsWith(end, j)) j += expr[j] === '\\' ? 2 : 1;
      out += expr.slice(i, j + end.length);
      i = j + end.length - 1;
      continue;
    }
    if (c === '.' && expr[i + 1] === '?' && /[A-Za-z_]/.test(expr[i + 2] ?? '')) {
      out += '.__optsel__';
      i++;
      continue;
    }
    if ((c === '[' || c === '{' || c === ',') && /^\s*\?/.test(expr.slice(i + 1)) && !/^\s*\?\s*[:.]/.test(expr.slice(i + 1))) {
      unsupported = 'optional indexes and entries ([?x], {?k: v})';
    }
    out += c;
  }
  return { text: out, unsupported };
}

const parseCache = new Map<string, CelParse>();

/** Parses a CEL expression (cached). */
export function parseCel(expr: string): CelParse {
  const cached = parseCache.get(expr);
  if (cached) return cached;
  let result: CelParse;
  const rewritten = rewriteOptional(expr);
  try {
    result = { ast: cel().parse(rewritten.text).expr, optionalSyntax: rewritten.text !== expr || undefined, unsupported: rewritten.unsupported };
  } catch (e: any) {
    if (rewritten.unsupported) {
      parseCache.set(expr, { unsupported: rewritten.unsupported });
      return { unsupported: rewritten.unsupported };
    }
    result = { error: String(e?.message ?? e) };
  }
  parseCache.set(expr, result);
  return result;
}

/** Calls `visit` on every node of an AST, parents first. */
export function walkCel(ast: CelAst, visit: (node: CelAst) => void): void {
  if (!ast || typeof ast !== 'object') return;
  visit(ast);
  const kind = ast.exprKind;
  if (!kind) return;
  const v = kind.value;
  switch (kind.case) {
    case 'selectExpr':
      walkCel(v.operand, visit);
      break;
    case 'callExpr':
      if (v.target) walkCel(v.target, visit);
      for (const a of v.args ?? []) walkCel(a, visit);
      break;
    case 'listExpr':
      for (const e of v.elements ?? []) walkCel(e, visit);
      break;
    case 'structExpr':
      for (const e of v.entries ?? []) {
        if (e.keyKind?.case === 'mapKey') walkCel(e.keyKind.value, visit);
        walkCel(e.value, visit);
      }
      break;
    case 'comprehensionExpr':
      walkCel(v.iterRange, visit);
      walkCel(v.accuInit, visit);
      walkCel(v.loopCondition, visit);
      walkCel(v.loopStep, visit);
      walkCel(v.result, visit);
      break;
    default:
      break;
  }
}

/** Whether an expression references a variable (e.g. `oldSelf`). */
export function referencesIdent(ast: CelAst, name: string): boolean {
  let found = false;
  walkCel(ast, (n) => {
    if (n.exprKind?.case === 'identExpr' && n.exprKind.value.name === name) found = true;
  });
  return found;
}

/** Every function or method name an expression calls (operators included, e.g. `_&&_`). */
export function calledFunctions(ast: CelAst): Set<string> {
  const names = new Set<string>();
  walkCel(ast, (n) => {
    if (n.exprKind?.case === 'callExpr') names.add(n.exprKind.value.function);
  });
  return names;
}

/**
 * Functions of standard CEL plus the strings extension, which the bundled evaluator implements. The Kubernetes
 * library functions evaluated offline are listed in `cel-k8s-runtime.ts`; any other (url, ip, cidr, semver,
 * format, optionals, authz) makes a rule "not evaluable offline".
 */
const STANDARD_FUNCTIONS = new Set<string>([
  '_&&_', '_||_', '!_', '-_', '_==_', '_!=_', '_<_', '_<=_', '_>_', '_>=_', '_+_', '_-_', '_*_', '_/_', '_%_',
  '_?_:_', '_[_]', '@in', '@not_strictly_false', 'not_strictly_false',
  'size', 'matches', 'contains', 'startsWith', 'endsWith', 'int', 'uint', 'double', 'string', 'bytes', 'bool',
  'dyn', 'type', 'timestamp', 'duration',
  'getFullYear', 'getMonth', 'getDate', 'getDayOfMonth', 'getDayOfWeek', 'getDayOfYear', 'getHours', 'getMinutes',
  'getSeconds', 'getMilliseconds',
  'charAt', 'lowerAscii', 'upperAscii', 'replace', 'split', 'substring', 'trim', 'join', 'quote', 'reverse',
]);

/**
 * Whether a parsed rule only calls functions opskit evaluates offline: standard CEL, the strings extension, and
 * the Kubernetes regex, lists, quantity and sets functions (`cel-k8s-runtime.ts`).
 */
export function isStandardCel(parsed: CelParse): boolean {
  if (!parsed.ast || parsed.optionalSyntax || parsed.unsupported) return false;
  for (const f of calledFunctions(parsed.ast)) {
    if (!STANDARD_FUNCTIONS.has(f) && !KUBERNETES_RUNTIME_FUNCTIONS.has(f)) return false;
  }
  return true;
}

/** Outcome of evaluating a CEL expression. */
export interface CelOutcome {
  /** The value (booleans, strings, bigint for integers, ...) when evaluation succeeded. */
  readonly value?: any;
  /** The evaluation error (e.g. `no such key: x`). */
  readonly error?: string;
  /** Set when the evaluator could not evaluate the expression faithfully; the rule is then not checked. */
  readonly unsupported?: boolean;
}

const UNSUPPORTED_ERRORS = /unbound function|no matching overload|unsupported|unknown type|no such overload|Invalid regular expression/i;

/**
 * CEL programs compiled once each: one environment (the function resolvers of standard CEL, the strings extension
 * and the Kubernetes library) and, per expression, the program planned from its parse. A program depends only on
 * its expression, so a cache never goes stale; a CRD keeps one for the rules of its schemas.
 */
export class CelPrograms {
  private env: any;
  /** The planned program of each expression, or what parsing or planning it threw. */
  private readonly programs = new Map<string, { run?: (bindings: { [name: string]: any }) => any; thrown?: unknown }>();

  /** Evaluates an expression with the given variables (values converted with `toCelValue`). */
  public evaluate(expr: string, bindings: { [name: string]: any }): CelOutcome {
    const c = cel();
    let result: any;
    try {
      result = this.run(expr, bindings);
    } catch (e: any) {
      return { unsupported: true, error: String(e?.message ?? e) };
    }
    if (c.isCelError(result)) {
      const message = String(result.message ?? result);
      if (UNSUPPORTED_ERRORS.test(message)) return { unsupported: true, error: message };
      return { error: message.replace(/^field not found: /, 'no such key: ') };
    }
    return { value: result };
  }

  /** What `run()` of `@bufbuild/cel` gives (a value or a CEL error, never a throw), with the parse and plan reused. */
  private run(expr: string, bindings: { [name: string]: any }): any {
    const c = cel();
    let program = this.programs.get(expr);
    if (!program) {
      const funcs = celFunctions();
      try {
        this.env ??= c.celEnv({ funcs });
        program = { run: c.plan(this.env, c.parse(expr)) };
      } catch (e) {
        program = { thrown: e };
      }
      this.programs.set(expr, program);
    }
    if (!program.run) return c.celError(program.thrown);
    try {
      return program.run(bindings);
    } catch (e) {
      return c.celError(e);
    }
  }
}

/**
 * Evaluates an expression with the given variables (values converted with `toCelValue`), with the programs of
 * `programs` (by default, compiled for this call only).
 */
export function evaluateCel(expr: string, bindings: { [name: string]: any }, programs: CelPrograms = new CelPrograms()): CelOutcome {
  return programs.evaluate(expr, bindings);
}

let wktModule: any;

function wkt(): any {
  if (!wktModule) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    wktModule = require('@bufbuild/protobuf/wkt');
  }
  return wktModule;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Converts JSON data to the values CEL sees for a schema node, as the API server types them:
 * integers as `bigint` for `type: integer` (and whole numbers of int-or-string), strings of
 * `format: date-time` as timestamps and of `format: duration` as durations, objects as maps.
 */
export function toCelValue(value: any, schema: any): any {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) {
    const items = schema && typeof schema.items === 'object' ? schema.items : undefined;
    return value.map((v) => toCelValue(v, items));
  }
  if (typeof value === 'object') {
    const m = new Map<string, any>();
    for (const k of Object.keys(value)) {
      const child = schema?.properties?.[k] ?? (typeof schema?.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      m.set(k, toCelValue(value[k], child));
    }
    return m;
  }
  if (typeof value === 'string' && schema?.type === 'string') {
    if (schema.format === 'date-time' && RFC3339.test(value) && !Number.isNaN(Date.parse(value))) {
      return wkt().timestampFromDate(new Date(value));
    }
    if (schema.format === 'duration') {
      const ms = parseGoDuration(value);
      if (ms !== undefined) return wkt().durationFromMs(ms);
    }
    return value;
  }
  if (typeof value === 'number') {
    const intLike = schema?.type === 'integer' || (schema?.['x-kubernetes-int-or-string'] === true && Number.isInteger(value));
    return intLike && Number.isInteger(value) ? BigInt(value) : value;
  }
  return value;
}

/** Converts a CEL result back to display form (bigint → number). */
export function fromCelValue(v: any): any {
  if (typeof v === 'bigint') return Number(v);
  return v;
}
