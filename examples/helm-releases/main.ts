//   npx cdk8s synth      → dist/ and cdktf.out/
//   npx ts-node main.ts  → the same files
import { OpsApp } from 'opskit';
import { definePlatform } from './platform';

const app = new OpsApp();
definePlatform(app);
app.synth();
