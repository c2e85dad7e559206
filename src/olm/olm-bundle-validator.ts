import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import type * as BundleValidator from './model/bundle-validator';

let bundleValidatorModule: typeof BundleValidator | undefined;

/** OLM's bundle rules (with Go's mail and URL parsers), loaded when a bundle is first validated. */
function bundleValidator(): typeof BundleValidator {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  bundleValidatorModule ??= require('./model/bundle-validator') as typeof BundleValidator;
  return bundleValidatorModule;
}

/** How serious a finding is, as OLM's tooling rates it. */
export enum OlmFindingLevel {
  /** `operator-sdk bundle validate` fails. */
  ERROR = 'error',
  /** Reported, not failing. */
  WARNING = 'warning',
}

/** The suite of OLM's tooling a rule comes from. */
export enum OlmValidationSuite {
  /** What `operator-sdk bundle validate` always runs and OLM enforces. */
  DEFAULT = 'default',
  /** OperatorHub's publishing requirements. */
  OPERATORHUB = 'operatorhub',
  /** operator-framework's good practices. */
  GOOD_PRACTICES = 'good-practices',
  /** Checks upstream lacks. */
  OPSKIT = 'opskit',
}

/** One finding of `OlmBundleValidator`. */
export interface OlmBundleFinding {
  /** Error or warning. */
  readonly level: OlmFindingLevel;
  /** Stable rule id, e.g. `olm/owned-crd-missing`. */
  readonly rule: string;
  /** The suite of OLM's tooling that has the rule. */
  readonly suite: OlmValidationSuite;
  /** The file it is about, relative to the bundle folder. @default - the bundle as a whole */
  readonly file?: string;
  /** What is wrong. */
  readonly message: string;
}

/**
 * Validates any registry+v1 bundle folder (`manifests/` + `metadata/`, or a flat folder of manifests) with the
 * rules of OLM's tooling: operator-registry's format checks, operator-framework/api's default suite (the one
 * `operator-sdk bundle validate` always runs), its operatorhub and good-practices suites, and the checks upstream
 * lacks (duplicate or unknown install modes, an empty package annotation, annotations that disagree with
 * `bundle.Dockerfile`). `OlmBundle` runs the same rules on every bundle it writes.
 *
 * @example
 * const errors = OlmBundleValidator.validateDirectory('dist/olm/backup-operator/0.3.1')
 *   .filter((f) => f.level === OlmFindingLevel.ERROR);
 */
export class OlmBundleValidator {
  /** The findings for a bundle folder on disk. */
  public static validateDirectory(directory: string): OlmBundleFinding[] {
    const files = new Map<string, string>();
    let compressedSize = 0;
    const walk = (rel: string) => {
      for (const e of fs.readdirSync(path.join(directory, rel), { withFileTypes: true })) {
        const p = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) {
          walk(p);
        } else {
          const bytes = fs.readFileSync(path.join(directory, p));
          files.set(p, bytes.toString('utf8'));
          if (p.startsWith('manifests/') || p.startsWith('metadata/') || !p.includes('/')) compressedSize += zlib.gzipSync(bytes).toString('base64').length;
        }
      }
    };
    walk('');
    return OlmBundleValidator.validateFiles(files, compressedSize);
  }

  /** @internal The findings for a bundle given as file texts (what `OlmBundle` checks before writing). */
  public static _validateFiles(files: ReadonlyMap<string, string>): OlmBundleFinding[] {
    let compressedSize = 0;
    for (const [p, text] of files) {
      if (p.startsWith('manifests/') || p.startsWith('metadata/')) compressedSize += zlib.gzipSync(Buffer.from(text)).toString('base64').length;
    }
    return OlmBundleValidator.validateFiles(files, compressedSize);
  }

  private static validateFiles(files: ReadonlyMap<string, string>, compressedSize: number): OlmBundleFinding[] {
    return bundleValidator().validateBundleFolder({ files, compressedSize }).map(toPublic);
  }

  private constructor() {}
}

function toPublic(f: BundleValidator.BundleFinding): OlmBundleFinding {
  return { ...f, level: f.level === 'error' ? OlmFindingLevel.ERROR : OlmFindingLevel.WARNING, suite: f.suite as OlmValidationSuite };
}
