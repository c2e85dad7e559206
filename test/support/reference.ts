import * as fs from 'fs';
import * as path from 'path';

/**
 * The upstream reference files live in `../shared/reference` beside the project. Users who clone opskit do
 * not have it; CI always does. Conformance tests read the files in place and skip visibly when absent.
 */
export const REFERENCE_ROOT = path.resolve(__dirname, '..', '..', '..', 'shared', 'reference');

/** Absolute path of a file or folder under `../shared/reference`. */
export function referencePath(...parts: string[]): string {
  return path.join(REFERENCE_ROOT, ...parts);
}

/** Whether a reference file or folder exists. */
export function hasReference(...parts: string[]): boolean {
  return fs.existsSync(referencePath(...parts));
}

/**
 * Declares a conformance suite over reference files. When the reference folder is absent it registers one
 * skipped test whose name says why, so the skip shows in every report; under `OPSKIT_REQUIRE_REFERENCE=1`
 * (CI) an absent folder fails instead.
 */
export function describeReference(name: string, relPath: string, body: (dir: string) => void): void {
  const dir = referencePath(relPath);
  if (fs.existsSync(dir)) {
    describe(name, () => body(dir));
    return;
  }
  if (process.env.OPSKIT_REQUIRE_REFERENCE === '1') {
    describe(name, () => {
      test(`reference files are present at ${relPath}`, () => {
        throw new Error(`../shared/reference/${relPath} is missing, and OPSKIT_REQUIRE_REFERENCE=1 requires it`);
      });
    });
    return;
  }
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED conformance suite "${name}": ../shared/reference/${relPath} is not present`);
  describe(name, () => {
    test.skip(`SKIPPED: ../shared/reference/${relPath} is not present (conformance tests need it)`, () => {});
  });
}
