import * as fc from 'fast-check';
import { builtinObjectArb } from './support/builtin-arbitraries';
import { validateBuiltinObject } from '../../../src/core/schema/builtin-validation';
import { ApiClient, ApiVerdict } from '../../support/api-client';
import { useApiServer } from '../../support/api-server';
import { fcSeed } from '../../support/fc-seed';
import { describeWithTools } from '../../support/tools';

/*
 * Differential suite: generated built-in objects (valid ones, and ones just past an edge of the value rules of
 * `api-rules.ts` or with an unknown field) go through opskit's tier-3 validator and through a real kube-apiserver
 * (create, dryRun=All, fieldValidation=Strict). opskit must accept exactly what the server accepts.
 */

const CASES = Number(process.env.OPSKIT_FC_APISERVER_CASES ?? 1500);

interface Comparison {
  readonly obj: any;
  readonly opskit: string[];
  readonly server: ApiVerdict;
  readonly agree: boolean;
}

/** Whether the server's answer means its validation passed (a name already taken is checked after validation). */
function serverAccepts(v: ApiVerdict): boolean {
  return v.accepted || v.reason === 'AlreadyExists';
}

async function compare(client: ApiClient, obj: any): Promise<Comparison> {
  const opskit = validateBuiltinObject(obj).map((p) => `${p.field} ${p.expected}`);
  const server = await client.create(obj);
  return { obj, opskit, server, agree: (opskit.length === 0) === serverAccepts(server) };
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  }));
  return out;
}

function explain(c: Comparison): string {
  const side = c.opskit.length === 0 ? 'opskit accepts' : `opskit rejects (${c.opskit.join('; ')})`;
  const server = serverAccepts(c.server) ? 'the server accepts' : `the server rejects (${c.server.status} ${c.server.message})`;
  return `${side}, ${server}: ${JSON.stringify(c.obj)}`;
}

describeWithTools(['kube-apiserver', 'etcd'], 'built-in objects: opskit tier 3 and kube-apiserver agree', () => {
  const server = useApiServer();

  test(`${CASES} generated objects get the same verdict from both`, async () => {
    // GIVEN
    const { client } = server();
    const seed = fcSeed();
    const objects = fc.sample(builtinObjectArb, { seed, numRuns: CASES });

    // WHEN
    const results = await mapLimit(objects, 6, (obj) => compare(client, obj));

    // THEN
    const disagreements = results.filter((r) => !r.agree);
    let shrunk = '';
    if (disagreements.length > 0) {
      // replay the same seed sequentially so fast-check shrinks the first disagreement to a minimal object
      try {
        await fc.assert(fc.asyncProperty(builtinObjectArb, async (obj) => (await compare(client, obj)).agree), { seed, numRuns: CASES });
      } catch (e) {
        shrunk = String((e as Error).message).split('\n').slice(0, 6).join('\n');
      }
    }
    expect({ seed, disagreements: disagreements.length, shrunk, first: disagreements.slice(0, 15).map(explain) })
      .toEqual({ seed, disagreements: 0, shrunk: '', first: [] });
    // both verdicts are well represented, so the suite proves acceptance as well as rejection
    const accepted = results.filter((r) => serverAccepts(r.server)).length;
    expect(accepted).toBeGreaterThan(CASES * 0.2);
    expect(CASES - accepted).toBeGreaterThan(CASES * 0.2);
  }, 900_000);
});
