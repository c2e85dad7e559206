import { describeProblem } from '../../../src/core/problem';
import { crdLintWarningId, crdLints } from '../../../src/operator/model/crd-lints';
import { validCrd } from '../../fixtures/operator/crds';

describe('crdLints', () => {
  test('a correct CRD has no lint', () => {
    expect(crdLints(validCrd()).map(describeProblem)).toEqual([]);
  });

  test.each([
    ['F3', 'no served version', (c: any) => { c.spec.versions[0].served = false; }, 'spec.versions'],
    ['R13', 'status.storedVersions naming a version that is gone', (c: any) => { c.status = { storedVersions: ['v0', c.spec.versions[0].name] }; }, 'status.storedVersions'],
    ['R13', 'status.storedVersions without the storage version', (c: any) => { c.status = { storedVersions: [] as string[] }; c.status.storedVersions.push('v9'); }, 'status.storedVersions'],
  ])('%s: warns about %s', (rule, _name, mutate, field) => {
    // GIVEN
    const crd = validCrd();
    mutate(crd);
    // WHEN
    const lints = crdLints(crd);
    // THEN
    expect(lints.map((l) => `${l.rule} ${l.field}`)).toEqual([`${rule} ${field}`]);
    expect(describeProblem(lints[0]).length).toBeGreaterThan(40);
    expect(crdLintWarningId(lints[0])).toBe(rule === 'F3' ? 'opskit:operator/no-served-version' : 'opskit:operator/status-stored-versions');
  });

  test('status.storedVersions naming the storage version is fine', () => {
    const crd = validCrd();
    crd.status = { storedVersions: [crd.spec.versions[0].name] };
    expect(crdLints(crd)).toEqual([]);
  });
});
