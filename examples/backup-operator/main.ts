// The BackupPlan operator example.
//
//   npx cdk8s synth      → dist/backup-operator.k8s.yaml, dist/backup-plans.k8s.yaml, dist/opskit.json
//   npx ts-node main.ts  → the same files (the program runs the synth itself)
import { defineBackupOperator } from './backup-operator';
import { OpsApp } from 'opskit';

const app = new OpsApp();
defineBackupOperator(app);
app.synth();
