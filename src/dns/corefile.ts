import { OpsError } from '../core/ops-error';
import { describeProblem, Problem } from '../core/problem';
import { CorefileModel, renderCorefile, ServerBlockModel } from './model/corefile';
import { validateServerBlockModel } from './model/corefile-validate';
import { DnsCacheOptions, DnsForwardOptions } from './options';
import { toCacheModel, toForwardModel } from './options-convert';

/** The `forward` plugin of a server block. @see https://coredns.io/plugins/forward/ */
export interface CorefileForward extends DnsForwardOptions {
  /** Upstreams: `ip[:port]`, `[ipv6]:port`, or a node-cache placeholder such as `__PILLAR__UPSTREAM__SERVERS__`. */
  readonly to: string[];
  /** The zone forwarded (`FROM`). @default "." */
  readonly from?: string;
}

/** One server block of a Corefile. @see https://coredns.io/manual/configuration/#server-blocks */
export interface CorefileServerBlock {
  /** The zone, e.g. `cluster.local`, `in-addr.arpa` or `.`. */
  readonly zone: string;
  /** The port. @default 53 @integer */
  readonly port?: number;
  /** `bind` addresses (IPv6 written plain). @default - all addresses */
  readonly bind?: string[];
  /** The `cache` plugin. @default - no cache */
  readonly cache?: DnsCacheOptions;
  /** The `forward` plugin. @default - no forwarding */
  readonly forward?: CorefileForward;
  /** `health` listen address (host may be empty for all addresses). @default - no health endpoint */
  readonly health?: CorefileHealth;
  /** `prometheus` listen address, e.g. `:9253` or `[fd00::10]:9253`. @default - no metrics */
  readonly prometheus?: string;
  /** Log every query (`log`). @default false */
  readonly log?: boolean;
  /** Log errors (`errors`). @default true */
  readonly errors?: boolean;
  /** Reload the Corefile on change (`reload`). @default true */
  readonly reload?: boolean;
  /** Detect forwarding loops (`loop`). @default true */
  readonly loop?: boolean;
  /** Answer AAAA queries with NOERROR/no data (`template IN AAAA`), for IPv4-only clusters. @default false */
  readonly suppressAaaa?: boolean;
}

/** The `health` plugin's address. @see https://coredns.io/plugins/health/ */
export interface CorefileHealth {
  /** Host to listen on; IPv6 is bracketed for you. @default "" (all addresses) */
  readonly host?: string;
  /** Port. @default 8080 @integer */
  readonly port?: number;
}

/**
 * A CoreDNS configuration file, built from typed server blocks and rendered in CoreDNS syntax.
 *
 * IPv6 addresses are bracketed where `IP:port` syntax needs it; options are checked before rendering.
 *
 * @example
 * const corefile = Corefile.fromServerBlocks([{
 *   zone: 'example.com',
 *   bind: ['169.254.20.10'],
 *   cache: { ttl: Duration.seconds(30) },
 *   forward: { to: ['10.0.0.2'], transport: ForwardTransport.PREFER_UDP },
 * }]);
 * corefile.render();
 */
export class Corefile {
  /** A Corefile made of the given server blocks, in order. */
  public static fromServerBlocks(blocks: CorefileServerBlock[]): Corefile {
    const c = new Corefile([]);
    blocks.forEach((b) => c.addServerBlock(b));
    return c;
  }

  /** @internal */
  public static _fromModel(model: CorefileModel): Corefile {
    return new Corefile([...model.serverBlocks], model.extraServerBlocks);
  }

  private readonly problemsFound: Problem[] = [];

  private constructor(private readonly blocks: ServerBlockModel[], private readonly extra?: string) {}

  /** Adds a server block at the end. */
  public addServerBlock(block: CorefileServerBlock): void {
    const model: ServerBlockModel = {
      zone: block.zone,
      port: block.port ?? 53,
      log: block.log,
      errors: block.errors ?? true,
      cache: block.cache ? toCacheModel(block.cache, {}) : undefined,
      reload: block.reload ?? true,
      loop: block.loop ?? true,
      bind: block.bind,
      forward: block.forward ? { from: block.forward.from ?? '.', to: block.forward.to, ...toForwardModel(block.forward) } : undefined,
      suppressAaaa: block.suppressAaaa,
      prometheus: block.prometheus,
      health: block.health ? { host: block.health.host ?? '', port: block.health.port ?? 8080 } : undefined,
    };
    this.problemsFound.push(...validateServerBlockModel(`serverBlocks[${this.blocks.length}]`, model));
    this.blocks.push(model);
  }

  /** The zones of the server blocks, in order. */
  public get zones(): string[] {
    return this.blocks.map((b) => b.zone);
  }

  /** What is wrong with the options given, one line each (empty when valid). */
  public validate(): string[] {
    return this.problemsFound.map(describeProblem);
  }

  /**
   * The Corefile text; throws an `OpsError` listing every problem `validate()` reports (a Corefile is not a
   * construct: its problems are located at the path `Corefile`).
   */
  public render(): string {
    if (this.problemsFound.length > 0) {
      throw new OpsError(this.problemsFound.map((p) => ({ ...p, path: 'Corefile' })));
    }
    return renderCorefile({ serverBlocks: this.blocks, extraServerBlocks: this.extra });
  }

  /** Same as `render()`. */
  public toString(): string {
    return this.render();
  }
}
