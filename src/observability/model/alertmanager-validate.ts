/**
 * Validation of an Alertmanager configuration: the checks Alertmanager itself runs when it loads a config
 * (`config/config.go`, `timeinterval/timeinterval.go`), plus opskit's rule that no secret is written in plain
 * text. Returns problems; never throws.
 */
import {
  AlertmanagerReceiver, AlertmanagerRouteSpec, AlertmanagerSecret, AlertmanagerSpec, AlertmanagerTimeInterval,
  parseDuration,
} from './alertmanager';
import { LABEL_NAME, parseMatchers } from './alertmanager-matchers';
import { urlCredentials } from './url-credentials';
import { Problem, problem } from '../../core/problem';

const NAME_FIX = 'use a non-empty name';
const DURATION_FIX = 'use a cdk8s Duration such as Duration.seconds(30), Duration.minutes(5) or Duration.hours(4)';

/** Every problem of an Alertmanager configuration. */
export function validateAlertmanagerSpec(spec: AlertmanagerSpec): Problem[] {
  const problems: Problem[] = [];
  const receiverNames = validateReceivers(spec, problems);
  const intervalNames = validateTimeIntervals(spec.timeIntervals ?? [], problems);
  if (!spec.route || typeof spec.route !== 'object') {
    problems.push(problem('route', 'must be a route object with a receiver', spec.route, 'give a root route, e.g. { receiver: "default" }'));
  } else {
    validateRootRoute(spec.route, problems);
    validateRoute(spec.route, 'route', receiverNames, intervalNames, problems);
  }
  (spec.inhibitRules ?? []).forEach((rule, i) => {
    const f = `inhibitRules[${i}]`;
    const src = parseMatchers(rule.sourceMatchers, `${f}.sourceMatchers`);
    const tgt = parseMatchers(rule.targetMatchers, `${f}.targetMatchers`);
    problems.push(...src.problems, ...tgt.problems);
    if ((rule.sourceMatchers ?? []).length === 0) {
      problems.push(problem(`${f}.sourceMatchers`, 'must have at least one matcher', rule.sourceMatchers, 'name the alerts that inhibit, e.g. [\'sloth_severity="page"\']'));
    }
    if ((rule.targetMatchers ?? []).length === 0) {
      problems.push(problem(`${f}.targetMatchers`, 'must have at least one matcher', rule.targetMatchers, 'name the alerts that get muted, e.g. [\'sloth_severity="ticket"\']'));
    }
    checkLabelNames(rule.equal, `${f}.equal`, problems);
  });
  (spec.templates ?? []).forEach((t, i) => {
    if (typeof t !== 'string' || t.trim() === '') {
      problems.push(problem(`templates[${i}]`, 'must be a non-empty file path or glob', t, 'give e.g. "/etc/alertmanager/templates/*.tmpl"'));
    }
  });
  for (const [file, text] of Object.entries(spec.templateFiles ?? {})) {
    const f = `templateFiles.${file}`;
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(file)) {
      problems.push(problem(f, 'must be a plain file name (letters, digits, ".", "_", "-")', file, 'use e.g. "slo.tmpl"'));
    }
    problems.push(...checkTemplateBraces(text, f));
  }
  validateGlobal(spec, problems);
  return problems;
}

function validateRootRoute(route: AlertmanagerRouteSpec, problems: Problem[]): void {
  if (!route.receiver) {
    problems.push(problem('route.receiver', 'must be set on the root route', route.receiver, 'name the default receiver, e.g. "default"'));
  }
  if ((route.matchers ?? []).length > 0) {
    problems.push(problem('route.matchers', 'must be empty on the root route (it receives every alert)', route.matchers, 'move the matchers to a child route under route.routes'));
  }
  for (const key of ['muteTimeIntervals', 'activeTimeIntervals'] as const) {
    if ((route[key] ?? []).length > 0) {
      problems.push(problem(`route.${key}`, 'must be empty on the root route', route[key], 'set time intervals on a child route'));
    }
  }
  if (route.continue) {
    problems.push(problem('route.continue', 'must not be set on the root route (Alertmanager rejects it: it has no siblings)', route.continue, 'set continue on a child route under route.routes'));
  }
}

