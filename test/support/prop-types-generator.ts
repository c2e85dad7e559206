/* eslint-disable no-bitwise */ // type flags are bit sets
/**
 * Generates `src/core/generated/prop-types.ts`: a compact descriptor of every struct (readonly interface) and enum
 * reachable from the public API's props, read from the TypeScript types with the compiler API — the one source
 * of truth that `checkProps` validates against at run time.
 *
 * Regenerate: `npx ts-node test/support/prop-types-generator.ts --write`. A test fails when the committed file is stale.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { OBJECT_META_FIELDS } from '../../src/core/object-meta';

const ROOT = path.resolve(__dirname, '..', '..');
export const PROP_TYPES_FILE = path.join(ROOT, 'src', 'core', 'generated', 'prop-types.ts');

type Desc = string | { list: Desc } | { map: Desc } | { struct: string } | { enum: string } | { oneOf: Desc[] }
  | { literal: (string | number | boolean)[] } | { instance: string; make?: string[] } | { iface: string; members: string[]; by?: string[] };

interface Field { readonly t: Desc; readonly o?: 1 }

/**
 * Structs of cdk8s that props use and whose fields are checked like opskit's own: `metadata` is cdk8s's
 * `ApiObjectMetadata`, whose other keys become ObjectMeta fields of the object (cdk8s keeps them).
 */
const EXTERNAL_STRUCTS = new Set(['ApiObjectMetadata', 'OwnerReference']);

/**
 * Structs whose keys are checked too, with the keys they stand for: the keys allowed besides the declared fields
 * are the others (ObjectMeta's fields that `ApiObjectMetadata` does not declare).
 */
const CLOSED_STRUCTS: Record<string, readonly string[]> = { ApiObjectMetadata: OBJECT_META_FIELDS };

