import { isGoEmail } from '../../../src/operator/model/go-mail';

describe('mail.ParseAddress', () => {
  // verdicts of the API server's email format (Go 1.26) for the same strings
  test.each([
    ['ops@example.com', true],
    ['Ops <ops@example.com>', true],
    ['a@b', true],
    ['a..b@c', false],
    ['"q"@d', true],
    ['a@[1.2.3.4]', true],
    ['a@[1.2.3]', false],
    ['=?utf-8?q?x?= <a@b>', true],
    ['=?koi8?q?x?= <a@b>', false],
    ['a@b (c)', true],
    ['grp: a@b;', true],
    ['abc', false],
    ['', false],
  ])('%j → %s', (s, ok) => {
    expect(isGoEmail(s)).toBe(ok);
  });
});
