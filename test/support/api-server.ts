import { ChildProcess, spawn } from 'child_process';
import { generateKeyPairSync, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { ApiClient } from './api-client';
import { requireTool } from './tools';

/*
 * A real Kubernetes API server for end-to-end tests, the envtest pattern: etcd and kube-apiserver (built into
 * tools/bin by tools/build.sh) started on loopback with free ports, a temporary folder, generated
 * service-account keys, one static token and AlwaysAllow authorization, and the default admission plugins
 * plus PodSecurity. `useApiServer()` starts one per test file and stops it after the file's last test, whether
 * its tests passed or not; a watchdog beside each process kills it if the jest worker dies without cleaning up.
 */

/** A running etcd + kube-apiserver pair. */
export interface ApiServer {
  /** A client authenticated as cluster admin. */
  readonly client: ApiClient;
  /** `https://127.0.0.1:<port>`. */
  readonly url: string;
  /** Stops both processes and removes the temporary folder. */
  stop(): Promise<void>;
}

/** The service CIDR the server allocates ClusterIPs from (tests may use addresses in it). */
export const SERVICE_CIDR = '10.96.0.0/16';

/** A free TCP port on loopback (as the kernel hands it out; closed again before use). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Processes started by this worker, killed synchronously on exit should `stop()` never run. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const p of running) p.kill('SIGKILL');
});

/**
 * Starts a binary, and beside it a small shell watchdog that kills it once this process (the jest worker) is
 * gone, so that no server outlives the test run even when the worker itself is killed.
 */
function startWatched(binary: string, args: string[], logFile: string): ChildProcess {
  const log = fs.openSync(logFile, 'a');
  const p = spawn(binary, args, { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  running.add(p);
  p.once('exit', () => running.delete(p));
  const watchdog = spawn('sh', ['-c', 'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done; kill -9 "$2" 2>/dev/null; exit 0',
    'watchdog', String(process.pid), String(p.pid)], { stdio: 'ignore', detached: true });
  watchdog.unref();
  return p;
}

/** Ends a process: SIGTERM, then SIGKILL if it is still there after a few seconds (its state is thrown away). */
function stopProcess(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => p.kill('SIGKILL'), 5_000);
    p.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    p.kill('SIGTERM');
  });
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

async function waitFor(what: string, check: () => Promise<boolean>, exited: () => string | undefined, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const gone = exited();
    if (gone) throw new Error(`${what}: ${gone}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function exitedMessage(p: ChildProcess, name: string, logFile: string): string | undefined {
  if (p.exitCode === null && p.signalCode === null) return undefined;
  return `${name} exited (${p.exitCode ?? p.signalCode}); last log lines:\n${tail(logFile)}`;
}

/** Starts etcd and kube-apiserver and waits until the server is ready and the `default` namespace exists. */
export async function startApiServer(): Promise<ApiServer> {
  const etcdBin = requireTool('etcd');
  const apiBin = requireTool('kube-apiserver');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opskit-apiserver-'));
  const [etcdClient, etcdPeer, securePort] = [await freePort(), await freePort(), await freePort()];
  const token = randomBytes(24).toString('hex');

  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  fs.writeFileSync(path.join(dir, 'sa.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  fs.writeFileSync(path.join(dir, 'sa.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
  fs.writeFileSync(path.join(dir, 'tokens.csv'), `${token},opskit-admin,opskit-admin,"system:masters"\n`);

  const etcdLog = path.join(dir, 'etcd.log');
  const etcd = startWatched(etcdBin, [
    '--name=opskit', `--data-dir=${path.join(dir, 'etcd')}`,
    `--listen-client-urls=http://127.0.0.1:${etcdClient}`, `--advertise-client-urls=http://127.0.0.1:${etcdClient}`,
    `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`, `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeer}`,
    `--initial-cluster=opskit=http://127.0.0.1:${etcdPeer}`,
    '--unsafe-no-fsync', '--log-level=error',
  ], etcdLog);

  const apiLog = path.join(dir, 'kube-apiserver.log');
  let api: ChildProcess | undefined;
  const stop = async () => {
    // the API server first: it shuts down cleanly only while its storage is still there
    if (api) await stopProcess(api);
    await stopProcess(etcd);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor('etcd', async () => (await fetchText(`http://127.0.0.1:${etcdClient}/health`)).includes('"health":"true"'),
      () => exitedMessage(etcd, 'etcd', etcdLog), 60_000);
    api = startWatched(apiBin, [
      `--etcd-servers=http://127.0.0.1:${etcdClient}`,
      '--bind-address=127.0.0.1', '--advertise-address=127.0.0.1', `--secure-port=${securePort}`,
      `--cert-dir=${path.join(dir, 'certs')}`,
      `--token-auth-file=${path.join(dir, 'tokens.csv')}`,
      '--authorization-mode=AlwaysAllow',
      `--service-account-key-file=${path.join(dir, 'sa.pub')}`,
      `--service-account-signing-key-file=${path.join(dir, 'sa.key')}`,
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-cluster-ip-range=${SERVICE_CIDR}`,
      // the default admission chain, PodSecurity named explicitly: it is what the restricted-namespace tests prove
      '--enable-admission-plugins=PodSecurity',
      '--allow-privileged=true',
      // loopback is not a routable address for the kubernetes Service's endpoints; nothing here needs them
      '--endpoint-reconciler-type=none',
      '--enable-priority-and-fairness=false',
      '--profiling=false',
      '--v=0',
    ], apiLog);
    const url = `https://127.0.0.1:${securePort}`;
    const client = new ApiClient(url, token);
    const started = api;
    await waitFor('kube-apiserver', async () => (await client.get('/readyz')).status === 200
      && (await client.get('/api/v1/namespaces/default')).status === 200,
    () => exitedMessage(started, 'kube-apiserver', apiLog), 120_000);
    return { client, url, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

function fetchText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.setTimeout(2000, () => req.destroy(new Error('timeout')));
  });
}

/**
 * Starts one API server for the enclosing test file (in `beforeAll`) and stops it in `afterAll`, which jest runs
 * whether the tests passed or failed. Returns a getter for the running server.
 */
export function useApiServer(): () => ApiServer {
  let server: ApiServer | undefined;
  beforeAll(async () => {
    server = await startApiServer();
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
  }, 60_000);
  return () => {
    if (!server) throw new Error('the API server did not start (see the beforeAll error)');
    return server;
  };
}
