/**
 * The functions the API server declares for CRD validation rules at its default compatibility version 1.36
 * (k8s.io/apiserver v0.37 `environment.MustBaseEnvSet(DefaultCompatibilityVersion()).NewExpressionsEnv()`):
 * standard CEL with cross-type numeric comparisons and optional types, the strings (v2), sets and lists (v3)
 * extensions, and the Kubernetes libraries URLs, regex, lists (v0), authz (+ selectors, no `authorizer` variable
 * in CRDs), quantity, IP, CIDR, format and semver. Two-variable comprehensions are macros handled by the checker.
 *
 * Each overload has the id cel-go gives it: the cost estimator is keyed on it.
 */
import { CelType, T } from './cel-types';

/** One overload of a function. */
export interface Overload {
  readonly id: string;
  /** Receiver-style (`x.f(y)`): the first argument is the target. */
  readonly member: boolean;
  readonly args: readonly CelType[];
  readonly result: CelType;
}

const OPAQUE: { [name: string]: string } = {
  Quantity: 'kubernetes.Quantity',
  URL: 'kubernetes.URL',
  IP: 'net.IP',
  CIDR: 'net.CIDR',
  Semver: 'kubernetes.Semver',
  NamedFormat: 'kubernetes.NamedFormat',
  Authorizer: 'kubernetes.authorization.Authorizer',
  PathCheck: 'kubernetes.authorization.PathCheck',
  GroupCheck: 'kubernetes.authorization.GroupCheck',
  ResourceCheck: 'kubernetes.authorization.ResourceCheck',
  Decision: 'kubernetes.authorization.Decision',
};

/** Parses a type written as in the table below (`list(A)`, `map(K, V)`, `optional(V)`, `timestamp`, `Quantity`). */
function parseType(src: string): CelType {
  let pos = 0;
  const read = (): CelType => {
    const m = /^\s*([A-Za-z_]+)/.exec(src.slice(pos));
    if (!m) throw new Error(`bad type ${src}`);
    pos += m[0].length;
    const name = m[1];
    const params: CelType[] = [];
    if (src[pos] === '(') {
      pos++;
      for (;;) {
        params.push(read());
        const sep = /^\s*([,)])/.exec(src.slice(pos))!;
        pos += sep[0].length;
        if (sep[1] === ')') break;
      }
    }
    if (name === 'list') return T.list(params[0]);
    if (name === 'map') return T.map(params[0], params[1]);
    if (name === 'optional') return T.optional(params[0]);
    if (name === 'type') return T.type(params[0]);
    if (/^[A-Z]$/.test(name)) return T.param(name);
    if (OPAQUE[name]) return T.opaque(OPAQUE[name]);
    const simple = (T as any)[name];
    if (simple && typeof simple === 'object') return simple;
    throw new Error(`bad type ${name}`);
  };
  return read();
}

const table = new Map<string, Overload[]>();

/** Declares `fn` overloads written `id: arg, arg -> result` (a leading `.` marks a member overload). */
function def(fn: string, ...sigs: string[]): void {
  const list = table.get(fn) ?? [];
  for (const sig of sigs) {
    const m = /^(\.?)([^:]+):\s*(.*?)\s*->\s*(.+)$/.exec(sig);
    if (!m) throw new Error(`bad signature ${sig}`);
    const args = m[3] === '' ? [] : splitTop(m[3]).map(parseType);
    list.push({ id: m[2].trim(), member: m[1] === '.', args, result: parseType(m[4]) });
  }
  table.set(fn, list);
}

function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of s) {
    if (c === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
      continue;
    }
    if (c === '(') depth++;
    if (c === ')') depth--;
    cur += c;
  }
  out.push(cur.trim());
  return out;
}

const NUM = ['int64:int', 'uint64:uint', 'double:double'];
const ORDERED: [string, string][] = [['bool', 'bool'], ['int64', 'int'], ['uint64', 'uint'], ['double', 'double'], ['string', 'string'], ['bytes', 'bytes'], ['timestamp', 'timestamp'], ['duration', 'duration']];
const CROSS: [string, string, string][] = [['int64_double', 'int', 'double'], ['int64_uint64', 'int', 'uint'], ['uint64_double', 'uint', 'double'], ['uint64_int64', 'uint', 'int'], ['double_int64', 'double', 'int'], ['double_uint64', 'double', 'uint']];

