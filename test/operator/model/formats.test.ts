import { checkFormat, describeFormat } from '../../../src/operator/model/formats';

describe('checkFormat', () => {
  test.each([
    ['date-time', '2026-01-31T12:00:00Z', true],
    ['date-time', '2026-01-31T12:00:00.5+02:00', true],
    ['date-time', '2026-02-30T12:00:00Z', false],
    ['date-time', '2026-01-31', false],
    ['date-time', '2026-01-31 12:00:00Z', false],
    ['date-time', '2026-01-31T23:59:60Z', false],
    ['date-time', '2026-01-31t12:00:00z', true],
    ['date', '2024-02-29', true],
    ['date', '2023-02-29', false],
    ['uuid', '123e4567-e89b-12d3-a456-426614174000', true],
    ['uuid', 'not-a-uuid', false],
    ['ipv4', '10.0.0.1', true],
    ['ipv4', '10.0.0.256', false],
    ['ipv6', 'fd00::1', true],
    ['ipv6', '::ffff:10.0.0.1', true],
    ['ipv6', 'fd00:::1', false],
    ['cidr', '10.0.0.0/8', true],
    ['cidr', 'fd00::/64', true],
    ['cidr', '10.0.0.0/33', false],
    ['mac', '00:1a:2b:3c:4d:5e', true],
    ['hostname', 'db.example.com', true],
    ['hostname', '-db', false],
    ['email', 'ops@example.com', true],
    ['byte', 'aGVsbG8=', true],
    ['byte', 'hello!', false],
    ['duration', '1h30m', true],
    ['duration', 'soon', false],
    ['duration', '1.5h', true],
    ['duration', '-30s', true],
    ['duration', '5 min', true],
    ['duration', '2 days', true],
    ['duration', '1h 30m', true],
    ['duration', '5 fortnights', false],
    ['uri', 'https://example.com', true],
    ['uri', '/healthz', true],
    ['uri', 'example.com', true],
    ['uri', 'not a uri', false],
    ['uri', '', false],
  ])('%s %j → %s', (format, value, valid) => {
    expect(checkFormat(format, value)).toBe(valid);
  });

  test('ignores unknown formats, as the API server does', () => {
    expect(checkFormat('int-or-whatever', 'x')).toBeUndefined();
    expect(describeFormat('int-or-whatever')).toBe('format int-or-whatever');
  });
});
