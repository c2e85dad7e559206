import { inspect } from 'util';
import { OpsError } from '../core/ops-error';

let installed = false;

/**
 * Makes an `OpsError` that nothing catches print once, readably: `error: <message>` on standard error and exit
 * code 1, without Node's source excerpt and stack trace (`OPSKIT_DEBUG=1` prints the full trace). This is what
 * `cdk8s synth`, `cdktn synth` and `node main.js` show of a failed program.
 *
 * Installed by the first `OpsApp` (once per process; not under Jest, whose runner reports errors itself). It only
 * acts when it is the process's only `uncaughtException` listener: a program that installs its own handler keeps
 * full control. Other errors print as Node prints them (without the source excerpt) and also exit with code 1.
 */
export function installErrorPrinter(): void {
  if (installed || process.env.JEST_WORKER_ID !== undefined) return;
  installed = true;
  process.on('uncaughtException', printAndExit);
}

function printAndExit(error: unknown): void {
  // Node's domain module adds a listener of its own whenever one is added: it is not a handler of the program's
  const others = process.listeners('uncaughtException').filter((l) => l !== printAndExit && l.name !== 'domainUncaughtExceptionClear');
  if (others.length > 0) return;
  process.stderr.write(`${describeUncaught(error, OpsError.debug())}\n`);
  process.exit(1);
}

/** The text printed for an uncaught error. */
export function describeUncaught(error: unknown, debug: boolean): string {
  if (error instanceof OpsError) {
    return debug ? `${error.stack}` : `error: ${error.message}\n(set OPSKIT_DEBUG=1 for the stack trace)`;
  }
  return inspect(error);
}