// standard library
def('!_', 'logical_not: bool -> bool');
def('-_', 'negate_double: double -> double', 'negate_int64: int -> int');
def('@not_strictly_false', 'not_strictly_false: bool -> bool');
def('__not_strictly_false__', '__not_strictly_false__: bool -> bool');
def('_&&_', 'logical_and: bool, bool -> bool');
def('_||_', 'logical_or: bool, bool -> bool');
def('_?_:_', 'conditional: bool, A, A -> A');
def('_==_', 'equals: A, A -> bool');
def('_!=_', 'not_equals: A, A -> bool');
for (const [op, name] of [['_<_', 'less'], ['_<=_', 'less_equals'], ['_>_', 'greater'], ['_>=_', 'greater_equals']]) {
  def(op, ...ORDERED.map(([id, t]) => `${name}_${id}: ${t}, ${t} -> bool`), ...CROSS.map(([id, a, b]) => `${name}_${id}: ${a}, ${b} -> bool`));
}
def('_+_', ...NUM.map((n) => `add_${n.split(':')[0]}: ${n.split(':')[1]}, ${n.split(':')[1]} -> ${n.split(':')[1]}`),
  'add_string: string, string -> string', 'add_bytes: bytes, bytes -> bytes', 'add_list: list(A), list(A) -> list(A)',
  'add_duration_duration: duration, duration -> duration', 'add_duration_timestamp: duration, timestamp -> timestamp',
  'add_timestamp_duration: timestamp, duration -> timestamp');
def('_-_', ...NUM.map((n) => `subtract_${n.split(':')[0]}: ${n.split(':')[1]}, ${n.split(':')[1]} -> ${n.split(':')[1]}`),
  'subtract_duration_duration: duration, duration -> duration', 'subtract_timestamp_duration: timestamp, duration -> timestamp',
  'subtract_timestamp_timestamp: timestamp, timestamp -> duration');
def('_*_', ...NUM.map((n) => `multiply_${n.split(':')[0]}: ${n.split(':')[1]}, ${n.split(':')[1]} -> ${n.split(':')[1]}`));
def('_/_', ...NUM.map((n) => `divide_${n.split(':')[0]}: ${n.split(':')[1]}, ${n.split(':')[1]} -> ${n.split(':')[1]}`));
def('_%_', 'modulo_int64: int, int -> int', 'modulo_uint64: uint, uint -> uint');
def('_[_]', 'index_list: list(A), int -> A', 'index_map: map(A, B), A -> B',
  'optional_list_index_int: optional(list(V)), int -> optional(V)', 'optional_map_index_value: optional(map(K, V)), K -> optional(V)');
def('_[?_]', 'list_optindex_optional_int: list(V), int -> optional(V)', 'optional_list_optindex_optional_int: optional(list(V)), int -> optional(V)',
  'map_optindex_optional_value: map(K, V), K -> optional(V)', 'optional_map_optindex_optional_value: optional(map(K, V)), K -> optional(V)');
for (const fn of ['@in', '_in_', 'in']) def(fn, 'in_list: A, list(A) -> bool', 'in_map: A, map(A, B) -> bool');
def('size', 'size_bytes: bytes -> int', '.bytes_size: bytes -> int', 'size_list: list(A) -> int', '.list_size: list(A) -> int',
  'size_map: map(A, B) -> int', '.map_size: map(A, B) -> int', 'size_string: string -> int', '.string_size: string -> int');
def('contains', '.contains_string: string, string -> bool');
def('endsWith', '.ends_with_string: string, string -> bool');
def('startsWith', '.starts_with_string: string, string -> bool');
def('matches', 'matches: string, string -> bool', '.matches_string: string, string -> bool');
def('bool', 'bool_to_bool: bool -> bool', 'string_to_bool: string -> bool');
def('bytes', 'bytes_to_bytes: bytes -> bytes', 'string_to_bytes: string -> bytes');
def('double', 'double_to_double: double -> double', 'int64_to_double: int -> double', 'string_to_double: string -> double', 'uint64_to_double: uint -> double');
def('int', 'int64_to_int64: int -> int', 'double_to_int64: double -> int', 'duration_to_int64: duration -> int', 'string_to_int64: string -> int',
  'timestamp_to_int64: timestamp -> int', 'uint64_to_int64: uint -> int');
