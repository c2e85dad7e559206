/**
 * Every rule the API server enforces on an `apiextensions.k8s.io/v1` CustomResourceDefinition
 * (R1–R46 of the operator spec), as one pure check returning problems. Each problem has
 * `rule: 'R<n>'`, a field that is a path inside the CRD object, and a fix.
 */
import { CRD_API_VERSION } from './crd-render';
import { checkCelRules } from './crd-rules-cel';
import { checkDefaults } from './crd-rules-defaults';
import { checkCrdFields } from './crd-rules-fields';
import { checkConversion, checkNames, checkVersions } from './crd-rules-names';
import { checkStructural } from './crd-rules-structural';
import { checkVersionExtras } from './crd-rules-subresources';
import { isPlainObject } from './json-schema';
import { Problem, problem } from '../../core/problem';

/** The API version of CRDs the API server serves (v1beta1 was removed in Kubernetes 1.22). */

/** The rules whose violation makes a schema non-structural (defaults then cannot apply, R43). */
const STRUCTURAL_RULES = ['R21', 'R22', 'R23', 'R24', 'R25', 'R26', 'R27', 'R28', 'R29', 'R30', 'R33'];

/** Checks a CRD object against R1–R46. Never throws. */
export function checkCrd(crd: any): Problem[] {
  if (!isPlainObject(crd)) {
    return [problem('<root>', 'must be a CustomResourceDefinition object', crd, 'give the parsed CRD manifest')];
  }
  const out: Problem[] = [];
  if (crd.apiVersion !== CRD_API_VERSION || crd.kind !== 'CustomResourceDefinition') {
    const v1beta1 = crd.apiVersion === 'apiextensions.k8s.io/v1beta1';
    out.push(problem('apiVersion', `must be ${CRD_API_VERSION} with kind CustomResourceDefinition`, `${crd.apiVersion} ${crd.kind}`,
      v1beta1 ? 'apiextensions.k8s.io/v1beta1 was removed in Kubernetes 1.22: convert it (spec.validation → spec.versions[].schema, spec.version → spec.versions)' : 'give a CustomResourceDefinition manifest'));
    return out;
  }
  out.push(...checkCrdFields(crd));
  out.push(...checkNames(crd));
  out.push(...checkVersions(crd));
  out.push(...checkConversion(crd));
  const versions: any[] = Array.isArray(crd.spec?.versions) ? crd.spec.versions : [];
  versions.forEach((v, i) => {
    const p = `spec.versions[${i}]`;
    out.push(...checkVersionExtras(v, p));
    const root = v?.schema?.openAPIV3Schema;
    if (!isPlainObject(root)) return;
    const sp = `${p}.schema.openAPIV3Schema`;
    const structural = checkStructural(root, sp);
    out.push(...structural);
    // the API server limits the total CEL cost per version schema (checkCelRules reports it)
    out.push(...checkCelRules(root, sp, { cost: 0 }));
    const nonStructural = structural.filter((x) => STRUCTURAL_RULES.includes(x.rule ?? '')).length;
    out.push(...checkDefaults(root, sp, nonStructural, crd.spec?.preserveUnknownFields));
  });
  return out;
}
