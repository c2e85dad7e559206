import { readBundleDirectory } from './bundle-directory';
import { bundleRules } from './bundle-rules';
import { olmV1InstallabilityFindings } from './model/olm-v1-installability';
import { OlmBundleFinding, OlmFindingLevel, OlmValidationSuite } from './olm-bundle-validator';

/**
 * What keeps a registry+v1 bundle from being installed by OLM v1 (operator-controller), under its documented limits
 * as of operator-controller v1.10.0: no AllNamespaces install mode (SingleNamespace and OwnNamespace only behind
 * an alpha feature gate), owned API services, dependencies (`olm.package.required`, `olm.gvk.required`,
 * `olm.constraint`, a CSV's required CRDs), conversion webhooks of a bundle that supports more than AllNamespaces,
 * admission webhook rules on OLM's own API or on webhook configurations (errors); webhooks, which need a
 * certificate provider, and use of the OperatorConditions API, which OLM v1 lacks (warnings). Reads the folder
 * with `OlmBundleValidator`'s reader; a folder that is not a valid bundle is that validator's business.
 * A `ClusterExtension` of an `OlmBundle` runs the same check at synth: its errors fail the synth.
 *
 * @see https://operator-framework.github.io/operator-controller/project/olmv1_limitations/
 * @example
 * const blockers = OlmV1Installability.checkDirectory('dist/olm/backup-operator/0.3.1')
 *   .filter((f) => f.level === OlmFindingLevel.ERROR);
 */
export class OlmV1Installability {
  /** The findings for a bundle folder on disk (suite `olm-v1`). */
  public static checkDirectory(directory: string): OlmBundleFinding[] {
    return OlmV1Installability._checkFiles(readBundleDirectory(directory).files);
  }

  /** @internal The findings for a bundle given as file texts. */
  public static _checkFiles(files: ReadonlyMap<string, string>): OlmBundleFinding[] {
    const bundle = bundleRules().readBundle(files);
    if (bundle.csv === undefined) return [];
    return olmV1InstallabilityFindings({ csv: bundle.csv, csvFile: bundle.csvFile, dependencies: bundle.dependencies, properties: bundle.properties })
      .map((f) => ({ ...f, level: f.level === 'error' ? OlmFindingLevel.ERROR : OlmFindingLevel.WARNING, suite: OlmValidationSuite.OLM_V1 }));
  }

  private constructor() {}
}
