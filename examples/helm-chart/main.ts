// The backup operator as a Helm chart with typed values.
//
//   npx cdk8s synth      → dist/backup-operator.k8s.yaml, dist/backup-plans.k8s.yaml, dist/helm/backup-operator/,
//                          dist/prometheus/backup-alerts.rules.yaml, dist/opskit.json
//   npx ts-node main.ts  → the same files (the program runs the synth itself)
import { OpsApp } from 'opskit';
import { defineBackupOperatorChart } from './backup-operator-chart';

const app = new OpsApp();
defineBackupOperatorChart(app);

// Typed releases of the charts installed next to the operator go here (kube-prometheus-stack, whose rule and
// monitor selectors must pick up the operator's PrometheusRule and ServiceMonitor, and cert-manager for its
// webhook certificate): HelmRelease, issue 11 item 4.

app.synth();
