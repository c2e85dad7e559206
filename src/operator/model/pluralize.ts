/**
 * English pluralization of kind names, following the behaviour of the `flect` library that
 * controller-gen uses for its default `names.plural` (`lower(flect.Pluralize(kind))`).
 *
 * Like flect, only the last word of a CamelCase kind is inflected (`BackupPolicy` → `BackupPolicies`);
 * irregular words are looked up first, then suffix rules in priority order, then words ending in `s`
 * are kept, and everything else gets an `s`.
 *
 * @see https://github.com/gobuffalo/flect
 * @see https://book.kubebuilder.io/reference/markers/crd.html
 */

/** Irregular words (lowercase singular → plural). */
const IRREGULAR: { [singular: string]: string } = {
  person: 'people',
  child: 'children',
  man: 'men',
  woman: 'women',
  human: 'humans',
  foot: 'feet',
  goose: 'geese',
  tooth: 'teeth',
  mouse: 'mice',
  ox: 'oxen',
  die: 'dice',
  criterion: 'criteria',
  phenomenon: 'phenomena',
  medium: 'media',
  media: 'media',
  stadium: 'stadiums',
  index: 'indices',
  vertex: 'vertices',
  vortex: 'vortices',
  apex: 'apices',
  codex: 'codices',
  appendix: 'appendices',
  radix: 'radices',
  helix: 'helices',
  axis: 'axes',
  crisis: 'crises',
  thesis: 'theses',
  basis: 'bases',
  base: 'bases',
  alias: 'aliases',
  use: 'uses',
  house: 'houses',
  cause: 'causes',
  clause: 'clauses',
  pause: 'pauses',
  potato: 'potatoes',
  tomato: 'tomatoes',
  focus: 'foci',
  radius: 'radii',
  cactus: 'cacti',
  nucleus: 'nuclei',
  syllabus: 'syllabi',
  corpus: 'corpora',
  genus: 'genera',
  quota: 'quotas',
  agenda: 'agendas',
  formula: 'formulas',
  movie: 'movies',
  cookie: 'cookies',
  hive: 'hives',
  move: 'moves',
  chive: 'chives',
  thief: 'thieves',
  dwarf: 'dwarfs',
  hoof: 'hoofs',
  shoe: 'shoes',
  toe: 'toes',
  curriculum: 'curriculums',
  bureau: 'bureaus',
  id: 'ids',
  // identical singular and plural, and uncountables
  aircraft: 'aircraft',
  bison: 'bison',
  chassis: 'chassis',
  deer: 'deer',
  fish: 'fish',
  moose: 'moose',
  police: 'police',
  salmon: 'salmon',
  series: 'series',
  sheep: 'sheep',
  shrimp: 'shrimp',
  species: 'species',
  swine: 'swine',
  trout: 'trout',
  tuna: 'tuna',
  equipment: 'equipment',
  information: 'information',
  jeans: 'jeans',
  money: 'money',
  news: 'news',
  rice: 'rice',
  data: 'data',
};

/** Suffix rules in priority order: [singular suffix, plural suffix]. */
const SUFFIX_RULES: ReadonlyArray<readonly [string, string]> = [
  ['tive', 'tives'], ['eaf', 'eaves'], ['oaf', 'oaves'], ['afe', 'aves'], ['arf', 'arves'],
  ['rfe', 'rves'], ['rf', 'rves'], ['lf', 'lves'], ['fe', 'ves'],
  ['ay', 'ays'], ['ey', 'eys'], ['oy', 'oys'], ['quy', 'quies'], ['uy', 'uys'], ['y', 'ies'],
  ['eau', 'eaux'], ['hedron', 'hedra'], ['ium', 'ia'], ['seum', 'seums'], ['eum', 'ea'], ['dum', 'da'],
  ['imum', 'ima'], ['trum', 'tra'], ['atum', 'ata'], ['ctum', 'cta'], ['trix', 'trices'],
  ['ysis', 'yses'], ['opsis', 'opses'], ['gnosis', 'gnoses'],
  ['ouse', 'ouses'], ['lause', 'lauses'], ['us', 'uses'],
  ['ch', 'ches'], ['io', 'ios'], ['sh', 'shes'], ['ss', 'sses'], ['ez', 'ezzes'], ['iz', 'izzes'],
  ['tz', 'tzes'], ['zz', 'zzes'], ['ano', 'anos'], ['lo', 'los'], ['to', 'tos'], ['oo', 'oos'],
  ['o', 'oes'], ['x', 'xes'],
];

/** The last word of a CamelCase / snake / kebab identifier, with the prefix before it. */
function splitLastWord(s: string): [string, string] {
  const m = /^(.*?)([A-Z]?[a-z0-9]+|[A-Z]+)$/.exec(s);
  if (!m) return ['', s];
  return [m[1], m[2]];
}

/** Pluralizes an English word or CamelCase kind (case of the input kept as far as possible). */
export function pluralize(word: string): string {
  if (word.length === 0) return '';
  const [prefix, last] = splitLastWord(word);
  const lower = last.toLowerCase();
  const capital = last[0] !== last[0].toLowerCase();
  const irregular = IRREGULAR[lower];
  const pluralValues = Object.values(IRREGULAR);
  if (irregular !== undefined) {
    return prefix + (capital ? irregular[0].toUpperCase() + irregular.slice(1) : irregular);
  }
  if (pluralValues.includes(lower)) return word;
  for (const [singular, plural] of SUFFIX_RULES) {
    if (lower.endsWith(plural)) return word;
    if (lower.endsWith(singular)) {
      return prefix + last.slice(0, last.length - singular.length) + plural;
    }
  }
  if (lower.endsWith('s')) return word;
  return word + 's';
}

/** controller-gen's default plural resource name of a kind: `lower(pluralize(kind))`. */
export function defaultPlural(kind: string): string {
  return pluralize(kind).toLowerCase();
}
