import { OpsApp, HelmChart } from '../src';
import { defineBackupOperator } from './bo.tmp';
const app = new OpsApp({ outdir: '/tmp/smoke-out' });
defineBackupOperator(app);
const chart = app.k8s.node.findChild('backup-operator') as any;
new HelmChart(app.k8s, 'backup-operator-chart', { name: 'backup-operator', charts: [chart], version: '0.3.1', appVersion: 'v0.3.1' });
const s = app.synth();
console.log(s.warnings ?? '');
