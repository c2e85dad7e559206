/**
 * Number formatting exactly as Go's `fmt` `%g` / `%v` prints a float64, which is what Sloth writes into
 * rule expressions (`0.0009999999999999432`, `1e-05`, `5.6000000000000005`).
 *
 * JavaScript's `Number#toString` gives the same shortest round-trip digits; only the choice between plain
 * and exponent notation differs: Go's `%g` with the shortest precision uses the exponent form when the
 * decimal exponent is < -4 or >= 6 (`1e-05`, `1e+06`), JavaScript when it is < -6 or >= 21.
 *
 * @see https://pkg.go.dev/strconv#FormatFloat
 */
export function formatGoFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const neg = value < 0;
  const [mantissa, expText] = Math.abs(value).toExponential().split('e');
  const exp = parseInt(expText, 10);
  const digits = mantissa.replace('.', '');
  // strconv 'g' with the shortest precision decides with eprec = 6: %e when exp < -4 || exp >= 6.
  const eprec = 6;
  let out: string;
  if (exp < -4 || exp >= eprec) {
    const frac = digits.slice(1);
    const e = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : `${Math.abs(exp)}`;
    out = `${digits[0]}${frac ? `.${frac}` : ''}e${exp < 0 ? '-' : '+'}${e}`;
  } else if (exp < 0) {
    out = `0.${'0'.repeat(-exp - 1)}${digits}`;
  } else if (digits.length <= exp + 1) {
    out = digits + '0'.repeat(exp + 1 - digits.length);
  } else {
    out = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  }
  return neg ? `-${out}` : out;
}

/** Go's `strconv.FormatFloat(v, 'f', -1, 64)`: plain decimal, shortest round-trip digits. */
export function formatGoFloatPlain(value: number): string {
  const [mantissa, expText] = Math.abs(value).toExponential().split('e');
  const exp = parseInt(expText, 10);
  const digits = mantissa.replace('.', '');
  let out: string;
  if (exp < 0) out = `0.${'0'.repeat(-exp - 1)}${digits}`;
  else if (digits.length <= exp + 1) out = digits + '0'.repeat(exp + 1 - digits.length);
  else out = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  return value < 0 ? `-${out}` : out;
}
