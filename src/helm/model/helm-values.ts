import { Markers } from './markers';
import { group, JsonSchema, leaf, ValueNode } from './values';
import { formatValue, Problem, problem } from '../../core/problem';
import { re2Error, re2Test } from '../../core/re2';

/** The type of a Helm value (`values.schema.json` `type`; a list is an `array`). */
export type HelmValueType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'list';

/** A Helm value defined by the program: where it lives in `values.yaml`, its default, meaning and constraints. */
export interface HelmValueSpec {
  /** The dotted path in `values.yaml`, e.g. `controller.logLevel`. */
  readonly path: string;
  readonly type: HelmValueType;
  /** The default, a JSON value of the type. */
  readonly default: unknown;
  /** One or more sentences: the comment above the value in `values.yaml`, its README row, its schema description. */
  readonly description: string;
  /** The constraints of `values.schema.json` (JSON Schema keywords), without `type` and `description`. */
  readonly constraints: JsonSchema;
}

/** A path segment: a Go template field name, so templates read the value as `.Values.a.b`. */
const SEGMENT = /^[A-Za-z][A-Za-z0-9_]*$/;

/** The schema of a value in `values.schema.json` (without its description). */
export function helmValueSchema(spec: HelmValueSpec): JsonSchema {
  return { type: spec.type === 'list' ? 'array' : spec.type, ...spec.constraints };
}

/** Problems of a value's definition: its path, description, default (of its type, within its constraints). */
export function helmValueSpecProblems(spec: HelmValueSpec): Problem[] {
  const out: Problem[] = [];
  const segments = typeof spec.path === 'string' ? spec.path.split('.') : [];
  if (segments.length === 0 || !segments.every((s) => SEGMENT.test(s))) {
    out.push(problem('path', 'must be dot-separated names of letters, digits and "_", each starting with a letter (templates read it as .Values.<path>)', spec.path, 'use e.g. "controller.logLevel"'));
  } else if (segments[0] === 'global') {
    out.push(problem('path', 'must not start with "global" (Helm shares those values with every subchart)', spec.path, 'choose another first name, e.g. "controller"'));
  }
  if (typeof spec.description !== 'string' || spec.description.trim() === '') {
    out.push(problem('description', 'must say what the value does (it is the comment in values.yaml and the README row)', spec.description, 'describe the value in a sentence'));
  }
  if (ANY_WORD.test(JSON.stringify(spec.default) ?? '')) {
    out.push(problem('default', 'must be a plain value, not hold another HelmValue', spec.default, 'give the default as it is'));
    return out;
  }
  out.push(...valueProblems('default', spec.default, helmValueSchema(spec)));
  const c = spec.constraints;
  const range = (min: string, max: string) => {
    if (typeof c[min] === 'number' && typeof c[max] === 'number' && (c[min] as number) > (c[max] as number)) {
      out.push(problem(min, `must be at most ${max} (${c[max]})`, c[min], `lower ${min} or raise ${max}`));
    }
  };
  range('minimum', 'maximum');
  range('minLength', 'maxLength');
  range('minItems', 'maxItems');
  if (typeof c.pattern === 'string') {
    const error = re2Error(c.pattern);
    if (error !== undefined) out.push(problem('pattern', `must be an RE2 regular expression (Helm checks values with Go's regexp): ${error}`, c.pattern, 'fix the expression'));
  }
  return out;
}

/**
 * Problems of a value against the schema of a Helm value (the JSON Schema keywords opskit writes), as Helm's
 * schema check would find them: the type, `enum`, `pattern` (RE2), lengths in characters, bounds, item counts.
 */
