/** Version ranges of OLM v1's syntax from operators, versions and joiners, valid and not (shared by the OLM v1 differentials). */
export function versionRangeCases(): string[] {
  const ops = ['', '=', '!=', '>', '>=', '=>', '<=', '=<', '~', '~>', '^', '==', '- ', '<'];
  const vs = ['1', '1.2', '1.2.3', 'v1.2.3', '1.2.x', '*', 'x', 'X', '01.2', '1.2.3-alpha.1', '1.2.3+build.5', '1.2.3.4', 'latest', '1.x.X', '0',
    '0.2', '0.0.3', '0.0', '2.x', '1.2.3-0', '0.3.1', '3', '1.2.*', '|', '1.2.3-01'];
  const joins = [' ', ', ', ' || ', ',', '||', ' - ', '  ', ' ,'];
  const singles = ops.flatMap((o) => vs.map((v) => `${o}${v}`));
  const pairs = singles.flatMap((s, i) => joins.map((j, k) => `${s}${j}${singles[(i * 7 + k * 13) % singles.length]}`));
  return [...singles, ...pairs, `>=1.0.0${', <2.0.0'.repeat(8)}`, ' 1.2.3 ', '>= 1.2.3', '1.2.3 ||', '', '>=1.2.3, <2.0.0 || >3.0.0', '^0 || ^3 || ^5',
    '>=3.0, <3.6', '~1.2.3', '~1', '~1.x', '~2.3', '~1.2.x', '^1.2.3', '^1.2.x', '^2.3', '^2.x', '^0.2.3', '^0.2', '^0.0.3', '^0.0', '^0', '<= 2.x', '>= 1.2.x'];
}

/** Bundle versions the differential evaluates ranges for (strict semver, as a CSV's spec.version). */
export const BUNDLE_VERSIONS = ['0.0.0', '0.0.3', '0.0.4', '0.1.0', '0.2.0', '0.2.3', '0.2.9', '0.3.0', '0.3.1', '0.9.0', '1.0.0', '1.1.0', '1.2.0',
  '1.2.2', '1.2.3', '1.2.4', '1.3.0', '1.5.0', '1.99.0', '2.0.0', '2.3.4', '2.9.9', '3.0.0', '3.0.1', '3.5.0', '3.6.0', '5.1.0', '1.2.3-alpha.1',
  '1.2.3-alpha.2', '1.2.3-beta', '1.2.3-1', '1.2.3-0', '1.0.0-rc.1', '0.3.1+build.5', '1.2.3+build.5', '2.0.0-0', '0.0.3-alpha'];