def('uint', 'uint64_to_uint64: uint -> uint', 'double_to_uint64: double -> uint', 'int64_to_uint64: int -> uint', 'string_to_uint64: string -> uint');
def('string', 'string_to_string: string -> string', 'bool_to_string: bool -> string', 'bytes_to_string: bytes -> string',
  'double_to_string: double -> string', 'duration_to_string: duration -> string', 'int64_to_string: int -> string',
  'timestamp_to_string: timestamp -> string', 'uint64_to_string: uint -> string', 'ip_to_string: IP -> string', 'cidr_to_string: CIDR -> string');
def('duration', 'duration_to_duration: duration -> duration', 'string_to_duration: string -> duration');
def('timestamp', 'timestamp_to_timestamp: timestamp -> timestamp', 'int64_to_timestamp: int -> timestamp', 'string_to_timestamp: string -> timestamp');
def('dyn', 'to_dyn: A -> dyn');
def('type', 'type: A -> type(A)');
for (const [fn, id] of [['getDate', 'day_of_month_1_based'], ['getDayOfMonth', 'day_of_month'], ['getDayOfWeek', 'day_of_week'], ['getDayOfYear', 'day_of_year'],
  ['getFullYear', 'year'], ['getMonth', 'month'], ['getHours', 'hours'], ['getMilliseconds', 'milliseconds'], ['getMinutes', 'minutes'], ['getSeconds', 'seconds']]) {
  const tz = fn === 'getSeconds' ? 'timestamp_to_seconds_tz' : `timestamp_to_${id}_with_tz`;
  def(fn, `.timestamp_to_${id}: timestamp -> int`, `.${tz}: timestamp, string -> int`);
  if (['getHours', 'getMilliseconds', 'getMinutes', 'getSeconds'].includes(fn)) def(fn, `.duration_to_${id}: duration -> int`);
}
// optional types
def('optional.none', 'optional_none:  -> optional(V)');
def('optional.of', 'optional_of: V -> optional(V)');
def('optional.ofNonZeroValue', 'optional_ofNonZeroValue: V -> optional(V)');
def('optional.unwrap', 'optional_unwrap: list(optional(V)) -> list(V)');
def('unwrapOpt', '.optional_unwrapOpt: list(optional(V)) -> list(V)');
def('hasValue', '.optional_hasValue: optional(V) -> bool');
def('value', '.optional_value: optional(V) -> V');
def('or', '.optional_or_optional: optional(V), optional(V) -> optional(V)');
def('orValue', '.optional_orValue_value: optional(V), V -> V');
// strings extension v2
def('charAt', '.string_char_at_int: string, int -> string');
def('indexOf', '.string_index_of_string: string, string -> int', '.string_index_of_string_int: string, string, int -> int', '.list_a_index_of_int: list(A), A -> int');
def('lastIndexOf', '.string_last_index_of_string: string, string -> int', '.string_last_index_of_string_int: string, string, int -> int', '.list_a_last_index_of_int: list(A), A -> int');
def('lowerAscii', '.string_lower_ascii: string -> string');
def('upperAscii', '.string_upper_ascii: string -> string');
def('replace', '.string_replace_string_string: string, string, string -> string', '.string_replace_string_string_int: string, string, string, int -> string');
def('split', '.string_split_string: string, string -> list(string)', '.string_split_string_int: string, string, int -> list(string)');
def('substring', '.string_substring_int: string, int -> string', '.string_substring_int_int: string, int, int -> string');
def('trim', '.string_trim: string -> string');
def('join', '.list_join: list(string) -> string', '.list_join_string: list(string), string -> string');
def('strings.quote', 'strings_quote: string -> string');
def('format', '.string_format: string, list(dyn) -> string');
// sets extension
for (const fn of ['contains', 'equivalent', 'intersects']) def(`sets.${fn}`, `list_sets_${fn}_list: list(T), list(T) -> bool`);
// lists extension v3
const SORTABLE: [string, string][] = [['int', 'int'], ['uint', 'uint'], ['double', 'double'], ['bool', 'bool'], ['google.protobuf.Duration', 'duration'],
  ['google.protobuf.Timestamp', 'timestamp'], ['string', 'string'], ['bytes', 'bytes']];
