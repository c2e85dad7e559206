/**
 * Unknown fields of a CRD outside its schemas (R24, extended to the whole object): the API server decodes a
 * create with strict field validation (kubectl's default), so a field the v1 types do not have — often a
 * v1beta1 leftover such as spec.validation or spec.version — rejects the CRD.
 */
import { isPlainObject } from './json-schema';
import { closest } from '../../core/did-you-mean';
import { Problem, problem } from '../../core/problem';

/** The fields of each v1 type, by the path pattern of its objects. */
const FIELDS: { readonly [type: string]: readonly string[] } = {
  crd: ['apiVersion', 'kind', 'metadata', 'spec', 'status'],
  spec: ['group', 'names', 'scope', 'versions', 'conversion', 'preserveUnknownFields'],
  names: ['plural', 'singular', 'shortNames', 'kind', 'listKind', 'categories'],
  version: ['name', 'served', 'storage', 'deprecated', 'deprecationWarning', 'schema', 'subresources', 'additionalPrinterColumns', 'selectableFields'],
  validation: ['openAPIV3Schema'],
  conversion: ['strategy', 'webhook'],
  webhook: ['clientConfig', 'conversionReviewVersions'],
  clientConfig: ['url', 'service', 'caBundle'],
  service: ['namespace', 'name', 'path', 'port'],
  subresources: ['status', 'scale'],
  scale: ['specReplicasPath', 'statusReplicasPath', 'labelSelectorPath'],
  column: ['name', 'type', 'format', 'description', 'priority', 'jsonPath'],
  selectableField: ['jsonPath'],
};

/** Where v1beta1 put what v1 keeps per version. */
const MOVED: { readonly [key: string]: string } = {
  version: 'spec.versions[].name',
  validation: 'spec.versions[].schema',
  subresources: 'spec.versions[].subresources',
  additionalPrinterColumns: 'spec.versions[].additionalPrinterColumns',
};

function unknown(obj: unknown, type: string, path: string, out: Problem[]): void {
  if (!isPlainObject(obj)) return;
  const known = FIELDS[type];
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    const field = path ? `${path}.${key}` : key;
    const moved = type === 'spec' ? MOVED[key] : undefined;
    const guess = closest(key, [...known]);
    const fix = moved ? `apiextensions.k8s.io/v1 keeps it in ${moved}: move it there`
      : guess ? `did you mean "${guess}"? otherwise remove it` : 'remove it';
    out.push(problem(field, 'is not a field of the CustomResourceDefinition (the API server rejects unknown fields under strict field validation)', key, fix, 'R24'));
  }
}

/** Unknown fields of a CRD object outside its schemas. */
export function checkCrdFields(crd: any): Problem[] {
  const out: Problem[] = [];
  unknown(crd, 'crd', '', out);
  const spec = crd?.spec;
  unknown(spec, 'spec', 'spec', out);
  if (!isPlainObject(spec)) return out;
  unknown(spec.names, 'names', 'spec.names', out);
  const conversion = spec.conversion;
  unknown(conversion, 'conversion', 'spec.conversion', out);
  unknown(conversion?.webhook, 'webhook', 'spec.conversion.webhook', out);
  unknown(conversion?.webhook?.clientConfig, 'clientConfig', 'spec.conversion.webhook.clientConfig', out);
  unknown(conversion?.webhook?.clientConfig?.service, 'service', 'spec.conversion.webhook.clientConfig.service', out);
  (Array.isArray(spec.versions) ? spec.versions : []).forEach((v: any, i: number) => {
    const p = `spec.versions[${i}]`;
    unknown(v, 'version', p, out);
    unknown(v?.schema, 'validation', `${p}.schema`, out);
    unknown(v?.subresources, 'subresources', `${p}.subresources`, out);
    unknown(v?.subresources?.scale, 'scale', `${p}.subresources.scale`, out);
    (Array.isArray(v?.additionalPrinterColumns) ? v.additionalPrinterColumns : []).forEach((c: any, j: number) => unknown(c, 'column', `${p}.additionalPrinterColumns[${j}]`, out));
    (Array.isArray(v?.selectableFields) ? v.selectableFields : []).forEach((f: any, j: number) => unknown(f, 'selectableField', `${p}.selectableFields[${j}]`, out));
  });
  return out;
}
