import { receiversFor } from '../../../src/observability/model/alertmanager-route-for';
import { sloGroupBy, sloPageInhibitsTicket, sloRouteMatchers } from '../../../src/observability/model/alertmanager-slo';
import { validateAlertmanagerSpec } from '../../../src/observability/model/alertmanager-validate';

describe('SLO routing pieces', () => {
  const route = {
    receiver: 'default',
    groupBy: sloGroupBy(),
    routes: [
      { receiver: 'payments-on-call', matchers: sloRouteMatchers('page', { service: 'checkout' }) },
      { receiver: 'on-call', matchers: sloRouteMatchers('page') },
      { receiver: 'tickets', matchers: sloRouteMatchers('ticket', { slo: 'latency' }), continue: true },
      { receiver: 'ticket-archive', matchers: sloRouteMatchers('ticket') },
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
    expect(sloRouteMatchers('page', { service: 'a"b' })).toEqual(['sloth_severity="page"', 'sloth_service="a\\"b"']);
  });
});