def('distinct', '.list_distinct: list(T) -> list(T)');
def('first', '.list_first: list(V) -> optional(V)');
def('last', '.list_last: list(V) -> optional(V)');
def('flatten', '.list_flatten: list(list(T)) -> list(T)', '.list_flatten_int: list(dyn), int -> list(dyn)');
def('lists.range', 'lists_range: int -> list(int)');
def('reverse', '.list_reverse: list(T) -> list(T)');
def('slice', '.list_slice: list(T), int, int -> list(T)');
def('sort', ...SORTABLE.map(([id, t]) => `.list_${id}_sort: list(${t}) -> list(${t})`));
def('@sortByAssociatedKeys', ...SORTABLE.map(([id, t]) => `.list_${id}_sortByAssociatedKeys: list(T), list(${t}) -> list(T)`));
// Kubernetes lists (v0)
const LIST_ORDERED: [string, string][] = [['int', 'int'], ['uint', 'uint'], ['double', 'double'], ['bool', 'bool'], ['duration', 'duration'], ['timestamp', 'timestamp'], ['string', 'string'], ['bytes', 'bytes']];
def('isSorted', ...LIST_ORDERED.map(([id, t]) => `.list_${id}_is_sorted_bool: list(${t}) -> bool`));
def('sum', ...[['int', 'int'], ['uint', 'uint'], ['double', 'double'], ['duration', 'duration']].map(([id, t]) => `.list_${id}_sum_${id}: list(${t}) -> ${t}`));
def('min', ...LIST_ORDERED.map(([id, t]) => `.list_${id}_min_${id}: list(${t}) -> ${t}`));
def('max', ...LIST_ORDERED.map(([id, t]) => `.list_${id}_max_${id}: list(${t}) -> ${t}`));
// Kubernetes regex, URLs
def('find', '.string_find_string: string, string -> string');
def('findAll', '.string_find_all_string: string, string -> list(string)', '.string_find_all_string_int: string, string, int -> list(string)');
def('url', 'string_to_url: string -> URL');
def('isURL', 'is_url_string: string -> bool');
for (const [fn, id] of [['getScheme', 'scheme'], ['getHost', 'host'], ['getHostname', 'hostname'], ['getPort', 'port'], ['getEscapedPath', 'escaped_path']]) {
  def(fn, `.url_get_${id}: URL -> string`);
}
def('getQuery', '.url_get_query: URL -> map(string, list(string))');
// Kubernetes quantity
def('quantity', 'string_to_quantity: string -> Quantity');
def('isQuantity', 'is_quantity_string: string -> bool');
def('sign', 'quantity_sign: Quantity -> int');
def('isInteger', '.quantity_is_integer: Quantity -> bool');
def('asInteger', '.quantity_get_int: Quantity -> int');
def('asApproximateFloat', '.quantity_get_float: Quantity -> double');
def('add', '.quantity_add: Quantity, Quantity -> Quantity', '.quantity_add_int: Quantity, int -> Quantity');
def('sub', '.quantity_sub: Quantity, Quantity -> Quantity', '.quantity_sub_int: Quantity, int -> Quantity');
def('isLessThan', '.quantity_is_less_than: Quantity, Quantity -> bool', '.semver_is_less_than: Semver, Semver -> bool');
def('isGreaterThan', '.quantity_is_greater_than: Quantity, Quantity -> bool', '.semver_is_greater_than: Semver, Semver -> bool');
def('compareTo', '.quantity_compare_to: Quantity, Quantity -> int', '.semver_compare_to: Semver, Semver -> int');
// Kubernetes IP and CIDR
def('ip', 'string_to_ip: string -> IP', '.cidr_ip: CIDR -> IP');
def('isIP', 'is_ip: string -> bool');
def('ip.isCanonical', 'ip_is_canonical: string -> bool');
def('family', '.ip_family: IP -> int');
for (const [fn, id] of [['isUnspecified', 'unspecified'], ['isLoopback', 'loopback'], ['isLinkLocalMulticast', 'link_local_multicast'], ['isLinkLocalUnicast', 'link_local_unicast'], ['isGlobalUnicast', 'global_unicast']]) {
  def(fn, `.ip_is_${id}: IP -> bool`);
}
def('cidr', 'string_to_cidr: string -> CIDR');
def('isCIDR', 'is_cidr: string -> bool');
def('containsIP', '.cidr_contains_ip_string: CIDR, string -> bool', '.cidr_contains_ip_ip: CIDR, IP -> bool');
def('containsCIDR', '.cidr_contains_cidr_string: CIDR, string -> bool', '.cidr_contains_cidr: CIDR, CIDR -> bool');
def('masked', '.cidr_masked: CIDR -> CIDR');
def('prefixLength', '.cidr_prefix_length: CIDR -> int');
// Kubernetes format
export const NAMED_FORMATS = ['byte', 'date', 'datetime', 'dns1035Label', 'dns1035LabelPrefix', 'dns1123Label', 'dns1123LabelPrefix', 'dns1123Subdomain',
  'dns1123SubdomainPrefix', 'labelValue', 'qualifiedName', 'uri', 'uuid'];