/** The descriptor text of the current sources. */
export function generatePropTypes(): string {
  const program = ts.createProgram([path.join(ROOT, 'src', 'index.ts')], {
    target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, strict: true, noEmit: true, skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const index = program.getSourceFile(path.join(ROOT, 'src', 'index.ts'))!;
  const moduleSymbol = checker.getSymbolAtLocation(index)!;
  const structs = new Map<string, Record<string, Field>>();
  const enums = new Map<string, (string | number)[]>();
  const pending: ts.Symbol[] = [];

  const isOurs = (decl: ts.Declaration | undefined): boolean =>
    !!decl && path.resolve(decl.getSourceFile().fileName).startsWith(path.join(ROOT, 'src') + path.sep);

  const isStruct = (sym: ts.Symbol): boolean => {
    const decl = sym.declarations?.[0];
    if (decl && ts.isInterfaceDeclaration(decl) && EXTERNAL_STRUCTS.has(sym.name) && /node_modules[\\/]cdk8s[\\/]/.test(decl.getSourceFile().fileName)) return true;
    if (!decl || !ts.isInterfaceDeclaration(decl) || !isOurs(decl)) return false;
    if (/^I[A-Z]/.test(sym.name)) return false;
    return decl.members.every((m) => ts.isPropertySignature(m));
  };

  const describe = (type: ts.Type, depth = 0): Desc => {
    if (depth > 20) return 'any';
    const f = type.flags;
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return 'any';
    if (f & ts.TypeFlags.EnumLike) {
      const sym = (type.aliasSymbol ?? type.symbol);
      const enumSym = sym && (sym.flags & ts.SymbolFlags.EnumMember) ? (sym as ts.Symbol & { parent?: ts.Symbol }).parent : sym;
      const decl = enumSym?.declarations?.[0];
      if (enumSym && decl && ts.isEnumDeclaration(decl)) {
        if (!enums.has(enumSym.name)) {
          enums.set(enumSym.name, decl.members.map((m) => checker.getConstantValue(m)!).filter((v) => v !== undefined));
        }
        return { enum: enumSym.name };
      }
    }
    if (type.isUnion()) {
      const members = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)));
      if (members.length === 0) return 'any';
      const literals = members.filter((t) => t.isLiteral() || (t.flags & ts.TypeFlags.BooleanLiteral));
      if (literals.length === members.length && members.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return 'boolean';
      if (literals.length === members.length && !(members[0].flags & ts.TypeFlags.EnumLiteral)) {
        return { literal: members.map((t) => (t.isLiteral() ? (t.value as string | number) : checker.typeToString(t) === 'true')) };
      }
      if (members.length === 1) return describe(members[0], depth + 1);
      const parts: Desc[] = [];
      const seen = new Set<string>();
      for (const m of members) {
        const d = describe(m, depth + 1);
        const key = JSON.stringify(d);
        if (!seen.has(key)) { seen.add(key); parts.push(d); }
      }
      return parts.length === 1 ? parts[0] : { oneOf: parts };
    }
    if (f & ts.TypeFlags.StringLike) return type.isStringLiteral() ? { literal: [type.value] } : 'string';
    if (f & ts.TypeFlags.NumberLike) return type.isNumberLiteral() ? { literal: [type.value] } : 'number';
    if (f & ts.TypeFlags.BooleanLike) return 'boolean';
    if (checker.isArrayType(type) || checker.isTupleType(type)) {
      const arg = checker.getTypeArguments(type as ts.TypeReference)[0];
      return { list: arg ? describe(arg, depth + 1) : 'any' };
    }
    if (f & ts.TypeFlags.Object) {
      if (type.getCallSignatures().length > 0) return 'function';
      const sym = type.aliasSymbol ?? type.getSymbol();
      if (sym?.name === 'Duration' && sym.declarations?.some((d) => /node_modules[\\/]cdk8s[\\/]/.test(d.getSourceFile().fileName))) return 'duration';
      const indexType = type.getStringIndexType();
      if (indexType && type.getProperties().length === 0) return { map: describe(indexType, depth + 1) };
      if (sym && sym.flags & ts.SymbolFlags.Interface && isStruct(sym)) {
        if (!structs.has(sym.name)) { structs.set(sym.name, {}); pending.push(sym); }
        return { struct: sym.name };
      }
      // a class (opskit's, cdk8s's, …): an instance of it, checked by class name along the prototype chain
      if (sym && sym.flags & ts.SymbolFlags.Class) {
        const make = factoriesOf(sym);
        return make.length > 0 ? { instance: sym.name, make } : { instance: sym.name };
      }
      // a behavioural interface (`IRuleSet`, `IConstruct`): an object with its required members
      if (sym && sym.flags & ts.SymbolFlags.Interface && /^I[A-Z]/.test(sym.name)) {
        const members = checker.getPropertiesOfType(type)
          .filter((p) => (p.flags & ts.SymbolFlags.Optional) === 0 && !p.name.startsWith('_'))
          .map((p) => p.name)
          .sort();
        // the exported classes that implement it, named in the problem when they are few
        const by = exportedClasses().filter((c) => checker.isTypeAssignableTo(checker.getDeclaredTypeOfSymbol(c), type)).map((c) => c.name).sort();
        return by.length > 0 && by.length <= 4 ? { iface: sym.name, members, by } : { iface: sym.name, members };
      }
      return 'object';
    }
    return 'any';
  };

  let classes: ts.Symbol[] | undefined;
  const exportedClasses = (): ts.Symbol[] => {
    classes ??= checker.getExportsOfModule(moduleSymbol)
      .map((e) => (e.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(e) : e))
      .filter((e) => (e.flags & ts.SymbolFlags.Class) !== 0);
    return classes;
  };

  /** How a class's instances are made, for the fix of a problem: its static members and factories of its own type (at most 5). */
  const factoriesOf = (sym: ts.Symbol): string[] => {
    const decl = sym.valueDeclaration ?? sym.declarations?.[0];
    if (!decl) return [];
    const statics = checker.getPropertiesOfType(checker.getTypeOfSymbolAtLocation(sym, decl));
    const out: string[] = [];
    for (const member of statics) {
      if (member.name === 'prototype' || member.name.startsWith('_')) continue;
      // a construct's `Chart.of(c)`-style lookup finds an existing one: not a way to make one
      if (member.name === 'of' && checker.getDeclaredTypeOfSymbol(sym).getProperty('node')) continue;
      const mdecl = member.valueDeclaration ?? member.declarations?.[0];
      if (!mdecl || (ts.getCombinedModifierFlags(mdecl) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0) continue;
      const type = checker.getTypeOfSymbolAtLocation(member, mdecl);
      const calls = type.getCallSignatures();
      if (calls.length > 0) {
        if (calls.some((c) => c.getReturnType().getSymbol() === sym)) out.push(`${sym.name}.${member.name}(…)`);
      } else if (type.getSymbol() === sym) {
        out.push(`${sym.name}.${member.name}`);
      }
    }
    return out.slice(0, 5);
  };

  const asInteger = (d: Desc): Desc => {
    if (d === 'number') return 'integer';
    if (typeof d === 'object' && 'list' in d) return { list: asInteger(d.list) };
    if (typeof d === 'object' && 'map' in d) return { map: asInteger(d.map) };
    return d;
  };

  const fill = (sym: ts.Symbol): void => {
    const type = checker.getDeclaredTypeOfSymbol(sym);
    const fields: Record<string, Field> = {};
    for (const prop of checker.getPropertiesOfType(type).slice().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (prop.name.startsWith('_')) continue;
      const decl = prop.valueDeclaration ?? prop.declarations?.[0];
      const optional = (prop.flags & ts.SymbolFlags.Optional) !== 0;
      const propType = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(prop, decl!));
      // `@integer`: the consumer reads the number as an integer (a Go int): fractions and unsafe integers are type errors
      const integer = decl !== undefined && ts.getJSDocTags(decl).some((t) => t.tagName.text === 'integer');
      const t = integer ? asInteger(describe(propType)) : describe(propType);
      fields[prop.name] = optional ? { t, o: 1 } : { t };
    }
    structs.set(sym.name, fields);
  };

  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const sym = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (sym.flags & ts.SymbolFlags.Interface && isStruct(sym) && !structs.has(sym.name)) {
      structs.set(sym.name, {});
      pending.push(sym);
    }
  }
  while (pending.length > 0) fill(pending.shift()!);

  const sortedStructs = [...structs.keys()].sort();
  const sortedEnums = [...enums.keys()].sort();
  const lines = [
    '/* eslint-disable */',
    '// ~~ Generated by test/support/prop-types-generator.ts from the public TypeScript types. Do not edit:',
    '// regenerate with `npx ts-node test/support/prop-types-generator.ts --write`.',
    "import type { PropTypeDescriptor } from '../prop-type-descriptor';",
    '',
    '/** Every public struct (its fields: `t` the type, `o` when optional) and enum (its values). */',
    'export const PROP_TYPES: PropTypeDescriptor = {',
    '  structs: {',
    ...sortedStructs.map((name) => `    ${name}: ${JSON.stringify(structs.get(name))},`),
    '  },',
    '  enums: {',
    ...sortedEnums.map((name) => `    ${name}: ${JSON.stringify(enums.get(name))},`),
    '  },',
    '  closed: {',
    ...Object.keys(CLOSED_STRUCTS).filter((name) => structs.has(name)).sort().map((name) => `    ${name}: ${JSON.stringify(CLOSED_STRUCTS[name].filter((f) => !(f in structs.get(name)!)))},`),
    '  },',
    '};',
    '',
  ];
  return lines.join('\n');
}

if (require.main === module) {
  const text = generatePropTypes();
  if (process.argv.includes('--write')) {
    fs.mkdirSync(path.dirname(PROP_TYPES_FILE), { recursive: true });
    fs.writeFileSync(PROP_TYPES_FILE, text);
  } else {
    process.stdout.write(text);
  }
}
