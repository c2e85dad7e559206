// The BackupPlan operator example.
//
//   npx cdk8s synth      → dist/backup-operator.k8s.yaml, dist/backup-plans.k8s.yaml, dist/helm/backup-operator/,
//                          dist/olm/…, dist/opskit.json
//   npx ts-node main.ts  → the same files (the program runs the synth itself)
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { OpsApp } from 'opskit';
import { defineBackupOperator } from './backup-operator';
import { packageBackupOperator } from './helm-chart';
import { publishBackupOperator } from './publish';

const app = new OpsApp();
const { operator, plans } = defineBackupOperator(app);
packageBackupOperator(app, app.k8s.node.findChild('backup-operator') as Chart);
publishBackupOperator(operator.node.scope as Construct, operator, [plans[0]]);
app.synth();
