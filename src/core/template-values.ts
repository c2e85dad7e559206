// types only: `problem.ts`, which pure model code imports, reads `isTemplateValueNumber` from here
import type { IResolver, ResolutionContext } from 'cdk8s';
import type { IConstruct } from 'constructs';

/**
 * Values a template fills in at install time (Helm values), as tokens that stand in construct props.
 *
 * cdk8s has no string tokens of its own (its `Lazy` and implicit tokens replace whole values), so opskit keeps one
 * small registry per construct tree, as the kind registry: each value registered under its path gets
 * - a **word** (`opskithv<n>z`, letters and digits only) that stands for it inside any text — a whole string or a
 *   part of one (`ghcr.io/acme/backup:${tag}`) — and passes the name, label, tag and identifier grammars props
 *   are checked with;
 * - a **number** (a double no program writes: sign and exponent bits `0xFBFF`, the value's index below) for number
 *   props;
 * - **token objects** (`TemplateValueToken`) for booleans, objects and lists, resolved by cdk8s's implicit-token
 *   resolver (they have `resolve()`), so they work in any cdk8s app.
 *
 * Every manifest resolves the tokens to the values' defaults (`TEMPLATE_VALUE_RESOLVER`, installed by `OpsApp`,
 * and artifacts' text through `resolveTextDefaults`); only a construct that writes templates (`HelmChart`) reads
 * the objects with the tokens kept (`keepingTokens`), and turns them into template code. The definition itself is
 * opaque here: the Helm domain owns it.
 */
export interface TemplateValueDefinition {
  /** The value's path (unique in the tree). */
  readonly path: string;
  /** The default, a JSON value. */
  readonly default: unknown;
}

/** One registered value with its tokens. */
export interface RegisteredTemplateValue {
  readonly definition: TemplateValueDefinition;
  /** The word that stands for the value in text. */
  readonly word: string;
  /** The word a token object becomes while tokens are kept (a whole value, never part of a text). */
  readonly wholeWord: string;
  /** The number that stands for the value in a number prop. */
  readonly number: number;
}

/** The registry of each root, and of each construct asked about (its root's). */
const REGISTRIES = new WeakMap<IConstruct, TemplateValues>();
/** The high 16 bits of every number that stands for a value. */
const NUMBER_MARK = 0xFBFF;
const WORD = /opskith[vw](\d+)z/g;
/** What every word of a template value starts with. */
const WORD_PREFIX = 'opskith';
const ANY_WORD = /opskith[vw]\d+z/;

/**
 * The first word of a template value (of any tree) in a file's text or UTF-8 bytes, to find one left in an output.
 * Bytes are searched as bytes (a word is ASCII, whose bytes occur in UTF-8 only as those characters).
 */
export function firstTemplateValueWord(content: string | Buffer): string | undefined {
  if (typeof content === 'string') return ANY_WORD.exec(content)?.[0];
  for (let at = content.indexOf(WORD_PREFIX); at >= 0; at = content.indexOf(WORD_PREFIX, at + 1)) {
    let end = at + WORD_PREFIX.length;
    if (content[end] !== 0x76 && content[end] !== 0x77) continue; // v, w
    const digits = ++end;
    while (content[end] >= 0x30 && content[end] <= 0x39) end++;
    if (end > digits && content[end] === 0x7a) return content.toString('latin1', at, end + 1); // z
  }
  return undefined;
}
const WHOLE_WORD = /^opskithw(\d+)z$/;

/** Whether a number is the stand-in of a template value (of any tree): its sign and exponent bits are `0xFBFF`. */
export function isTemplateValueNumber(n: unknown): boolean {
  if (typeof n !== 'number') return false;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, n);
  return view.getUint16(0) === NUMBER_MARK;
}

/** A boolean, object or list value standing in a prop: cdk8s resolves it with `resolve()`. */
export class TemplateValueToken {
  /** Whether a value is a token object. */
  public static isToken(x: unknown): x is TemplateValueToken {
    return x instanceof TemplateValueToken;
  }

  /** The value the token stands for. */
  public readonly value!: RegisteredTemplateValue;
  private readonly registry!: TemplateValues;

  /** @internal */
  public constructor(registry: TemplateValues, value: RegisteredTemplateValue) {
    // not enumerable: a copy of the token (`{ ...token }`) is an empty object, never a copy of the registry
    Object.defineProperty(this, 'registry', { value: registry, enumerable: false });
    Object.defineProperty(this, 'value', { value, enumerable: false });
  }

  /** The default (a copy), or, while tokens are kept, the value's whole word. */
  public resolve(): unknown {
    return this.registry.keepingTokens ? this.value.wholeWord : JSON.parse(JSON.stringify(this.value.definition.default));
  }

