/**
 * A stub upstream DNS server (UDP and TCP on one loopback port) and a one-shot DNS client, for tests that run
 * the real CoreDNS on loopback. Only what those tests need of the wire format (RFC 1035): one question, A
 * answers, the response code.
 */
/* eslint-disable no-bitwise */ // DNS header flags and name-compression pointers are bit fields
import * as dgram from 'dgram';
import * as net from 'net';

/** A question the stub received. */
export interface StubQuestion {
  readonly name: string;
  readonly type: number;
  readonly transport: 'udp' | 'tcp';
}

/** An answer read by `queryA`. */
export interface DnsAnswer {
  readonly rcode: number;
  readonly addresses: string[];
}

export const TYPE_A = 1;

/** The address the stub answers for a name (cluster names and external names get different ones). */
export function stubAddressFor(name: string, clusterDomain: string): string {
  const n = name.toLowerCase().replace(/\.$/, '');
  return n === clusterDomain || n.endsWith(`.${clusterDomain}`) ? '10.1.2.3' : '192.0.2.7';
}

function encodeName(name: string): Buffer {
  const labels = name.replace(/\.$/, '').split('.').filter((l) => l.length > 0);
  const parts = labels.map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l, 'ascii')]));
  return Buffer.concat([...parts, Buffer.from([0])]);
}

/** Reads a (possibly compressed) name at `offset`; returns it and the offset after it. */
function readName(msg: Buffer, offset: number): [string, number] {
  const labels: string[] = [];
  let pos = offset;
  let end = -1;
  for (let hops = 0; hops < 64; hops++) {
    const len = msg[pos];
    if (len === 0) {
      if (end < 0) end = pos + 1;
      return [labels.join('.') + '.', end];
    }
    if ((len & 0xc0) === 0xc0) {
      if (end < 0) end = pos + 2;
      pos = ((len & 0x3f) << 8) | msg[pos + 1];
      continue;
    }
    labels.push(msg.toString('ascii', pos + 1, pos + 1 + len));
    pos += 1 + len;
  }
  throw new Error('dns: name compression loop');
}

/** A query message for one question. */
export function buildQuery(id: number, name: string, type: number): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(0x0100, 2); // RD
  header.writeUInt16BE(1, 4);
  const tail = Buffer.alloc(4);
  tail.writeUInt16BE(type, 0);
  tail.writeUInt16BE(1, 2);
  return Buffer.concat([header, encodeName(name), tail]);
}

/** Parses a response: its id, rcode and the A records of the answer section. */
export function parseResponse(msg: Buffer): { id: number; rcode: number; addresses: string[] } {
  const id = msg.readUInt16BE(0);
  const rcode = msg.readUInt16BE(2) & 0x000f;
  const qd = msg.readUInt16BE(4);
  const an = msg.readUInt16BE(6);
  let pos = 12;
  for (let i = 0; i < qd; i++) pos = readName(msg, pos)[1] + 4;
  const addresses: string[] = [];
  for (let i = 0; i < an; i++) {
    pos = readName(msg, pos)[1];
    const type = msg.readUInt16BE(pos);
    const rdlength = msg.readUInt16BE(pos + 8);
    if (type === TYPE_A && rdlength === 4) addresses.push([...msg.subarray(pos + 10, pos + 14)].join('.'));
    pos += 10 + rdlength;
  }
  return { id, rcode, addresses };
}

/** The stub's answer to a query: A records from `stubAddressFor`, NOERROR without records for other types. */
function answer(query: Buffer, clusterDomain: string): { response: Buffer; question: { name: string; type: number } } {
  const [name, after] = readName(query, 12);
  const type = query.readUInt16BE(after);
  const question = query.subarray(12, after + 4);
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0);
  header.writeUInt16BE(0x8180 | (query.readUInt16BE(2) & 0x0100), 2); // QR, RA, RD echoed
  header.writeUInt16BE(1, 4);
  const answers: Buffer[] = [];
  if (type === TYPE_A) {
    const rr = Buffer.alloc(16);
    rr.writeUInt16BE(0xc00c, 0); // the question's name
    rr.writeUInt16BE(TYPE_A, 2);
    rr.writeUInt16BE(1, 4);
    rr.writeUInt32BE(30, 6);
    rr.writeUInt16BE(4, 10);
    stubAddressFor(name, clusterDomain).split('.').forEach((o, i) => rr.writeUInt8(Number(o), 12 + i));
    answers.push(rr);
  }
  header.writeUInt16BE(answers.length, 6);
  return { response: Buffer.concat([header, question, ...answers]), question: { name, type } };
}

/** A running stub upstream. */
export interface StubServer {
  readonly port: number;
  readonly questions: StubQuestion[];
  close(): Promise<void>;
}

/** Starts the stub on 127.0.0.1 (UDP and TCP on the same free port). */
export async function startStub(clusterDomain: string): Promise<StubServer> {
  const questions: StubQuestion[] = [];
  const sockets = new Set<net.Socket>();
  for (let attempt = 0; ; attempt++) {
    const tcp = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      let buf = Buffer.alloc(0);
      socket.on('data', (chunk) => {
        buf = Buffer.concat([buf, chunk]);
        while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
          const len = buf.readUInt16BE(0);
          const { response, question } = answer(buf.subarray(2, 2 + len), clusterDomain);
          questions.push({ ...question, transport: 'tcp' });
          const prefix = Buffer.alloc(2);
          prefix.writeUInt16BE(response.length, 0);
          socket.write(Buffer.concat([prefix, response]));
          buf = buf.subarray(2 + len);
        }
      });
      socket.on('error', () => socket.destroy());
    });
    await new Promise<void>((resolve, reject) => { tcp.once('error', reject); tcp.listen(0, '127.0.0.1', () => resolve()); });
    const port = (tcp.address() as net.AddressInfo).port;
    const udp = dgram.createSocket('udp4');
    const bound = await new Promise<boolean>((resolve) => {
      udp.once('error', () => resolve(false));
      udp.bind(port, '127.0.0.1', () => resolve(true));
    });
    if (!bound) {
      tcp.close();
      udp.close();
      if (attempt > 10) throw new Error('dns stub: no free port for both UDP and TCP');
      continue;
    }
    udp.on('message', (msg, rinfo) => {
      const { response, question } = answer(msg, clusterDomain);
      questions.push({ ...question, transport: 'udp' });
      udp.send(response, rinfo.port, rinfo.address);
    });
    return {
      port,
      questions,
      close: () => new Promise<void>((resolve) => {
        udp.close();
        for (const socket of sockets) socket.destroy();
        tcp.close(() => resolve());
      }),
    };
  }
}

/** Sends one A query over UDP to 127.0.0.1:port; `undefined` when nothing answers within `timeoutMs`. */
export function queryA(port: number, name: string, timeoutMs = 2000): Promise<DnsAnswer | undefined> {
  return new Promise((resolve) => {
    const id = Math.floor(Math.random() * 0xffff);
    const socket = dgram.createSocket('udp4');
    const timer = setTimeout(() => { socket.close(); resolve(undefined); }, timeoutMs);
    socket.on('message', (msg) => {
      const r = parseResponse(msg);
      if (r.id !== id) return;
      clearTimeout(timer);
      socket.close();
      resolve({ rcode: r.rcode, addresses: r.addresses });
    });
    socket.on('error', () => { clearTimeout(timer); socket.close(); resolve(undefined); });
    socket.send(buildQuery(id, name, TYPE_A), port, '127.0.0.1');
  });
}

/** A free TCP port on loopback (also free for UDP in practice; CoreDNS reports it if not). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}
