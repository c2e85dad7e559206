// The BackupPlan operator example.
//
//   npx cdk8s synth      → dist/backup-operator.k8s.yaml, dist/backup-plans.k8s.yaml, dist/olm/…, dist/opskit.json
//   npx ts-node main.ts  → the same files (the program runs the synth itself)
import { Construct } from 'constructs';
import { defineBackupOperator } from './backup-operator';
import { publishBackupOperator } from './publish';
import { OpsApp } from 'opskit';

const app = new OpsApp();
const { operator, plans } = defineBackupOperator(app);
publishBackupOperator(operator.node.scope as Construct, operator, [plans[0]]);
app.synth();
