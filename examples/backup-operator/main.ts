// The BackupPlan operator example.
//
//   npx cdk8s synth      → dist/backup-operator.k8s.yaml, dist/backup-plans.k8s.yaml, dist/helm/backup-operator/,
//                          dist/backup-operator-olm-v1.k8s.yaml, dist/olm/…, dist/opskit.json
//   npx ts-node main.ts  → the same files (the program runs the synth itself)
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { OpsApp } from 'opskit';
import { defineBackupOperator } from './backup-operator';
import { packageBackupOperator } from './helm-chart';
import { installWithOlmV1 } from './olm-v1';
import { publishBackupOperator } from './publish';

const app = new OpsApp();
const { backupPlans, operator, plans } = defineBackupOperator(app);
packageBackupOperator(app, app.k8s.node.findChild('backup-operator') as Chart);
const { bundle } = publishBackupOperator(operator.node.scope as Construct, operator, backupPlans, [plans[0]]);
installWithOlmV1(app.chart('backup-operator-olm-v1'), bundle);
app.synth();
