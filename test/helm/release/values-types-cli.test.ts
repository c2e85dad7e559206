import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { valuesTypesOfChart } from '../../../src/helm/release/values-types-cli';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'helm', 'values-types');
const ROOT = path.join(__dirname, '..', '..', '..');

/** Golden output per fixture chart; `UPDATE_GOLDEN=1` rewrites them. */
describe.each([
  ['web-app', 'values.yaml (inferred, comments as docs)'],
  ['queue', 'values.schema.json'],
])('opskit-helm-values on the fixture chart %s (%s)', (chart) => {
  const golden = path.join(FIXTURES, `${chart}.values.ts`);

  test('the generated module equals the golden file', () => {
    // GIVEN / WHEN
    const text = valuesTypesOfChart(path.join(FIXTURES, chart));
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(golden, text);
    // THEN
    expect(text).toBe(fs.readFileSync(golden, 'utf8'));
  });

  test('a packaged chart (.tgz) gives the same module', () => {
    // GIVEN
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-values-'));
    const tgz = path.join(dir, `${chart}.tgz`);
    const r = spawnSync('tar', ['-czf', tgz, '-C', FIXTURES, chart]);
    expect(r.status).toBe(0);
    // WHEN / THEN
    expect(valuesTypesOfChart(tgz)).toBe(fs.readFileSync(golden, 'utf8'));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('the generated values types', () => {
  test('type-check with HelmRelease, and reject values of the wrong type', () => {
    // GIVEN the golden modules and a program that uses them (test/fixtures/helm/values-types/usage.ts)
    const files = ['web-app.values.ts', 'queue.values.ts', 'usage.ts'].map((f) => path.join(FIXTURES, f));
    const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.dev.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
    // WHEN
    const program = ts.createProgram(files, { ...config.options, noEmit: true });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    // THEN: no error, and every `@ts-expect-error` in usage.ts was needed (else TS2578 would be reported)
    expect(diagnostics).toEqual([]);
    expect(fs.readFileSync(files[2], 'utf8').match(/@ts-expect-error/g)).toHaveLength(3);
  });
});
