import { ChartDependencySpec, chartDependencyProblems, renderDependencies } from './chart-dependencies';
import { isChartVersion } from './chart-version';
import { isDns1123Label } from '../../core/names';
import { Problem, problem } from '../../core/problem';
import { toYaml } from '../../core/yaml';

/** A maintainer of a chart, as `Chart.yaml` lists them. */
export interface ChartMaintainerSpec {
  readonly name: string;
  readonly email?: string;
  readonly url?: string;
}

/** The fields of `Chart.yaml` opskit writes (`apiVersion: v2`, `type: application`). */
export interface ChartMetadataSpec {
  readonly name: string;
  readonly version: string;
  readonly appVersion?: string;
  readonly description: string;
  readonly kubeVersion?: string;
  readonly keywords?: readonly string[];
  readonly maintainers?: readonly ChartMaintainerSpec[];
  readonly home?: string;
  readonly sources?: readonly string[];
  readonly icon?: string;
  readonly annotations?: { readonly [key: string]: string };
  readonly dependencies?: readonly ChartDependencySpec[];
}

const URL = /^https?:\/\/[^\s]+$/;
/** An e-mail address as `helm lint` accepts it: something, `@`, a domain with a dot. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Problems of the chart's metadata, as `helm lint --strict` would report them (and a few it would let through). */
export function chartMetadataProblems(m: ChartMetadataSpec): Problem[] {
  const out: Problem[] = [];
  if (!isDns1123Label(m.name)) {
    out.push(problem('name', 'must be a chart name: at most 63 lowercase letters, digits or "-" (a DNS-1123 label)', m.name, 'it defaults to the construct id: use a lowercase id such as "backup-operator", or set name'));
  }
  if (!isChartVersion(m.version)) {
    out.push(problem('version', 'must be a SemVer 2 version', m.version, 'use e.g. "1.2.0" (or "1.2.0-rc.1")'));
  }
  const line = (field: string, value: string | undefined, fix: string) => {
    if (value !== undefined && (value.trim() === '' || /[\r\n]/.test(value))) out.push(problem(field, 'must be one non-empty line', value, fix));
  };
  line('appVersion', m.appVersion, 'give the version of the software the chart installs, e.g. "v0.3.1"');
  line('description', m.description, 'describe the chart in one sentence');
  line('kubeVersion', m.kubeVersion, 'give a SemVer constraint such as ">=1.28.0-0"');
  m.keywords?.forEach((k, i) => line(`keywords[${i}]`, k, 'give a word such as "backup"'));
  const url = (field: string, value: string | undefined) => {
    if (value !== undefined && !URL.test(value)) out.push(problem(field, 'must be an http(s) URL', value, 'use e.g. "https://github.com/acme/backup-operator"'));
  };
  url('home', m.home);
  url('icon', m.icon);
  m.sources?.forEach((s, i) => url(`sources[${i}]`, s));
  m.maintainers?.forEach((mt, i) => {
    line(`maintainers[${i}].name`, mt.name, 'give the maintainer\'s name');
    if (mt.email !== undefined && !EMAIL.test(mt.email)) {
      out.push(problem(`maintainers[${i}].email`, 'must be an e-mail address', mt.email, 'use e.g. "team@example.com"'));
    }
    url(`maintainers[${i}].url`, mt.url);
  });
  out.push(...chartDependencyProblems(m.dependencies ?? []));
  return out;
}

/** `Chart.yaml`. */
export function renderChartYaml(m: ChartMetadataSpec): string {
  return toYaml({
    apiVersion: 'v2',
    name: m.name,
    description: m.description,
    type: 'application',
    version: m.version,
    appVersion: m.appVersion,
    kubeVersion: m.kubeVersion,
    keywords: m.keywords && m.keywords.length > 0 ? m.keywords : undefined,
    home: m.home,
    sources: m.sources && m.sources.length > 0 ? m.sources : undefined,
    maintainers: m.maintainers && m.maintainers.length > 0
      ? m.maintainers.map((mt) => ({ name: mt.name, email: mt.email, url: mt.url }))
      : undefined,
    icon: m.icon,
    annotations: m.annotations && Object.keys(m.annotations).length > 0 ? m.annotations : undefined,
    dependencies: renderDependencies(m.dependencies ?? []),
  }, 'Chart.yaml');
}
