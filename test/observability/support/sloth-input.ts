import * as fs from 'fs';
import * as path from 'path';
import { Duration } from 'cdk8s';
import { parsePromDuration } from '../../../src/core/duration';
import { parseYamlDocuments } from '../../../src/core/yaml';

/**
 * Reads Sloth input specs (prometheus/v1, sloth.slok.dev/v1 PrometheusServiceLevel, openslo/v1alpha) and
 * turns each SLO into the props of an opskit ServiceLevelObjective, so conformance tests build the same
 * SLOs through opskit. Test-only: opskit's users write props, not Sloth YAML.
 */

/** One SLO to build, and where Sloth would put it. */
export interface SlothSlo {
  /** The SLO with durations as Sloth's text (a model `SloSpec`); `sloConstructProps` makes them construct props. */
  readonly props: any;
  /** Index of the input document the SLO came from. */
  readonly document: number;
  /** For k8s input: the PrometheusServiceLevel's name and namespace. */
  readonly k8s?: { readonly name: string; readonly namespace?: string };
}

/** CLI options of `sloth generate` that change the output. */
export interface SlothCliOptions {
  readonly extraLabels?: Record<string, string>;
  readonly defaultPeriod?: string;
  /** Custom windows (an AlertWindows `spec`), keyed by their `sloPeriod`. */
  readonly windows?: any;
  /** `--disable-alerts`: both alerts disabled. */
  readonly disableAlerts?: boolean;
  /** `--disable-recordings`: the construct's `recordingRules: false`. */
  readonly disableRecordings?: boolean;
  /** `sloth_version` written into `sloth_slo_info`. */
  readonly version: string;
}

function alert(a: any, k8s: boolean): any {
  if (!a) return undefined;
  return { disable: a.disable, labels: a.labels, annotations: a.annotations, ...(k8s ? {} : {}) };
}

function windowsSpec(w: any): any {
  if (!w) return undefined;
  const pair = (p: any) => ({ errorBudgetPercent: p.errorBudgetPercent, shortWindow: p.shortWindow, longWindow: p.longWindow });
  return {
    sloPeriod: w.sloPeriod,
    pageQuick: pair(w.page.quick),
    pageSlow: pair(w.page.slow),
    ticketQuick: pair(w.ticket.quick),
    ticketSlow: pair(w.ticket.slow),
  };
}

/** Reads an AlertWindows file and returns its spec in opskit's shape. */
export function readSlothWindows(file: string): any {
  return windowsSpec(parseYamlDocuments(fs.readFileSync(file, 'utf8'))[0].spec);
}

/** Every SLO of a Sloth input file, in Sloth's output order. */
export function readSlothInput(file: string, cli: SlothCliOptions): SlothSlo[] {
  const docs = parseYamlDocuments(fs.readFileSync(file, 'utf8'));
  return docs.flatMap((doc, i) => {
    const slos = slosOfDocument(doc, i, cli);
    if (!slos) throw new Error(`${path.basename(file)}: document ${i} is not a Sloth spec this reader knows (${doc.version ?? doc.apiVersion})`);
    return slos;
  });
}

/**
 * The SLOs of one Sloth input document as opskit props, or undefined when it is not a spec this reader knows.
 * With `missingAlertName: 'empty'` an absent `alerting.name` becomes `''`, as Sloth's Go struct reads it
 * (by default it is left unset, so opskit's default name applies).
 */
