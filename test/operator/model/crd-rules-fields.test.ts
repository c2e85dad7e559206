import { checkCrdFields } from '../../../src/operator/model/crd-rules-fields';
import { validCrd } from '../../fixtures/operator/crds';

describe('checkCrdFields', () => {
  test('a correct CRD has no unknown field', () => {
    expect(checkCrdFields(validCrd())).toEqual([]);
  });

  test.each([
    ['a v1beta1 spec.validation', (c: any) => { c.spec.validation = { openAPIV3Schema: {} }; }, 'spec.validation', 'spec.versions[].schema'],
    ['a v1beta1 spec.version', (c: any) => { c.spec.version = 'v1'; }, 'spec.version', 'spec.versions[].name'],
    ['a misspelt version field', (c: any) => { c.spec.versions[0].serverd = true; }, 'spec.versions[0].serverd', '"served"'],
    ['an unknown printer column field', (c: any) => { c.spec.versions[0].additionalPrinterColumns = [{ name: 'a', type: 'string', jsonPath: '.a', JSONPath: '.a' }]; }, 'spec.versions[0].additionalPrinterColumns[0].JSONPath', 'jsonPath'],
    ['an unknown webhook service field', (c: any) => { c.spec.conversion = { strategy: 'Webhook', webhook: { conversionReviewVersions: ['v1'], clientConfig: { service: { name: 'a', namespace: 'b', host: 'c' } } } }; }, 'spec.conversion.webhook.clientConfig.service.host', 'remove it'],
  ])('R24: rejects %s', (_name, mutate, field, fix) => {
    // GIVEN
    const crd = validCrd();
    mutate(crd);
    // WHEN
    const problems = checkCrdFields(crd);
    // THEN
    expect(problems.map((p) => `${p.rule} ${p.field}`)).toEqual([`R24 ${field}`]);
    expect(problems[0].fix).toContain(fix);
  });
});