export function valueProblems(field: string, value: unknown, schema: JsonSchema): Problem[] {
  const type = schema.type;
  const ok = type === 'string' ? typeof value === 'string'
    : type === 'number' ? typeof value === 'number' && Number.isFinite(value)
      : type === 'integer' ? typeof value === 'number' && Number.isInteger(value)
        : type === 'boolean' ? typeof value === 'boolean'
          : type === 'object' ? typeof value === 'object' && value !== null && !Array.isArray(value)
            : type === 'array' ? Array.isArray(value) : true;
  if (!ok) return [problem(field, `must be ${type === 'array' ? 'a list' : type === 'object' ? 'an object' : `a ${type === 'integer' ? 'whole number' : type}`}`, value, 'give a value of the HelmValue\'s type')];
  const out: Problem[] = [];
  const s = schema as Record<string, any>;
  if (Array.isArray(s.enum) && !s.enum.some((e: unknown) => JSON.stringify(e) === JSON.stringify(value))) {
    out.push(problem(field, `must be one of ${s.enum.map((e: unknown) => formatValue(e)).join(', ')}`, value, 'use one of the allowed values, or add it to enum'));
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof s.minLength === 'number' && length < s.minLength) out.push(problem(field, `must be at least ${s.minLength} characters long`, value, 'give a longer value'));
    if (typeof s.maxLength === 'number' && length > s.maxLength) out.push(problem(field, `must be at most ${s.maxLength} characters long`, value, 'give a shorter value'));
    if (typeof s.pattern === 'string' && re2Error(s.pattern) === undefined && !re2Test(s.pattern, value)) {
      out.push(problem(field, `must match the pattern ${s.pattern}`, value, 'give a value the pattern accepts, or change the pattern'));
    }
  }
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) out.push(problem(field, `must be at least ${s.minimum}`, value, 'give a larger value, or lower minimum'));
    if (typeof s.maximum === 'number' && value > s.maximum) out.push(problem(field, `must be at most ${s.maximum}`, value, 'give a smaller value, or raise maximum'));
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) out.push(problem(field, `must have at least ${s.minItems} items`, value, 'add items'));
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) out.push(problem(field, `must have at most ${s.maxItems} items`, value, 'remove items'));
  }
  return out;
}

/** Whether two definitions of one path are the same value. */
export function sameHelmValue(a: HelmValueSpec, b: HelmValueSpec): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Finds the Helm value a token of an object stands for (`core/template-values.ts` words and numbers). */
export interface HelmValueRefs {
  /** The value of a word (`opskithv<n>z` in text, `opskithw<n>z` for a whole value). */
  ofWord(word: string): HelmValueSpec | undefined;
  /** The value of a number token. */
  ofNumber(n: number): HelmValueSpec | undefined;
}

/** The words of template values (`core/template-values.ts`, which the model cannot import: it imports cdk8s). */
const WORDS = /opskith[vw]\d+z/g;
/** The same words, for `test()` (no `lastIndex` state). */
const ANY_WORD = new RegExp(WORDS.source);
const WHOLE = /^opskithw\d+z$/;

/** Whether a value (any JSON) holds a token of a Helm value. */
export function holdsHelmValue(x: unknown, refs: HelmValueRefs): boolean {
  if (typeof x === 'string') return [...x.matchAll(WORDS)].some((m) => refs.ofWord(m[0]) !== undefined);
  if (typeof x === 'number') return refs.ofNumber(x) !== undefined;
  if (Array.isArray(x)) return x.some((i) => holdsHelmValue(i, refs));
  if (typeof x === 'object' && x !== null) return Object.entries(x).some(([k, v]) => holdsHelmValue(k, refs) || holdsHelmValue(v, refs));
  return false;
}

/**
 * Replaces every token of a Helm value in `obj` (the caller's copy, mutated) by a marker for its template code:
 * - a whole value: `{{ .Values.<path> | toJson }}` — a string quoted (JSON is YAML), a number or boolean as it
 *   is; an object or list as `{{- toYaml .Values.<path> | nindent <n> }}`;
 * - a value inside a text (`ghcr.io/acme/backup:${tag}`): the whole text becomes
 *   `{{ print "ghcr.io/acme/backup:" (.Values.tag | toString) | toJson }}` (a string value as it is, others as
 *   JSON), so any value gives one well-formed string.
 * Rendered with the default values, each gives back what the plain manifest holds (the default in place).
 * Returns the values used (first use first) and the problems (a value in a mapping key).
 */
