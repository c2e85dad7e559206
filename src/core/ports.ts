import { Problem, problem } from './problem';

/*
 * Ports, exactly as the API server checks them (`IsValidPortNum`, `IsValidPortName` of
 * `k8s.io/apimachinery/pkg/util/validation`, v0.37.2). The one implementation used by every domain.
 */

/** `IsValidPortNum`: an integer from 1 to 65535. */
export function isPortNumber(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

/**
 * `IsValidPortName` (an IANA service name): at most 15 lowercase letters, digits or `-`, with at least one letter,
 * not starting or ending with `-`, no `--`.
 */
export function isPortName(value: unknown): boolean {
  return typeof value === 'string' && value.length <= 15 && /^[-a-z0-9]+$/.test(value) && /[a-z]/.test(value)
    && !value.includes('--') && !value.startsWith('-') && !value.endsWith('-');
}

/** The problem of a port number, or none; `undefined` is not checked. */
export function portNumberProblems(field: string, value: unknown, fix = 'use a port number such as 8080', rule?: string): Problem[] {
  if (value === undefined || isPortNumber(value)) return [];
  return [problem(field, 'must be a port number (an integer from 1 to 65535)', value, fix, rule)];
}

/** The problem of a port name, or none; `undefined` is not checked. */
export function portNameProblems(field: string, value: unknown, fix = 'use a short name such as "http" or "metrics"', rule?: string): Problem[] {
  if (value === undefined || isPortName(value)) return [];
  return [problem(field, 'must be a port name (an IANA service name: at most 15 lowercase letters, digits or "-", with a letter, no "--", not starting or ending with "-")', value, fix, rule)];
}

/** The problem of a port given by number or by name (a Service's `targetPort`), or none. */
export function portProblems(field: string, value: unknown): Problem[] {
  if (value === undefined) return [];
  if (typeof value === 'number') return portNumberProblems(field, value);
  if (typeof value === 'string') return portNameProblems(field, value);
  return [problem(field, 'must be a port number or a port name', value, 'use e.g. 8080 or "metrics"')];
}
