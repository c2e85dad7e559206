/**
 * English pluralization of kind names as controller-gen does it for its default `names.plural`
 * (`lower(flect.Pluralize(kind))`, gobuffalo/flect v1.0.3), checked against the real controller-gen by
 * test/operator/model/pluralize.controller-gen.test.ts.
 *
 * The steps, in flect's order:
 * 1. the kind is split into words at each uppercase letter that follows a non-uppercase character; only the
 *    last word is inflected (`BackupPolicy` → `BackupPolicies`);
 * 2. a whole kind that is a dictionary singular is replaced by its plural, and one that is already a
 *    dictionary plural is kept (both case-sensitive: `ID` → `IDs`);
 * 3. the last word, lowercased, that is a dictionary plural is kept, and one that is a dictionary singular is
 *    replaced (capitalized like the word);
 * 4. otherwise the first suffix rule whose suffix ends the last word applies — **case-sensitively**, so `Ay`
 *    is not matched by `ay` but by `y` (`Ay` → `Aies`). The rules are, first, one per dictionary word that
 *    is not marked exact (compound words: `Fireman` → `Firemen`), last word of the dictionary first, then the
 *    suffix rules below in order; before each rule comes a rule that keeps words already ending in its plural
 *    suffix (`Nova` ends in `ova`, the plural of `ovum`, so it is kept);
 * 5. a last word ending in `s` (any case) is kept; anything else gets `s`.
 *
 * Known difference: flect also splits after a run of capitals that is one of its acronyms (`HTTPMan` →
 * `HTTP` + `Man`); opskit does not keep that list, which changes the plural only when the word after the
 * acronym is itself an exact dictionary word (e.g. `HTTPAxis`). Give `plural` explicitly for such kinds.
 *
 * @see https://github.com/gobuffalo/flect
 * @see https://book.kubebuilder.io/reference/markers/crd.html
 */

/**
 * flect's dictionary (v1.0.3) as `singular plural` pairs. Flags after the pair: `!` exact (no compound-word
 * rule), `>` one-way (the plural is not recognised as a plural), `|alt` another plural that is recognised as
 * one. An uncountable word is a single word.
 */
const DICTIONARY = `
aircraft aircraft; beef beef |beefs; bison bison; blues blues >; chassis chassis; deer deer; fish fish |fishes;
moose moose; police police; salmon salmon |salmons; series series; sheep sheep; shrimp shrimp |shrimps;
species species; swine swine |swines; trout trout |trouts; tuna tuna |tunas; you you;
child children; ox oxen !; foot feet; goose geese; man men; human humans; louse lice !; mouse mice; tooth teeth;
woman women; die dice !; person people;
adieu adieux |adieus; fabliau fabliaux; bureau bureaus |bureaux;
criterion criteria; ganglion ganglia |ganglions; lexicon lexica |lexicons; mitochondrion mitochondria |mitochondrions;
noumenon noumena; phenomenon phenomena; taxon taxa;
media media; medium media |mediums >; stadium stadiums |stadia; aquarium aquaria |aquariums;
auditorium auditoria |auditoriums; symposium symposia |symposiums; curriculum curriculums |curricula; quota quotas;
alumnus alumni |alumnuses; bacillus bacilli; cactus cacti |cactuses; coccus cocci; focus foci |focuses;
locus loci |locuses; nucleus nuclei |nucleuses; octopus octupuses |octopi; radius radii |radiuses; syllabus syllabi;
corpus corpora |corpuses; genus genera;
alumna alumnae; vertebra vertebrae; differentia differentiae; minutia minutiae; vita vitae; larva larvae;
postcava postcavae; praecava praecavae; uva uvae;
apex apices |apexes; codex codices |codexes; index indices |indexes; latex latices |latexes; vertex vertices |vertexes;
vortex vortices |vortexes; appendix appendices |appendixes; radix radices |radixes; helix helices |helixes;
axis axes !; crisis crises; ellipsis ellipses >; genesis geneses; oasis oases; thesis theses; testis testes;
base bases; basis bases >; alias aliases !; vedalia vedalias;
use uses !; abuse abuses; cause causes; clause clauses; cruse cruses; excuse excuses; fuse fuses; house houses;
misuse misuses; muse muses; pause pauses; ache aches; topaz topazes; buffalo buffaloes |buffalos; potato potatoes;
tomato tomatoes;
equipment; information; jeans; money; news; rice;
dwarf dwarfs |dwarves; hoof hoofs |hooves; thief thieves; chive chives; hive hives; move moves; movie movies;
cookie cookies; pretorium pretoriums; agenda agendas; formula formulas |formulae; shoe shoes; toe toes !;
graffiti graffiti; ID IDs !
`;

