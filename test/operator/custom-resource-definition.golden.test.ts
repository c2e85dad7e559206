import * as fs from 'fs';
import * as path from 'path';
import { OpsTesting } from '../../src/app/testing';
import { toYaml } from '../../src/core/yaml';
import { CustomResourceConversion, CustomResourceDefinition, PrinterColumnType } from '../../src/operator/custom-resource-definition';
import { ListType, Schema } from '../../src/operator/schema';

const GOLDEN = path.join(__dirname, '..', 'fixtures', 'operator', 'backupplans.crd.golden.yaml');

/** A CRD using most of the builder surface; its YAML is compared with a reviewed golden file. */
function build(chart: any): void {
  new CustomResourceDefinition(chart, 'BackupPlans', {
    group: 'backup.example.com',
    kind: 'BackupPlan',
    shortNames: ['bp'],
    categories: ['backup'],
    conversion: CustomResourceConversion.none(),
    versions: [{
      name: 'v1alpha1',
      description: 'BackupPlan schedules backups of a target.',
      spec: Schema.object({
        properties: {
          schedule: Schema.string({ description: 'Cron schedule.', minLength: 1, maxLength: 64, immutable: true }),
          retention: Schema.integer({ minimum: 1, maximum: 365, default: 7, format: 'int32' }),
          size: Schema.quantity(),
          port: Schema.intOrString({ default: 'http' }),
          window: Schema.duration({ default: '1h' }),
          template: Schema.embeddedResource(),
          extra: Schema.preserveUnknownFields(),
          targets: Schema.array(Schema.object({ properties: { name: Schema.string({ maxLength: 63 }) }, required: ['name'] }), {
            maxItems: 16,
            listType: ListType.MAP,
            listMapKeys: ['name'],
            validations: [{ rule: "self.all(t, t.name != 'all')", message: 'the name "all" is reserved' }],
          }),
          labels: Schema.map(Schema.string(), { maxProperties: 32 }),
          s3: Schema.string(),
          gcs: Schema.string(),
        },
        required: ['schedule'],
        exactlyOneOf: [['s3', 'gcs']],
      }),
      status: Schema.object({ properties: { conditions: Schema.conditions({ maxItems: 8 }), lastRun: Schema.dateTime() } }),
      printerColumns: [
        { name: 'Schedule', type: PrinterColumnType.STRING, jsonPath: '.spec.schedule' },
        { name: 'Age', type: PrinterColumnType.DATE, jsonPath: '.metadata.creationTimestamp' },
      ],
      selectableFields: ['.spec.schedule'],
    }],
  });
}

describe('CustomResourceDefinition golden output', () => {
  test('renders the reviewed YAML', () => {
    // GIVEN
    const app = OpsTesting.app();
    build(app.chart('test'));
    // WHEN
    const yaml = toYaml(OpsTesting.synth(app).findObject('test', 'CustomResourceDefinition', 'backupplans.backup.example.com'));
    // THEN
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(GOLDEN, yaml);
    expect(yaml).toBe(fs.readFileSync(GOLDEN, 'utf8'));
  });
});