export function slosOfDocument(doc: any, i: number, cli: SlothCliOptions, missingAlertName: 'unset' | 'empty' = 'unset'): SlothSlo[] | undefined {
  const out: SlothSlo[] = [];
  if (doc.version === 'prometheus/v1' || doc.kind === 'PrometheusServiceLevel') {
    const k8s = doc.kind === 'PrometheusServiceLevel';
    const spec = k8s ? doc.spec : doc;
    for (const slo of spec.slos) {
      const sli = slo.sli.events
        ? { events: { errorQuery: slo.sli.events[k8s ? 'errorQuery' : 'error_query'], totalQuery: slo.sli.events[k8s ? 'totalQuery' : 'total_query'] } }
        : slo.sli.raw ? { raw: { errorRatioQuery: slo.sli.raw[k8s ? 'errorRatioQuery' : 'error_ratio_query'] } } : {};
      const al = slo.alerting ?? {};
      out.push({
        document: i,
        k8s: k8s ? { name: doc.metadata.name, namespace: doc.metadata.namespace } : undefined,
        props: common(cli, {
          service: spec.service,
          name: slo.name,
          objective: slo.objective,
          description: slo.description,
          sli: slo.sli.events && slo.sli.raw ? { ...sli, raw: { errorRatioQuery: slo.sli.raw[k8s ? 'errorRatioQuery' : 'error_ratio_query'] } } : sli,
          labels: { ...(spec.labels ?? {}), ...(slo.labels ?? {}) },
          alerting: {
            name: al.name ?? (missingAlertName === 'empty' ? '' : undefined),
            labels: al.labels,
            annotations: al.annotations,
            pageAlert: alert(al[k8s ? 'pageAlert' : 'page_alert'], k8s),
            ticketAlert: alert(al[k8s ? 'ticketAlert' : 'ticket_alert'], k8s),
          },
          info: { version: cli.version, mode: k8s ? 'cli-gen-k8s' : 'cli-gen-prom', spec: k8s ? 'sloth.slok.dev/v1' : 'prometheus/v1' },
        }),
      });
    }
  } else if (doc.apiVersion === 'openslo/v1alpha' && doc.kind === 'SLO') {
    const s = doc.spec;
    const period = s.timeWindows?.[0] ? `${s.timeWindows[0].count}${{ Day: 'd', Week: 'w', Hour: 'h' }[s.timeWindows[0].unit as string]}` : undefined;
    s.objectives.forEach((o: any, oi: number) => {
      const good = o.ratioMetrics.good.query;
      const total = o.ratioMetrics.total.query;
      out.push({
        document: i,
        props: common(cli, {
          service: s.service,
          name: `${doc.metadata.name}-${oi}`,
          objective: o.target * 100,
          description: s.description,
          sli: { raw: { errorRatioQuery: `\n  1 - (\n    (\n      ${good}\n    )\n    /\n    (\n      ${total}\n    )\n  )\n` } },
          period,
          labels: {},
          alerting: { pageAlert: { disable: true }, ticketAlert: { disable: true } },
          info: { version: cli.version, mode: 'cli-gen-openslo', spec: 'openslo/v1alpha' },
        }),
      });
    });
  } else {
    return undefined;
  }
  return out;
}

/**
 * The props of `ServiceLevelObjective` for an SLO read from Sloth input: its durations (Sloth's Prometheus
 * text) as cdk8s `Duration`s. Text Prometheus cannot parse stays text, for the construct to reject as Sloth does.
 */
export function sloConstructProps(props: any): any {
  const duration = (text: unknown) => {
    const ms = typeof text === 'string' ? parsePromDuration(text) : undefined;
    return ms === undefined ? text : Duration.millis(ms);
  };
  const pair = (p: any) => p && { ...p, shortWindow: duration(p.shortWindow), longWindow: duration(p.longWindow) };
  const w = props.alertWindows;
  return {
    ...props,
    period: duration(props.period),
    alertWindows: w && {
      ...w,
      sloPeriod: duration(w.sloPeriod),
      pageQuick: pair(w.pageQuick),
      pageSlow: pair(w.pageSlow),
      ticketQuick: pair(w.ticketQuick),
      ticketSlow: pair(w.ticketSlow),
    },
  };
}

function common(cli: SlothCliOptions, props: any): any {
  const period = props.period ?? cli.defaultPeriod;
  return {
    ...props,
    period,
    alertWindows: cli.windows && period && cli.windows.sloPeriod === period ? cli.windows : undefined,
    labels: { ...props.labels, ...(cli.extraLabels ?? {}) },
    alerting: cli.disableAlerts
      ? { ...props.alerting, pageAlert: { disable: true }, ticketAlert: { disable: true } }
      : props.alerting,
    recordingRules: cli.disableRecordings ? false : undefined,
  };
}

/** Sloth's expected output: the `.tpl` Go template rendered (`{{ .version }}` and `{{"…"}}` literals). */
export function readSlothExpected(file: string, version: string): any[] {
  let text = fs.readFileSync(file, 'utf8');
  if (file.endsWith('.tpl')) {
    text = text.replace(/\{\{\s*\.version\s*\}\}/g, version).replace(/\{\{"((?:[^"\\]|\\.)*)"\}\}/g, (_m, s) => JSON.parse(`"${s}"`));
  }
  return parseYamlDocuments(text);
}