function validateRoute(route: AlertmanagerRouteSpec, f: string, receivers: Set<string>, intervals: Set<string>, problems: Problem[]): void {
  if (route.receiver !== undefined && !receivers.has(route.receiver)) {
    problems.push(problem(`${f}.receiver`, `must name a receiver (${[...receivers].sort().join(', ') || 'none defined'})`, route.receiver,
      'add a receiver with that name to receivers or fix the name'));
  }
  problems.push(...parseMatchers(route.matchers, `${f}.matchers`).problems);
  if (route.groupBy !== undefined) {
    if (route.groupBy.includes('...') && route.groupBy.length > 1) {
      problems.push(problem(`${f}.groupBy`, 'must be [\'...\'] alone when grouping by all labels', route.groupBy, 'remove the other labels or the \'...\''));
    } else if (!route.groupBy.includes('...')) {
      checkLabelNames(route.groupBy, `${f}.groupBy`, problems);
      const dup = route.groupBy.find((l, i) => route.groupBy!.indexOf(l) !== i);
      if (dup !== undefined) problems.push(problem(`${f}.groupBy`, 'must not repeat a label', dup, 'list each label once'));
    }
  }
  for (const key of ['groupWait', 'groupInterval', 'repeatInterval'] as const) {
    const v = route[key];
    if (v === undefined) continue;
    const ms = parseDuration(v);
    if (ms === undefined) {
      problems.push(problem(`${f}.${key}`, 'must be a duration', v, DURATION_FIX));
    } else if (ms === 0 && key !== 'groupWait') {
      problems.push(problem(`${f}.${key}`, 'must be greater than zero', v, `give a positive duration, e.g. ${key === 'groupInterval' ? 'Duration.minutes(5)' : 'Duration.hours(4)'}`));
    }
  }
  for (const key of ['muteTimeIntervals', 'activeTimeIntervals'] as const) {
    (route[key] ?? []).forEach((name, i) => {
      if (!intervals.has(name)) {
        problems.push(problem(`${f}.${key}[${i}]`, 'must name a time interval defined in timeIntervals', name, 'add the interval to timeIntervals or fix the name'));
      }
    });
  }
  (route.routes ?? []).forEach((child, i) => validateRoute(child, `${f}.routes[${i}]`, receivers, intervals, problems));
}

function validateReceivers(spec: AlertmanagerSpec, problems: Problem[]): Set<string> {
  const names = new Set<string>();
  if (!Array.isArray(spec.receivers) || spec.receivers.length === 0) {
    problems.push(problem('receivers', 'must list at least one receiver', spec.receivers, 'add e.g. { name: "default" }'));
    return names;
  }
  spec.receivers.forEach((r, i) => {
    const f = `receivers[${i}]`;
    if (!r.name || typeof r.name !== 'string') {
      problems.push(problem(`${f}.name`, 'must be a non-empty string', r.name, NAME_FIX));
    } else if (names.has(r.name)) {
      problems.push(problem(`${f}.name`, 'must be unique among receivers', r.name, 'rename one of the receivers'));
    }
    names.add(r.name);
    validateReceiverConfigs(r, f, spec, problems);
  });
  return names;
}

/** The largest double below 2^64: the largest max_alerts a uint64 holds once written. */
const MAX_UINT64_DOUBLE = 18446744073709549568;