for (const f of NAMED_FORMATS) def(`format.${f}`, `format.${f}:  -> NamedFormat`);
def('format.named', 'format-named: string -> optional(NamedFormat)');
def('validate', '.format-validate: NamedFormat, string -> optional(list(string))');
// Kubernetes semver (v1)
def('semver', 'string_to_semver: string -> Semver', 'string_bool_to_semver: string, bool -> Semver');
def('isSemver', 'is_semver_string: string -> bool', 'is_semver_string_bool: string, bool -> bool');
for (const f of ['major', 'minor', 'patch']) def(f, `.semver_${f}: Semver -> int`);
// Kubernetes authz (declared, but CRD rules have no authorizer variable to call them on)
def('path', '.authorizer_path: Authorizer, string -> PathCheck');
def('group', '.authorizer_group: Authorizer, string -> GroupCheck');
def('serviceAccount', '.authorizer_serviceaccount: Authorizer, string, string -> Authorizer');
def('resource', '.groupcheck_resource: GroupCheck, string -> ResourceCheck');
for (const f of ['subresource', 'namespace', 'name']) def(f, `.resourcecheck_${f}: ResourceCheck, string -> ResourceCheck`);
def('fieldSelector', '.authorizer_fieldselector: ResourceCheck, string -> ResourceCheck');
def('labelSelector', '.authorizer_labelselector: ResourceCheck, string -> ResourceCheck');
def('check', '.pathcheck_check: PathCheck, string -> Decision', '.resourcecheck_check: ResourceCheck, string -> Decision');
def('allowed', '.decision_allowed: Decision -> bool');
def('errored', '.decision_errored: Decision -> bool');
def('reason', '.decision_reason: Decision -> string');
def('error', '.decision_error: Decision -> string');

/** The overloads of a function name, or undefined when the API server declares no such function. */
export function lookupFunction(name: string): readonly Overload[] | undefined {
  return table.get(name);
}

/** Every declared function name (tests compare the table with the real environment). */
export function declaredFunctions(): string[] {
  return [...table.keys()].sort();
}

/** Identifiers that name types (`int`, `list`, `google.protobuf.Timestamp`, ...), as values of type `type`. */
export function typeIdent(name: string): CelType | undefined {
  const simple: { [k: string]: CelType } = {
    'bool': T.bool,
    'int': T.int,
    'uint': T.uint,
    'double': T.double,
    'string': T.string,
    'bytes': T.bytes,
    'null_type': T.null,
    'type': T.type(),
    'list': T.list(T.dyn),
    'map': T.map(T.dyn, T.dyn),
    'dyn': T.dyn,
    'google.protobuf.Timestamp': T.timestamp,
    'google.protobuf.Duration': T.duration,
    'optional_type': T.optional(T.dyn),
  };
  for (const full of Object.values(OPAQUE)) simple[full] = T.opaque(full);
  const t = simple[name];
  return t ? T.type(t) : undefined;
}
