import { parseMastermindsConstraint } from '../../src/core/masterminds-constraint';
import { parseSemVer } from '../../src/core/semver';
import { versionRangeProblems } from '../../src/olm/model/olm-v1-objects';
import { BUNDLE_VERSIONS, versionRangeCases } from '../support/olm-v1-ranges';
import { runTool, describeWithTool } from '../support/tools';

/*
 * opskit's reading of version constraints against Masterminds/semver v3.5.0 itself (tools/masterminds, `mm-check`:
 * NewConstraint, then Check, as operator-controller v1.10.0 and Helm's dependency resolver call them), on every
 * generated range (Helm reads a dependency's version with no CRD in front), for each version of the list.
 */
describeWithTool('mm-check', 'version constraints against Masterminds/semver v3.5.0 (mm-check)', () => {
  test('parse verdicts and answers agree', () => {
    // GIVEN every generated range (the ClusterExtension CRD lets only some through: counted apart)
    const ranges = [...new Set(versionRangeCases())].filter((r) => r !== '');
    const crdAccepted = ranges.filter((r) => versionRangeProblems('version', r).length === 0).length;
    const pairs = ranges.flatMap((range) => BUNDLE_VERSIONS.map((version) => ({ range, version })));
    // WHEN
    const r = runTool('mm-check', [], { input: pairs.map((p) => JSON.stringify(p)).join('\n') + '\n' });
    expect(r.status).toBe(0);
    const answers = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(answers).toHaveLength(pairs.length);
    // THEN
    const disagreements: string[] = [];
    let refused = 0;
    pairs.forEach((p, i) => {
      const mine = parseMastermindsConstraint(p.range);
      const theirs = answers[i];
      if (theirs.error !== undefined) refused++;
      if ((mine.error !== undefined) !== (theirs.error !== undefined)) {
        disagreements.push(`${JSON.stringify(p.range)}: Masterminds ${theirs.error ?? 'parses'}, opskit ${mine.error ?? 'parses'}`);
      } else if (mine.matches && mine.matches(parseSemVer(p.version)!) !== theirs.matches) {
        disagreements.push(`${JSON.stringify(p.range)} ∋ ${p.version}: Masterminds ${theirs.matches}, opskit ${!theirs.matches}`);
      }
    });
    console.log(`version constraints vs Masterminds: ${ranges.length} ranges (${crdAccepted} the ClusterExtension CRD accepts), ${pairs.length} evaluations (${refused / BUNDLE_VERSIONS.length} ranges Masterminds refuses), ${disagreements.length} disagreements`);
    expect(disagreements.slice(0, 30)).toEqual([]);
  });
});
