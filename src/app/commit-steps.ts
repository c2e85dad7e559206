/**
 * A test-only hook into the output commit: every file-system step of a commit calls `commitStep()`, which counts
 * the steps of the process. The kill-and-restart test sets `OPSKIT_TEST_KILL_AT_STEP=<n>` to make a synth kill
 * itself (SIGKILL, no clean-up runs) right after its n-th step, and `OPSKIT_TEST_TRACE_STEPS=1` to print each step
 * (`opskit-step <n> <what>`) to standard error. Neither variable is meant for users.
 */
export const KILL_AT_STEP_ENV = 'OPSKIT_TEST_KILL_AT_STEP';
/** Prints every step to standard error. */
export const TRACE_STEPS_ENV = 'OPSKIT_TEST_TRACE_STEPS';

let steps = 0;

/** Marks the end of one file-system step of a commit. */
export function commitStep(what: string): void {
  steps++;
  if (process.env[TRACE_STEPS_ENV] === '1') process.stderr.write(`opskit-step ${steps} ${what}\n`);
  if (process.env[KILL_AT_STEP_ENV] === String(steps)) process.kill(process.pid, 'SIGKILL');
}
