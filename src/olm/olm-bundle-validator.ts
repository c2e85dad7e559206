import * as zlib from 'zlib';
import { readBundleDirectory } from './bundle-directory';
import { bundleRules } from './bundle-rules';
import type * as BundleValidator from './model/bundle-validator';

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
  /**
   * operator-framework's deprecated-API rules (`AlphaDeprecatedAPIsValidator`, repeated by the operatorhub
   * validator): an error where the bundle's Kubernetes version no longer serves the API.
   */
  DEPRECATED_APIS = 'deprecated-apis',
  /**
   * Checks upstream's validators lack: errors only where a consumer refuses or misreads the bundle (OLM, opm,
   * `operator-sdk run bundle`), warnings otherwise.
   */
  OPSKIT = 'opskit',
  /** What keeps OLM v1 (operator-controller) from installing the bundle (`OlmV1Installability`). */
  OLM_V1 = 'olm-v1',
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

/** Options of `OlmBundleValidator.validateDirectory`. */
export interface OlmValidationOptions {
  /**
   * The Kubernetes version the bundle must install on, for the deprecated-API rules (operator-sdk's
   * `--optional-values=k8s-version=1.26`): an API removed at or before it is an error, a later removal a warning.
   *
   * @default - the CSV's `minKubeVersion`
   */
  readonly k8sVersion?: string;
}

/**
 * Validates any registry+v1 bundle folder (`manifests/` + `metadata/`, or a flat folder of manifests) with the
 * rules of OLM's tooling: operator-registry's format checks, operator-framework/api's default suite (the one
 * `operator-sdk bundle validate` always runs), its operatorhub and good-practices suites, its deprecated-API rules,
 * and checks upstream's validators lack. Those are errors only where a consumer refuses or misreads the bundle
 * (a repeated install mode, an empty package annotation, a default channel outside the channels, package or
 * channels labels of `bundle.Dockerfile` that disagree with the annotations) and warnings otherwise (an unknown
 * install mode, manifests/metadata annotations naming other folders, other label mismatches, a manifest with
 * several documents): opskit never rejects a bundle OLM accepts. `OlmBundle` runs the same rules on every bundle
 * it writes.
 *
 * @example
 * const errors = OlmBundleValidator.validateDirectory('dist/olm/backup-operator/0.3.1')
 *   .filter((f) => f.level === OlmFindingLevel.ERROR);
 */
export class OlmBundleValidator {
  /** The findings for a bundle folder on disk. */
  public static validateDirectory(directory: string, options: OlmValidationOptions = {}): OlmBundleFinding[] {
    const { files, compressedSize } = readBundleDirectory(directory);
    return OlmBundleValidator.validateFiles(files, compressedSize, options.k8sVersion);
  }

  /** @internal The findings for a bundle given as file texts (what `OlmBundle` checks before writing). */
  public static _validateFiles(files: ReadonlyMap<string, string>): OlmBundleFinding[] {
    let compressedSize = 0;
    for (const [p, text] of files) {
      if (p.startsWith('manifests/') || p.startsWith('metadata/')) compressedSize += zlib.gzipSync(Buffer.from(text)).toString('base64').length;
    }
    return OlmBundleValidator.validateFiles(files, compressedSize);
  }

  private static validateFiles(files: ReadonlyMap<string, string>, compressedSize: number, k8sVersion?: string): OlmBundleFinding[] {
    return bundleRules().validateBundleFolder({ files, compressedSize, k8sVersion }).map(toPublic);
  }

  private constructor() {}
}

function toPublic(f: BundleValidator.BundleFinding): OlmBundleFinding {
  return { ...f, level: f.level === 'error' ? OlmFindingLevel.ERROR : OlmFindingLevel.WARNING, suite: f.suite as OlmValidationSuite };
}
