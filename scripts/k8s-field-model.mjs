// Reads the TypeScript declarations of `kubernetes-models` (and `@kubernetes-models/apimachinery`) and returns
// the field model of every built-in type: for each type, its fields and what each holds — another type, a list
// or a map of one, or a leaf ('' — not looked into). opskit uses it to find the fields the API server does not
// know, which it rejects under strict field validation (what `kubectl apply` asks for by default).
//
//   { types: { [type]: { [field]: ref } }, kinds: { "<apiVersion>/<kind>": type } }
//   ref: '' leaf | 'T' a type | '[]ref' a list | '{}ref' a map
import * as fs from 'node:fs';
import * as path from 'node:path';

function walk(dir, out) {
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name.startsWith('_')) continue;
    if (fs.statSync(full).isDirectory()) walk(full, out);
    else if (name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** The text of the `{ … }` block that starts at `open` (an index of `{`). */
function block(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error('unbalanced braces');
}

/** The fields of an interface body: `"name"?: type;` entries at depth 0. */
function fields(body) {
  const out = {};
  let i = 0;
  while (i < body.length) {
    const m = /^\s*"([^"]+)"\??:\s*/.exec(body.slice(i));
    if (!m) break;
    i += m[0].length;
    let depth = 0;
    let j = i;
    for (; j < body.length; j++) {
      const c = body[j];
      if (c === '{' || c === '<' || c === '(') depth++;
      else if (c === '}' || c === '>' || c === ')') depth--;
      else if (c === ';' && depth === 0) break;
    }
    out[m[1]] = body.slice(i, j).trim();
    i = j + 1;
  }
  return out;
}

function ref(type) {
  const t = type.replace(/\s+/g, ' ').trim();
  let m = /^Array<(.*)>$/.exec(t);
  if (m) return `[]${ref(m[1])}`;
  m = /^\{ \[key: string\]: (.*?);? \}$/.exec(t);
  if (m) return `{}${ref(m[1])}`;
  return /^IIoK8s\w+$/.test(t) ? t : '';
}

/** The field model of every type declared under the given package roots. */
export function k8sFieldModel(roots) {
  const types = {};
  const kinds = {};
  for (const root of roots) {
    for (const file of walk(root, [])) {
      const text = fs.readFileSync(file, 'utf8').replace(/\/\*\*[\s\S]*?\*\//g, '');
      const iface = /export interface (I\w+)(?: extends [\w, ]+)? \{/.exec(text);
      if (!iface) continue;
      const alias = new RegExp(`export type \\{ ${iface[1]} as (IIoK8s\\w+)`).exec(text)?.[1];
      if (!alias) continue;
      const props = fields(block(text, iface.index + iface[0].length - 1));
      types[alias] = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, ref(v)]));
      const apiVersion = /"apiVersion": "([^"]+)"/.exec(props.apiVersion ? `"apiVersion": ${props.apiVersion}` : '')?.[1];
      const kind = /^"([^"]+)"$/.exec(props.kind ?? '')?.[1];
      if (apiVersion && kind && !kind.endsWith('List')) kinds[`${apiVersion}/${kind}`] = alias;
    }
  }
  // refs to types that declare no fields of their own (Quantity, Time, RawExtension, JSON, …) are leaves
  for (const [name, t] of Object.entries(types)) if (Object.keys(t).length === 0) delete types[name];
  for (const t of Object.values(types)) {
    for (const [k, v] of Object.entries(t)) {
      const name = v.replace(/^(\[\]|\{\})+/, '');
      if (name && !types[name]) t[k] = v.slice(0, v.length - name.length);
    }
  }
  return { types, kinds };
}
