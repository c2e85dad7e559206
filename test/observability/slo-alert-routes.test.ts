import { Duration } from 'cdk8s';
import { OpsTesting } from '../../src/app/testing';
import { AlertmanagerRouting } from '../../src/observability/alertmanager-routing';
import { ServiceLevelObjective } from '../../src/observability/service-level-objective';
import { SloAlertRoutes } from '../../src/observability/slo-alert-routes';

describe('SloAlertRoutes', () => {
  test('defaults: page and ticket routes match sloth_severity only', () => {
    expect(SloAlertRoutes.page('on-call')).toEqual({ receiver: 'on-call', matchers: ['sloth_severity="page"'] });
    expect(SloAlertRoutes.ticket('tickets')).toEqual({ receiver: 'tickets', matchers: ['sloth_severity="ticket"'] });
    expect(SloAlertRoutes.groupBy()).toEqual(['alertname', 'sloth_service', 'sloth_slo']);
    expect(SloAlertRoutes.pageInhibitsTicket()).toEqual({ sourceMatchers: ['sloth_severity="page"'], targetMatchers: ['sloth_severity="ticket"'], equal: ['sloth_id'] });
  });

  test('narrows to a service and SLO and keeps route options', () => {
    expect(SloAlertRoutes.page('payments', { service: 'checkout', slo: 'availability', matchers: ['team="payments"'], repeatInterval: Duration.hours(1), continue: true }))
      .toMatchObject({
        receiver: 'payments',
        matchers: ['sloth_severity="page"', 'sloth_service="checkout"', 'sloth_slo="availability"', 'team="payments"'],
        repeatInterval: Duration.hours(1),
        continue: true,
      });
  });

  test('the labels of the alerts an SLO emits reach the routes built for them', () => {
    // GIVEN an SLO and a routing built from SloAlertRoutes
    const app = OpsTesting.app();
    const chart = app.chart('test');
    const slo = new ServiceLevelObjective(chart, 'availability', {
      service: 'checkout',
      name: 'availability',
      objective: 99.9,
      sli: { events: { errorQuery: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))', totalQuery: 'sum(rate(http_requests_total[{{.window}}]))' } },
    });
    const routing = new AlertmanagerRouting(chart, 'slo-alerts', {
      route: { receiver: 'default', groupBy: SloAlertRoutes.groupBy(), routes: [SloAlertRoutes.page('on-call'), SloAlertRoutes.ticket('tickets')] },
      inhibitRules: [SloAlertRoutes.pageInhibitsTicket()],
      receivers: [{ name: 'default' }, { name: 'on-call' }, { name: 'tickets' }],
    });
    // WHEN the labels of each alert rule (plus the id labels its expression keeps) are routed
    const alerts = slo._ruleGroups().flatMap((g) => g.rules).filter((r) => r.alert !== undefined);
    const idLabels = { sloth_id: slo.sloId, sloth_service: 'checkout', sloth_slo: 'availability' };
    const routed = alerts.map((a) => routing.routeFor({ alertname: a.alert!, ...idLabels, ...a.labels }));
    // THEN the page alert goes to on-call and the ticket alert to tickets
    expect(alerts.map((a) => a.labels?.sloth_severity)).toEqual(['page', 'ticket']);
    expect(routed).toEqual([['on-call'], ['tickets']]);
  });
});