function validateReceiverConfigs(r: AlertmanagerReceiver, f: string, spec: AlertmanagerSpec, problems: Problem[]): void {
  // send_resolved is a YAML bool for amtool: the string 'false' fails to unmarshal
  for (const [key, list] of Object.entries(r)) {
    if (!key.endsWith('Configs') || !Array.isArray(list)) continue;
    list.forEach((c: any, i: number) => {
      if (c?.sendResolved !== undefined && typeof c.sendResolved !== 'boolean') {
        problems.push(problem(`${f}.${key}[${i}].sendResolved`, 'must be a boolean', c.sendResolved, 'use true or false, not a string'));
      }
    });
  }
  (r.webhookConfigs ?? []).forEach((c, i) => {
    const cf = `${f}.webhookConfigs[${i}]`;
    if ((c.url === undefined) === (c.urlSecret === undefined)) {
      problems.push(problem(cf, 'must set exactly one of url and urlSecret', { url: c.url, urlSecret: c.urlSecret ? 'set' : undefined },
        'give url for a plain endpoint, or urlSecret when the URL carries a token'));
    }
    if (c.url !== undefined) checkUrl(c.url, `${cf}.url`, problems);
    if (c.urlSecret !== undefined) checkSecret(c.urlSecret, `${cf}.urlSecret`, problems);
    // amtool decodes max_alerts as a uint64: 1e20 (or 1e308) fails to unmarshal
    if (c.maxAlerts !== undefined && (!Number.isInteger(c.maxAlerts) || c.maxAlerts < 0 || c.maxAlerts > MAX_UINT64_DOUBLE)) {
      problems.push(problem(`${cf}.maxAlerts`, 'must be an integer between 0 and 2^64 - 1', c.maxAlerts, 'use 0 for all alerts'));
    }
  });
  (r.slackConfigs ?? []).forEach((c, i) => {
    checkSecret(c.apiUrl, `${f}.slackConfigs[${i}].apiUrl`, problems);
    checkTemplateFields(c, ['channel', 'title', 'text'], `${f}.slackConfigs[${i}]`, problems);
  });
  (r.pagerdutyConfigs ?? []).forEach((c, i) => {
    const cf = `${f}.pagerdutyConfigs[${i}]`;
    if ((c.routingKey === undefined) === (c.serviceKey === undefined)) {
      problems.push(problem(cf, 'must set exactly one of routingKey and serviceKey', undefined,
        'give routingKey for an Events API v2 integration (or serviceKey for a v1 "Prometheus" integration)'));
    }
    if (c.routingKey !== undefined) checkSecret(c.routingKey, `${cf}.routingKey`, problems);
    if (c.serviceKey !== undefined) checkSecret(c.serviceKey, `${cf}.serviceKey`, problems);
    checkTemplateFields(c, ['severity', 'description'], cf, problems);
  });
  (r.emailConfigs ?? []).forEach((c, i) => {
    const cf = `${f}.emailConfigs[${i}]`;
    if (!c.to) problems.push(problem(`${cf}.to`, 'must be a recipient address', c.to, 'give e.g. "oncall@example.com"'));
    if (!c.from && !spec.global?.smtpFrom) {
      problems.push(problem(`${cf}.from`, 'must be set here or as global.smtpFrom', c.from, 'give a sender address, e.g. "alertmanager@example.com"'));
    }
    const host = c.smarthost ?? spec.global?.smtpSmarthost;
    if (!host) {
      problems.push(problem(`${cf}.smarthost`, 'must be set here or as global.smtpSmarthost', c.smarthost, 'give the SMTP server as host:port, e.g. "smtp.example.com:587"'));
    } else if (!/^[^\s:]+:\d+$/.test(host)) {
      problems.push(problem(c.smarthost ? `${cf}.smarthost` : 'global.smtpSmarthost', 'must be host:port', host, 'add the port, e.g. "smtp.example.com:587"'));
    }
    if (c.authPassword !== undefined) {
      checkSecret(c.authPassword, `${cf}.authPassword`, problems);
      if (!c.authUsername) problems.push(problem(`${cf}.authUsername`, 'must be set when authPassword is', c.authUsername, 'give the SMTP user name'));
    }
  });
  (r.snsConfigs ?? []).forEach((c, i) => {
    const cf = `${f}.snsConfigs[${i}]`;
    if (!c.topicArn || typeof c.topicArn !== 'string') {
      problems.push(problem(`${cf}.topicArn`, 'must be an SNS topic ARN', c.topicArn, 'give e.g. topic.arn of an aws_sns_topic, or "arn:aws:sns:us-east-1:123456789012:alerts"'));
    } else if (!isToken(c.topicArn) && !/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/.test(c.topicArn)) {
      problems.push(problem(`${cf}.topicArn`, 'must be an SNS topic ARN', c.topicArn, 'give e.g. "arn:aws:sns:us-east-1:123456789012:alerts"'));
    }
    if (c.sigv4Region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(c.sigv4Region) && !isToken(c.sigv4Region)) {
      problems.push(problem(`${cf}.sigv4Region`, 'must be an AWS region', c.sigv4Region, 'give e.g. "us-east-1"'));
    }
    if (c.sigv4RoleArn !== undefined && !isToken(String(c.sigv4RoleArn)) && !/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/.test(c.sigv4RoleArn)) {
      problems.push(problem(`${cf}.sigv4RoleArn`, 'must be an IAM role ARN', c.sigv4RoleArn, 'give e.g. "arn:aws:iam::123456789012:role/alertmanager-sns"'));
    }
    checkTemplateFields(c, ['subject', 'message'], cf, problems);
    for (const [k, v] of Object.entries(c.attributes ?? {})) {
      if (typeof v !== 'string') problems.push(problem(`${cf}.attributes.${k}`, 'must be a string', v, `quote the value, e.g. "${String(v)}"`));
      else problems.push(...checkTemplateBraces(v, `${cf}.attributes.${k}`));
    }
  });
}