  /**
   * The value's whole word: a copy of the props made with JSON (`JSON.parse(JSON.stringify(…))`) keeps the value,
   * and every manifest still resolves it to the default.
   *
   * @internal
   */
  public toJSON(): unknown {
    return this.value.wholeWord;
  }
}

/** The template values of one construct tree. */
export class TemplateValues {
  /** The registry of the tree `scope` belongs to (created on first use). */
  public static of(scope: IConstruct): TemplateValues {
    // the resolver asks once per value of every object: a construct's root never changes, so its registry is
    // remembered per construct (`node.root` builds the list of scopes on every call)
    let registry = REGISTRIES.get(scope);
    if (registry) return registry;
    const root = scope.node.root;
    registry = REGISTRIES.get(root);
    if (!registry) {
      registry = new TemplateValues();
      REGISTRIES.set(root, registry);
    }
    REGISTRIES.set(scope, registry);
    return registry;
  }

  private readonly byPath = new Map<string, RegisteredTemplateValue>();
  private readonly byIndex: RegisteredTemplateValue[] = [];
  private readonly byNumber = new Map<number, RegisteredTemplateValue>();
  private keep = 0;

  private constructor() {}

  /** The value registered under a path. */
  public lookup(path: string): RegisteredTemplateValue | undefined {
    return this.byPath.get(path);
  }

  /** Every registered value, in registration order. */
  public all(): readonly RegisteredTemplateValue[] {
    return this.byIndex;
  }

  /** Registers a value (the caller checked it is not registered yet) and returns its tokens. */
  public register(definition: TemplateValueDefinition): RegisteredTemplateValue {
    const index = this.byIndex.length;
    const view = new DataView(new ArrayBuffer(8));
    view.setUint32(0, NUMBER_MARK * 0x10000);
    view.setUint32(4, index + 1);
    const registered = { definition, word: `opskithv${index}z`, wholeWord: `opskithw${index}z`, number: view.getFloat64(0) };
    this.byPath.set(definition.path, registered);
    this.byIndex.push(registered);
    this.byNumber.set(registered.number, registered);
    return registered;
  }

  /** A token object for a registered value. */
  public token(value: RegisteredTemplateValue): TemplateValueToken {
    return new TemplateValueToken(this, value);
  }

  /** The value a word stands for (`opskithv<n>z` or `opskithw<n>z`). */
  public ofWord(word: string): RegisteredTemplateValue | undefined {
    const m = /^opskith[vw](\d+)z$/.exec(word);
    return m ? this.byIndex[Number(m[1])] : undefined;
  }

  /** The value a number stands for. */
  public ofNumber(n: number): RegisteredTemplateValue | undefined {
    return this.byNumber.get(n);
  }

  /** Whether objects are being read with their tokens kept. */
  public get keepingTokens(): boolean {
    return this.keep > 0;
  }

  /** Runs `read` with the tokens kept in every object resolved meanwhile (for the template writer). */
  public withTokensKept<T>(read: () => T): T {
    this.keep++;
    try {
      return read();
    } finally {
      this.keep--;
    }
  }

  /** A text with every word of a value replaced by the value's default (a string as it is, others as JSON). */
  public resolveTextDefaults(text: string): string {
    if (this.byIndex.length === 0) return text;
    return text.replace(WORD, (word, index: string) => {
      const value = this.byIndex[Number(index)];
      if (!value) return word;
      const d = value.definition.default;
      return typeof d === 'string' ? d : JSON.stringify(d);
    });
  }
}

/**
 * The cdk8s resolver of template values: every string holding a value's word gets the default in its place (a
 * whole word, which a copied token object left, becomes the default itself), a value's number becomes the default; while a template writer reads the objects (`withTokensKept`), both are left
 * as they are. `OpsApp` installs it first in its cdk8s app (token objects resolve themselves in any app).
 */
export const TEMPLATE_VALUE_RESOLVER: IResolver = {
  resolve(context: ResolutionContext): void {
    const v = context.value;
    if (typeof v !== 'string' && typeof v !== 'number') return;
    const registry = TemplateValues.of(context.obj);
    if (registry.keepingTokens || registry.all().length === 0) return;
    if (typeof v === 'number') {
      const value = registry.ofNumber(v);
      if (value) context.replaceValue(value.definition.default);
      return;
    }
    const whole = WHOLE_WORD.exec(v);
    const value = whole ? registry.ofWord(v) : undefined;
    if (value) {
      context.replaceValue(JSON.parse(JSON.stringify(value.definition.default)));
      return;
    }
    const resolved = registry.resolveTextDefaults(v);
    if (resolved !== v) context.replaceValue(resolved);
  },
};
