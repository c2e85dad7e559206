// The backup operator as a Helm chart with typed values.
//
//   npx cdk8s synth      → dist/backup-operator.k8s.yaml, dist/backup-plans.k8s.yaml, dist/helm/backup-operator/,
//                          dist/helm/releases/{monitoring,cert-manager}.values.yaml,
//                          dist/prometheus/backup-alerts.rules.yaml, dist/opskit.json
//   npx ts-node main.ts  → the same files (the program runs the synth itself)
import { OpsApp } from 'opskit';
import { defineAddons } from './addons';
import { defineBackupOperatorChart } from './backup-operator-chart';

const app = new OpsApp();
// the operator's chart, and the typed releases installed next to it (kube-prometheus-stack, whose selectors must
// pick up the operator's ServiceMonitor and PrometheusRule, and cert-manager)
defineAddons(app, defineBackupOperatorChart(app));

app.synth();
