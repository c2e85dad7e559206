// SLO alerting example: SLOs, rules and monitors for a checkout API.
//
//   npx cdk8s synth      → dist/slo-alerting.k8s.yaml, dist/prometheus/*.rules.yaml and *.test.yaml, dist/opskit.json
//   npx ts-node main.ts  → the same files (the program runs the synth itself)
import { defineAlertingAndAws } from './alerting-and-aws';
import { defineSloAlerting } from './slo-alerting';
import { OpsApp } from 'opskit';

const app = new OpsApp();

// SLOs, hand-written rules and the ServiceMonitor (see slo-alerting.ts).
const slos = defineSloAlerting(app);
void slos;

// ALERTING-AND-AWS: other constructs are added below
// (Alertmanager routing to on-call and the ticket queue, the Grafana dashboard, and the same rule sets —
// slos.availability, slos.latency, slos.rules — delivered to Amazon Managed Service for Prometheus.)

// Routing to on-call and the ticket queue, SLO dashboards, and the same rules in AMP (see alerting-and-aws.ts).
defineAlertingAndAws(app, slos);

app.synth();
