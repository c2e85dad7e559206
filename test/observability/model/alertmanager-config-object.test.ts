import { checkAlertmanagerConfigObject } from '../../../src/observability/model/alertmanager-config-object';

const OK = {
  apiVersion: 'monitoring.coreos.com/v1alpha1',
  kind: 'AlertmanagerConfig',
  metadata: { name: 'x' },
  spec: {
    route: { receiver: 'a', routes: [{ receiver: 'b', matchers: [{ name: 'sev', value: 'page', matchType: '=' }], muteTimeIntervals: ['nights'] }] },
    receivers: [{ name: 'a' }, { name: 'b', slackConfigs: [{ apiURL: { name: 'slack', key: 'url' } }] }],
    inhibitRules: [{ sourceMatch: [{ name: 'sev', value: 'page', matchType: '=' }], targetMatch: [{ name: 'sev', value: 'ticket' }], equal: ['id'] }],
    muteTimeIntervals: [{ name: 'nights', timeIntervals: [{ times: [{ startTime: '00:00', endTime: '06:00' }] }] }],
  },
};

function edit(f: (spec: any) => void): any {
  const o = JSON.parse(JSON.stringify(OK));
  f(o.spec);
  return o;
}

describe('checkAlertmanagerConfigObject', () => {
  test('accepts a consistent object', () => expect(checkAlertmanagerConfigObject(OK)).toEqual([]));

  test.each<[string, (s: any) => void, string]>([
    ['a route names an unknown receiver', (s) => { s.route.routes[0].receiver = 'c'; }, 'spec.route.routes[0].receiver'],
    ['the top route has no receiver', (s) => { delete s.route.receiver; }, 'spec.route.receiver'],
    ['a matcher has an unknown type', (s) => { s.route.routes[0].matchers[0].matchType = '=='; }, 'spec.route.routes[0].matchers[0].matchType'],
    ['a matcher has no name', (s) => { s.inhibitRules[0].targetMatch[0].name = ''; }, 'spec.inhibitRules[0].targetMatch[0].name'],
    ['receiver names repeat', (s) => { s.receivers.push({ name: 'a' }); }, 'spec.receivers[2].name'],
    ['a secret reference has no key', (s) => { s.receivers[1].slackConfigs[0].apiURL = { name: 'slack' }; }, 'spec.receivers[1].slackConfigs[0].apiURL'],
    ['a mute interval is undefined', (s) => { s.muteTimeIntervals = []; }, 'spec.route.routes[0].muteTimeIntervals[0]'],
  ])('fails when %s', (_n, change, field) => {
    expect(checkAlertmanagerConfigObject(edit(change)).map((p) => p.field)).toEqual([field]);
  });
});