/** Suffix rules in priority order: singular suffix and plural suffix. */
const SUFFIXES = `
tive tives; eaf eaves; oaf oaves; afe aves; arf arves; rfe rves; rf rves; lf lves; fe ves;
ay ays; ey eys; oy oys; quy quies; uy uys; y ies; eau eaux;
bula bulae; dula bulae; lula bulae; nula bulae; vula bulae; hedron hedra;
ium ia; seum seums; eum ea; oum oa; stracum straca; dum da; elum ela; ilum ila; olum ola; ulum ula; llum lla;
ylum yla; imum ima; ernum erna; gnum gna; brum bra; crum cra; terum tera; serum sera; trum tra; antum anta;
atum ata; entum enta; etum eta; itum ita; otum ota; utum uta; ctum cta; ovum ova; trix trices;
iasis iases; mesis meses; kinesis kineses; resis reses; gnosis gnoses; opsis opses; ysis yses;
ouse ouses; lause lauses; us uses; ch ches; io ios; sh shes; ss sses; ez ezzes; iz izzes; tz tzes; zz zzes;
ano anos; lo los; to tos; oo oos; o oes; x xes; S Ses
`;

interface Word { singular: string; plural: string; exact: boolean; oneWay: boolean; alternative?: string }

function parseWords(text: string): Word[] {
  return text.split(';').map((e) => e.trim()).filter(Boolean).map((entry) => {
    const tokens = entry.split(/\s+/);
    const [singular, second] = tokens;
    const plural = second !== undefined && !/^[!>|]/.test(second) ? second : singular;
    const alternative = tokens.find((t) => t.startsWith('|'))?.slice(1);
    return { singular, plural, exact: tokens.includes('!'), oneWay: tokens.includes('>'), alternative };
  });
}

const WORDS = parseWords(DICTIONARY);

/** Dictionary singular → plural (case-sensitive keys). */
const SINGULAR_TO_PLURAL = new Map(WORDS.map((w) => [w.singular, w.plural]));

/** Words recognised as plurals (so kept as they are). */
const KNOWN_PLURALS = new Set(WORDS.filter((w) => !w.oneWay).flatMap((w) => (w.alternative ? [w.plural, w.alternative] : [w.plural])));

/** A rule: a word ending in `suffix` gets `replacement` instead (`undefined`: kept as it is). */
interface Rule { readonly suffix: string; readonly replacement?: string }

/** Every suffix rule in the order they are tried (see step 4 above). */
const RULES: readonly Rule[] = (() => {
  const pairs: Array<[string, string]> = [
    ...WORDS.filter((w) => !w.exact).reverse().map((w): [string, string] => [w.singular, w.plural]),
    ...parseWords(SUFFIXES).map((w): [string, string] => [w.singular, w.plural]),
  ];
  return pairs.flatMap(([singular, plural]) => [{ suffix: plural }, { suffix: singular, replacement: plural }]);
})();

/** The last word of a kind: from the last uppercase letter that follows a non-uppercase character. */
function lastWord(s: string): string {
  let start = 0;
  for (let i = 1; i < s.length; i++) {
    const upper = isUpper(s[i]);
    if (upper && !isUpper(s[i - 1])) start = i;
  }
  return s.slice(start);
}

function isUpper(c: string): boolean {
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

function capitalize(s: string): string {
  return s.length === 0 ? s : s[0].toUpperCase() + s.slice(1);
}

/** Pluralizes an English word or CamelCase kind as flect does (case kept). */
export function pluralize(word: string): string {
  if (word.length === 0) return '';
  const last = lastWord(word);
  const prefix = word.slice(0, word.length - last.length);
  const whole = SINGULAR_TO_PLURAL.get(word);
  if (whole !== undefined) return whole;
  if (KNOWN_PLURALS.has(word)) return word;
  const lower = last.toLowerCase();
  if (KNOWN_PLURALS.has(lower)) return word;
  const irregular = SINGULAR_TO_PLURAL.get(lower);
  if (irregular !== undefined) return prefix + (last === capitalize(last) ? capitalize(irregular) : irregular);
  for (const rule of RULES) {
    if (!last.endsWith(rule.suffix)) continue;
    return rule.replacement === undefined ? word : prefix + last.slice(0, last.length - rule.suffix.length) + rule.replacement;
  }
  if (lower.endsWith('s')) return word;
  return word + 's';
}

/** controller-gen's default plural resource name of a kind: `lower(pluralize(kind))`. */
export function defaultPlural(kind: string): string {
  return pluralize(kind).toLowerCase();
}
