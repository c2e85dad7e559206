import * as https from 'https';

/*
 * A small client for the test API server (node https, no kubectl): resource discovery, create and server-side
 * apply, with or without `dryRun=All`, always with `fieldValidation=Strict`, and the server's verdict in a form a
 * test can compare: the status, the field paths of every error, and the `Warning` headers.
 */

/** The answer of the server to one request. */
export interface ApiResponse {
  readonly status: number;
  readonly body: any;
  /** The texts of the `Warning` headers (RFC 7234 `299 - "text"`). */
  readonly warnings: string[];
}

/** One error the server reported about a field. */
export interface FieldError {
  /** The field path as the server names it, e.g. `spec.ports[0].port` or `metadata.labels`. */
  readonly field: string;
  readonly message: string;
}

/** The server's verdict on one object. */
export interface ApiVerdict {
  readonly accepted: boolean;
  readonly status: number;
  /** `Invalid`, `BadRequest`, `AlreadyExists`, `NotFound`, `Forbidden`, … (empty when accepted). */
  readonly reason: string;
  readonly message: string;
  /** Every field error: the Status causes, and the unknown or duplicate fields strict validation names. */
  readonly errors: FieldError[];
  readonly warnings: string[];
  /** The object as the server would store it (defaults applied), when accepted. */
  readonly object?: any;
}

/** Where a kind lives in the API. */
export interface ResourceInfo {
  readonly plural: string;
  readonly namespaced: boolean;
}

/** Options of a create or apply. */
export interface WriteOptions {
  /** Ask for `dryRun=All`: everything is checked, nothing is stored. @default true */
  readonly dryRun?: boolean;
}

export class ApiClient {
  private readonly agent = new https.Agent({ keepAlive: true, maxSockets: 8, rejectUnauthorized: false });
  private readonly discovery = new Map<string, Map<string, ResourceInfo>>();

  constructor(private readonly url: string, private readonly token: string) {}

  /** Sends one request; `body` is sent as JSON unless it is a string. */
  public request(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<ApiResponse> {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = https.request(`${this.url}${path}`, {
        method,
        agent: this.agent,
        headers: {
          Authorization: `Bearer ${this.token}`,
          Accept: 'application/json',
          ...(payload === undefined ? {} : { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(payload) }),
        },
      }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          let parsed: any = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // plain-text answers (/readyz) stay text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, warnings: warningsOf(res.rawHeaders) });
        });
      });
      req.on('error', reject);
      req.setTimeout(60_000, () => req.destroy(new Error(`${method} ${path}: no answer after 60s`)));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  public get(path: string): Promise<ApiResponse> {
    return this.request('GET', path);
  }

  /** Where the server serves a kind; throws when it does not serve it (yet). */
  public async resource(apiVersion: string, kind: string): Promise<ResourceInfo> {
    let kinds = this.discovery.get(apiVersion);
    if (!kinds || !kinds.has(kind)) {
      const res = await this.get(apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`);
      kinds = new Map();
      for (const r of res.status === 200 ? res.body.resources ?? [] : []) {
        if (!String(r.name).includes('/')) kinds.set(r.kind, { plural: r.name, namespaced: r.namespaced });
      }
      this.discovery.set(apiVersion, kinds);
    }
    const info = kinds.get(kind);
    if (!info) throw new Error(`the API server does not serve ${kind} in ${apiVersion}`);
    return info;
  }

  /** The collection path of an object's kind (in its namespace, when namespaced). */
  public async collectionPath(obj: any): Promise<string> {
    const apiVersion = String(obj.apiVersion);
    const info = await this.resource(apiVersion, String(obj.kind));
    const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const ns = info.namespaced ? `/namespaces/${encodeURIComponent(obj.metadata?.namespace ?? 'default')}` : '';
    return `${base}${ns}/${info.plural}`;
  }

  /** POSTs the object (a create), strict field validation, dry-run unless told otherwise. */
  public async create(obj: any, options: WriteOptions = {}): Promise<ApiVerdict> {
    const res = await this.request('POST', `${await this.collectionPath(obj)}?${query(options)}`, obj);
    return verdictOf(res);
  }

  /** Server-side apply (`PATCH`, `application/apply-patch+yaml`, force), strict, dry-run unless told otherwise. */
  public async apply(obj: any, options: WriteOptions = {}): Promise<ApiVerdict> {
    const name = encodeURIComponent(String(obj.metadata?.name ?? ''));
    const res = await this.request('PATCH', `${await this.collectionPath(obj)}/${name}?${query(options)}&fieldManager=opskit-test&force=true`,
      obj, 'application/apply-patch+yaml');
    return verdictOf(res);
  }

  /** Really creates (or updates) an object with server-side apply, and throws when the server refuses it. */
  public async ensure(obj: any): Promise<any> {
    const v = await this.apply(obj, { dryRun: false });
    if (!v.accepted) throw new Error(`${obj.kind}/${obj.metadata?.name}: ${v.status} ${v.message}`);
    if (obj.kind === 'CustomResourceDefinition') await this.waitForEstablished(obj.metadata.name);
    return v.object;
  }

  /** Waits until a CRD's `Established` condition is true, then forgets cached discovery of its group. */
  public async waitForEstablished(name: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await this.get(`/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${encodeURIComponent(name)}`);
      const conditions: any[] = res.body?.status?.conditions ?? [];
      if (conditions.some((c) => c.type === 'Established' && c.status === 'True')) {
        for (const v of res.body.spec.versions ?? []) this.discovery.delete(`${res.body.spec.group}/${v.name}`);
        return;
      }
      if (Date.now() > deadline) throw new Error(`CustomResourceDefinition ${name} not Established after ${timeoutMs / 1000}s: ${JSON.stringify(conditions)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Closes idle keep-alive connections. */
  public close(): void {
    this.agent.destroy();
  }
}

function query(options: WriteOptions): string {
  return `fieldValidation=Strict${options.dryRun === false ? '' : '&dryRun=All'}`;
}

/** Turns a response to a write into a verdict with field paths. */
export function verdictOf(res: ApiResponse): ApiVerdict {
  const accepted = res.status >= 200 && res.status < 300;
  if (accepted) return { accepted, status: res.status, reason: '', message: '', errors: [], warnings: res.warnings, object: res.body };
  const body = typeof res.body === 'object' && res.body !== null ? res.body : { message: String(res.body) };
  const message = String(body.message ?? '');
  const errors: FieldError[] = (body.details?.causes ?? [])
    .filter((c: any) => c.field !== undefined)
    .map((c: any) => ({ field: String(c.field), message: String(c.message ?? '') }));
  errors.push(...strictDecodingErrors(message));
  return { accepted, status: res.status, reason: String(body.reason ?? ''), message, errors, warnings: res.warnings };
}

/** The fields a strict-decoding error names: `unknown field "spec.foo"`, `duplicate field "bar"`. */
export function strictDecodingErrors(message: string): FieldError[] {
  const out: FieldError[] = [];
  for (const m of message.matchAll(/(unknown|duplicate) field "((?:[^"\\]|\\.)*)"/g)) {
    out.push({ field: m[2].replace(/\\(.)/g, '$1'), message: `${m[1]} field` });
  }
  return out;
}

/** The texts of every `Warning` header (`299 - "text"`, quotes and backslashes escaped). */
export function warningsOf(rawHeaders: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i].toLowerCase() !== 'warning') continue;
    const m = /^\d{3} \S+ "((?:[^"\\]|\\.)*)"/.exec(rawHeaders[i + 1]);
    out.push(m ? m[1].replace(/\\(.)/g, '$1') : rawHeaders[i + 1]);
  }
  return out;
}