/**
 * Notification fields are Go templates that Alertmanager parses only when it sends a notification, so an
 * unbalanced `{{` passes `amtool check-config` and fails at the worst moment; check them here.
 */
function checkTemplateFields(c: any, keys: readonly string[], f: string, problems: Problem[]): void {
  for (const key of keys) {
    const v = c[key];
    if (v === undefined) continue;
    if (typeof v !== 'string') problems.push(problem(`${f}.${key}`, 'must be a string (a Go template)', v, 'give the text, e.g. "{{ .CommonLabels.alertname }}"'));
    else problems.push(...checkTemplateBraces(v, `${f}.${key}`));
  }
}

/** Whether a string is (or contains) an unresolved cdktn/cdk8s token, which is checked after resolution. */
export function isToken(s: string): boolean {
  return /\$\{Token\[|\$\{TfToken\[/.test(s);
}

function checkSecret(s: unknown, f: string, problems: Problem[]): void {
  if (AlertmanagerSecret.isAlertmanagerSecret(s)) {
    const secret = s as AlertmanagerSecret;
    if (!secret.filePath.startsWith('/')) {
      problems.push(problem(f, 'must be an absolute file path', secret.filePath, 'give the path where the secret is mounted in the Alertmanager container'));
    }
    return;
  }
  problems.push(problem(f, 'must be an AlertmanagerSecret (opskit never writes secrets in plain text)',
    typeof s === 'string' ? '<a literal string, not shown>' : s,
    'use AlertmanagerSecret.fromSecretKey("<secret>", "<key>") or AlertmanagerSecret.fromFile("/path")'));
}

function checkUrl(url: string, f: string, problems: Problem[]): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    if (!isToken(url)) problems.push(problem(f, 'must be an absolute http(s) URL', url, 'give e.g. "https://hooks.example.com/alerts"'));
    return;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    problems.push(problem(f, 'must use http or https', url, 'give e.g. "https://hooks.example.com/alerts"'));
  }
  const credentials = urlCredentials(url);
  if (credentials !== undefined) {
    problems.push(problem(f, 'must not carry credentials (opskit never writes secrets in plain text)', `<a URL with ${credentials}, not shown>`,
      'move the URL to a Secret and use urlSecret: AlertmanagerSecret.fromSecretKey(...)'));
  }
}

function checkLabelNames(names: readonly string[] | undefined, f: string, problems: Problem[]): void {
  (names ?? []).forEach((n, i) => {
    if (typeof n !== 'string' || !LABEL_NAME.test(n)) {
      problems.push(problem(`${f}[${i}]`, 'must be a label name', n, 'use letters, digits and underscores, not starting with a digit'));
    }
  });
}

function validateGlobal(spec: AlertmanagerSpec, problems: Problem[]): void {
  const g = spec.global;
  if (!g) return;
  if (g.resolveTimeout !== undefined && !parseDuration(g.resolveTimeout)) {
    problems.push(problem('global.resolveTimeout', 'must be a positive duration', g.resolveTimeout, DURATION_FIX));
  }
  if (g.smtpSmarthost !== undefined && !/^[^\s:]+:\d+$/.test(g.smtpSmarthost)) {
    problems.push(problem('global.smtpSmarthost', 'must be host:port', g.smtpSmarthost, 'add the port, e.g. "smtp.example.com:587"'));
  }
  if (g.smtpFrom !== undefined && (typeof g.smtpFrom !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(g.smtpFrom.replace(/^.*<(.*)>\s*$/, '$1')))) {
    problems.push(problem('global.smtpFrom', 'must be an email address', g.smtpFrom, 'give e.g. "alertmanager@example.com"'));
  }
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function validateTimeIntervals(intervals: readonly AlertmanagerTimeInterval[], problems: Problem[]): Set<string> {
  const names = new Set<string>();
  intervals.forEach((ti, i) => {
    const f = `timeIntervals[${i}]`;
    if (!ti.name) problems.push(problem(`${f}.name`, 'must be a non-empty string', ti.name, NAME_FIX));
    else if (names.has(ti.name)) problems.push(problem(`${f}.name`, 'must be unique among time intervals', ti.name, 'rename one of them'));
    names.add(ti.name);
    if (!Array.isArray(ti.timeIntervals)) {
      problems.push(problem(`${f}.timeIntervals`, 'must be a list of time periods', ti.timeIntervals,
        'give e.g. [{ weekdays: ["saturday", "sunday"] }] (an empty list never matches)'));
    }
    (ti.timeIntervals ?? []).forEach((p, j) => {
      const pf = `${f}.timeIntervals[${j}]`;
      (p.times ?? []).forEach((t, k) => {
        const s = minutesOf(t.startTime);
        const e = minutesOf(t.endTime);
        if (s === undefined || s >= 1440) problems.push(problem(`${pf}.times[${k}].startTime`, 'must be HH:MM between 00:00 and 23:59', t.startTime, 'write e.g. "09:00"'));
        if (e === undefined) problems.push(problem(`${pf}.times[${k}].endTime`, 'must be HH:MM between 00:00 and 24:00', t.endTime, 'write e.g. "17:00"'));
        if (s !== undefined && e !== undefined && e <= s) {
          problems.push(problem(`${pf}.times[${k}]`, 'must end after it starts', `${t.startTime}-${t.endTime}`, 'split a range that crosses midnight into two ranges'));
        }
      });
      checkRanges(p.weekdays, `${pf}.weekdays`, (v) => index(WEEKDAYS, v), 'use weekday names, e.g. "monday:friday"', problems);
      checkRanges(p.months, `${pf}.months`, (v) => index(MONTHS, v) ?? intIn(v, 1, 12), 'use month names or 1-12, e.g. "january:march"', problems);
      checkRanges(p.daysOfMonth, `${pf}.daysOfMonth`, (v) => { const n = intIn(v, -31, 31); return n === 0 ? undefined : n; },
        'use days 1 to 31 or -31 to -1, e.g. "1:5" or "-3:-1"', problems);
      checkRanges(p.years, `${pf}.years`, (v) => intIn(v, 1, 9999), 'use years, e.g. "2026:2027"', problems);
      (p.daysOfMonth ?? []).forEach((v, k) => {
        const [a, b] = String(v).split(':').map((x) => Number(x.trim()));
        if (b !== undefined && a < 0 && b > 0) {
          problems.push(problem(`${pf}.daysOfMonth[${k}]`, 'must end on a negative day when it starts on one (Alertmanager rejects it)', v,
            'count both ends from the end of the month, e.g. "-7:-1", or split the range'));
        }
      });
      if (p.location !== undefined && !/^(UTC|Local)$/.test(p.location) && !isKnownTimeZone(p.location)) {
        problems.push(problem(`${pf}.location`, 'must be an IANA time zone name', p.location, 'give e.g. "Europe/Berlin" or "UTC"'));
      }
    });
  });
  return names;
}

/** Whether the time zone database knows a zone (Alertmanager fails to load an unknown `location`). */
function isKnownTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || !/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function minutesOf(t: string): number | undefined {
  const m = /^(\d{2}):(\d{2})$/.exec(t ?? '');
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return undefined;
  return h * 60 + min;
}

function index(names: string[], v: string): number | undefined {
  const i = names.indexOf(v.toLowerCase());
  return i < 0 ? undefined : i + 1;
}

function intIn(v: string, lo: number, hi: number): number | undefined {
  if (!/^-?\d+$/.test(v)) return undefined;
  const n = Number(v);
  return n >= lo && n <= hi ? n : undefined;
}

function checkRanges(
  values: readonly string[] | undefined, f: string, parse: (v: string) => number | undefined, fix: string, problems: Problem[],
): void {
  (values ?? []).forEach((v, i) => {
    const parts = String(v).split(':');
    const nums = parts.map((p) => parse(p.trim()));
    if (parts.length > 2 || nums.some((n) => n === undefined)) {
      problems.push(problem(`${f}[${i}]`, 'must be a value or a start:end range', v, fix));
    } else if (nums.length === 2 && Math.sign(nums[0]!) === Math.sign(nums[1]!) && nums[0]! > nums[1]!) {
      problems.push(problem(`${f}[${i}]`, 'must have start <= end', v, fix));
    }
  });
}

/** Checks that `{{` and `}}` of Go templates pair up. */
export function checkTemplateBraces(text: string, f: string): Problem[] {
  if (typeof text !== 'string') return [problem(f, 'must be template text', text, 'give the template file text')];
  let depth = 0;
  for (let i = 0; i < text.length - 1; i++) {
    const two = text.slice(i, i + 2);
    if (two === '{{') { depth++; i++; if (depth > 1) break; } else if (two === '}}') { depth--; i++; if (depth < 0) break; }
  }
  return depth === 0 ? [] : [problem(f, 'must have balanced {{ }} actions', text.length > 60 ? `${text.slice(0, 57)}...` : text, 'close every {{ with }}')];
}
