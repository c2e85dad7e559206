import { receiversFor } from '../../../src/observability/model/alertmanager-route-for';
import { sloGroupBy, sloPageInhibitsTicket, sloRoute } from '../../../src/observability/model/alertmanager-slo';
import { validateAlertmanagerSpec } from '../../../src/observability/model/alertmanager-validate';

describe('SLO routing pieces', () => {
  const route = {
    receiver: 'default',
    groupBy: sloGroupBy(),
    routes: [
      sloRoute('page', 'payments-on-call', { service: 'checkout' }),
      sloRoute('page', 'on-call'),
      sloRoute('ticket', 'tickets', { slo: 'latency', continue: true }),
      sloRoute('ticket', 'ticket-archive'),
    ],
  };

  test('form a valid configuration', () => {
    expect(validateAlertmanagerSpec({
      route,
      inhibitRules: [sloPageInhibitsTicket()],
      receivers: ['default', 'payments-on-call', 'on-call', 'tickets', 'ticket-archive'].map((name) => ({ name })),
    })).toEqual([]);
  });

  test.each<[string, { [k: string]: string }, string[]]>([
    ['a checkout page goes to the payments on-call', { sloth_severity: 'page', sloth_service: 'checkout', sloth_slo: 'availability' }, ['payments-on-call']],
    ['another service\'s page goes to on-call', { sloth_severity: 'page', sloth_service: 'search', sloth_slo: 'availability' }, ['on-call']],
    ['a latency ticket goes to tickets and, with continue, the archive', { sloth_severity: 'ticket', sloth_service: 'search', sloth_slo: 'latency' }, ['tickets', 'ticket-archive']],
    ['other tickets go to the archive only', { sloth_severity: 'ticket', sloth_service: 'search', sloth_slo: 'availability' }, ['ticket-archive']],
    ['anything else goes to the default', { alertname: 'Watchdog' }, ['default']],
  ])('%s', (_n, labels, receivers) => expect(receiversFor(route, labels)).toEqual(receivers));

  test('quotes values canonically', () => {
    expect(sloRoute('page', 'r', { service: 'a"b' }).matchers).toEqual(['sloth_severity="page"', 'sloth_service="a\\"b"']);
  });
});