export function placeHelmValues(obj: unknown, refs: HelmValueRefs, markers: Markers): { used: HelmValueSpec[]; problems: Problem[] } {
  const used = new Map<string, HelmValueSpec>();
  const problems: Problem[] = [];
  const use = (spec: HelmValueSpec) => {
    if (!used.has(spec.path)) used.set(spec.path, spec);
    return `.Values.${spec.path}`;
  };
  const whole = (spec: HelmValueSpec): string => {
    const v = use(spec);
    return spec.type === 'object' || spec.type === 'list'
      ? markers.add({ kind: 'block', code: (nindent) => `{{- toYaml ${v} | nindent ${nindent} }}` })
      : markers.add({ kind: 'inline', code: `{{ ${v} | toJson }}` });
  };
  const text = (s: string): string => {
    const parts: string[] = [];
    let last = 0;
    let found = false;
    for (const m of s.matchAll(WORDS)) {
      const spec = refs.ofWord(m[0]);
      if (!spec) continue;
      found = true;
      if (m.index! > last) parts.push(JSON.stringify(s.slice(last, m.index)));
      const v = use(spec);
      parts.push(spec.type === 'string' ? `(${v} | toString)` : `(${v} | toJson)`);
      last = m.index! + m[0].length;
    }
    if (!found) return s;
    if (last < s.length) parts.push(JSON.stringify(s.slice(last)));
    const only = refs.ofWord(s);
    if (only && only.type === 'string') return whole(only);
    return markers.add({ kind: 'inline', code: `{{ print ${parts.join(' ')} | toJson }}` });
  };
  const visit = (node: any, where: string): any => {
    if (typeof node === 'number') {
      const spec = refs.ofNumber(node);
      return spec ? whole(spec) : node;
    }
    if (typeof node === 'string') {
      const spec = WHOLE.test(node) ? refs.ofWord(node) : undefined;
      return spec ? whole(spec) : text(node);
    }
    if (Array.isArray(node)) return node.map((item, i) => visit(item, `${where}[${i}]`));
    if (typeof node === 'object' && node !== null) {
      for (const key of Object.keys(node)) {
        if (holdsHelmValue(key, refs)) {
          const named = key.replace(WORDS, (w) => `\${HelmValue ${refs.ofWord(w)?.path ?? w}}`);
          problems.push(problem(`${where}${where ? '.' : ''}${named}`, 'must not hold a HelmValue in a key (Helm values replace values, not keys)', named, 'use the HelmValue in a value, or a HelmValue.object for the whole mapping'));
          continue;
        }
        node[key] = visit(node[key], `${where}${where ? '.' : ''}${key}`);
      }
      return node;
    }
    return node;
  };
  visit(obj, '');
  return { used: [...used.values()], problems };
}

/**
 * The values of the Helm values used by a chart, as groups by path (each leaf required, so removing a value is
 * an error), and the problems of paths that clash with each other or with keys already taken.
 */
export function helmValuesTree(
  specs: readonly HelmValueSpec[], taken: ReadonlyMap<string, string>,
): { children: Array<readonly [string, ValueNode]>; problems: Problem[] } {
  interface Node { leaf?: HelmValueSpec; children: Map<string, Node> }
  const root: Node = { children: new Map() };
  const problems: Problem[] = [];
  for (const spec of specs) {
    const segments = spec.path.split('.');
    const owner = taken.get(segments[0]);
    if (owner !== undefined) {
      problems.push(problem('path', `must not start with "${segments[0]}": ${owner} uses that values key`, spec.path, 'choose another first name for the HelmValue'));
      continue;
    }
    let node = root;
    let clash = false;
    for (const [i, s] of segments.entries()) {
      if (node.leaf) { clash = true; break; }
      let next = node.children.get(s);
      if (!next) {
        next = { children: new Map() };
        node.children.set(s, next);
      }
      node = next;
      if (i === segments.length - 1 && (node.leaf || node.children.size > 0)) clash = true;
    }
    if (clash) {
      problems.push(problem('path', 'must not be inside, or hold, the path of another HelmValue of the chart', spec.path, 'give each HelmValue a path of its own, e.g. "controller.logLevel" and "controller.logFormat"'));
      continue;
    }
    node.leaf = spec;
  }
  const toValue = (node: Node): ValueNode => (node.leaf
    ? leaf(node.leaf.description, node.leaf.default, helmValueSchema(node.leaf), true)
    : group('', [...node.children.entries()].map(([k, child]) => [k, toValue(child)] as const), true));
  return { children: [...root.children.entries()].map(([k, child]) => [k, toValue(child)] as const), problems };
}
