/** Converts a JSON pointer (`/spec/ports/0/port`) into opskit's field notation (`spec.ports[0].port`). */
export function pointerToField(pointer: string): string {
  if (!pointer) return '';
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** Reads the value at a JSON pointer. */
export function valueAtPointer(root: any, pointer: string): any {
  let cur = root;
  for (const raw of pointer.split('/').slice(1)) {
    if (cur === null || cur === undefined) return undefined;
    cur = cur[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}

/** Joins a field path and a child key in opskit's field notation. */
export function childField(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (/^[A-Za-z_$][\w$-]*$/.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

/** A path of keys in opskit's field notation (`['spec', 'ports', 0]` → `spec.ports[0]`). */
export function fieldOfPath(path: ReadonlyArray<string | number>): string {
  let field = '';
  for (const key of path) field = childField(field, key);
  return field;
}
