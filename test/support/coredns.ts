/**
 * Runs a Corefile in the real CoreDNS oracle (tools/coredns, `coredns` in tools/bin) on loopback and queries it.
 *
 * A Corefile opskit renders is made for a node: it binds the link-local and kube-dns addresses, forwards to
 * cluster addresses and to node-cache's runtime placeholders, and listens on port 53 and fixed health/metrics
 * ports. `loopbackCorefile` rewrites exactly these, and nothing else, so the file can run here:
 * - each server block port (`zone:53`) → a free port (blocks that shared a port still share one);
 * - `bind <addresses>` → `bind 127.0.0.1` (the node's addresses do not exist on the test machine);
 * - every `forward` target (`__PILLAR__CLUSTER__DNS__`, `__PILLAR__UPSTREAM__SERVERS__`, IPs, `ip:port`) →
 *   `127.0.0.1:<stub port>`, the stub upstream of test/support/dns-stub.ts (the number of targets is kept);
 * - `health [address]` and `prometheus <address>` → `127.0.0.1:<free port>` (the same address maps to the same
 *   new one, so two directives that shared a listener still share it).
 * Plugin options (cache, forward options, template, …), zones and the block structure are untouched.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { freePort, queryA, DnsAnswer } from './dns-stub';
import { tempDir } from './files';
import { requireTool } from './tools';

/** A Corefile made runnable on loopback, and the ports it now uses. */
export interface LoopbackCorefile {
  readonly text: string;
  /** Original server block port → the free port it now listens on. */
  readonly dnsPorts: Map<number, number>;
}

/** Rewrites a rendered Corefile for loopback (see the file comment for exactly what changes). */
export async function loopbackCorefile(text: string, stubPort: number): Promise<LoopbackCorefile> {
  const dnsPorts = new Map<number, number>();
  const listeners = new Map<string, number>();
  const stub = `127.0.0.1:${stubPort}`;
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const key = /^(\S.*?):([0-9]+)(\s*\{\s*)$/.exec(line);
    if (key) {
      const port = Number(key[2]);
      if (!dnsPorts.has(port)) dnsPorts.set(port, await freePort());
      out.push(`${key[1]}:${dnsPorts.get(port)}${key[3]}`);
      continue;
    }
    const directive = /^(\s+)(\S+)(.*)$/.exec(line);
    if (!directive) {
      out.push(line);
      continue;
    }
    const [, indent, name, rest] = directive;
    const open = /\s*\{\s*$/.test(rest) ? ' {' : '';
    const args = rest.replace(/\s*\{\s*$/, '').trim().split(/\s+/).filter(Boolean);
    if (name === 'bind' && indent.length <= 4) {
      out.push(`${indent}bind 127.0.0.1${open}`);
    } else if (name === 'forward' && indent.length <= 4 && args.length >= 2) {
      out.push(`${indent}forward ${args[0]} ${args.slice(1).map(() => stub).join(' ')}${open}`);
    } else if ((name === 'health' || name === 'prometheus') && indent.length <= 4) {
      const original = args[0] ?? `${name}-default`;
      if (!listeners.has(original)) listeners.set(original, await freePort());
      out.push(`${indent}${name} 127.0.0.1:${listeners.get(original)}${open}`);
    } else {
      out.push(line);
    }
  }
  return { text: out.join('\n'), dnsPorts };
}

/** What CoreDNS did with a Corefile. */
export interface CorednsRun {
  /** Whether CoreDNS started serving (answered a query) rather than exiting. */
  readonly loaded: boolean;
  /** CoreDNS's output (its error when it did not load). */
  readonly output: string;
  /** Answers to the queried names, by name. */
  readonly answers: Map<string, DnsAnswer | undefined>;
}

/**
 * Starts CoreDNS on a (loopback) Corefile, waits until it answers on `port` or exits, queries each name (A,
 * over UDP), and stops it.
 */
export async function runCoredns(corefile: string, port: number, names: string[], timeoutMs = 20000): Promise<CorednsRun> {
  const dir = tempDir('opskit-coredns-');
  const conf = path.join(dir, 'Corefile');
  fs.writeFileSync(conf, corefile);
  const child: ChildProcess = spawn(requireTool('coredns'), ['-conf', conf], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let exited = false;
  child.stdout!.on('data', (d) => { output += d; });
  child.stderr!.on('data', (d) => { output += d; });
  const exit = new Promise<void>((resolve) => child.on('exit', () => { exited = true; resolve(); }));
  const answers = new Map<string, DnsAnswer | undefined>();
  let loaded = false;
  try {
    const deadline = Date.now() + timeoutMs;
    while (!exited && Date.now() < deadline) {
      // the first name doubles as the readiness probe
      const a = await queryA(port, names[0], 100);
      if (a !== undefined) {
        loaded = true;
        break;
      }
    }
    if (loaded) {
      // UDP: a reply lost on a loaded machine is asked again (a wrong answer is never retried)
      for (const n of names) {
        let a: DnsAnswer | undefined;
        for (let attempt = 0; attempt < 3 && a === undefined; attempt++) a = await queryA(port, n, 3000);
        answers.set(n, a);
      }
    }
  } finally {
    if (!exited) {
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exit, new Promise((r) => { timer = setTimeout(r, 3000); })]);
      clearTimeout(timer);
      if (!exited) child.kill('SIGKILL');
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { loaded, output, answers };
}
