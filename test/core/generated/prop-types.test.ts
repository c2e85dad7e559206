import * as fs from 'fs';
import { generatePropTypes, PROP_TYPES_FILE } from '../../support/prop-types-generator';

jest.setTimeout(120_000);

describe('generated prop types', () => {
  test('the committed descriptor matches the public TypeScript types', () => {
    // GIVEN
    const committed = fs.readFileSync(PROP_TYPES_FILE, 'utf8');
    // WHEN
    const fresh = generatePropTypes();
    // THEN (regenerate with `npx ts-node -T test/support/prop-types-generator.ts --write`)
    expect(committed).toBe(fresh);
  });
});
