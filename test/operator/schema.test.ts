import { renderCrd, rootSchema } from '../../src/operator/model/crd-render';
import { checkCrd } from '../../src/operator/model/crd-rules';
import { validateAgainstSchema } from '../../src/operator/model/schema-validator';
import { ListType, MapType, Schema, ValidationReason } from '../../src/operator/schema';

describe('Schema', () => {
  test('conditions() is the metav1.Condition list controller-gen emits', () => {
    // WHEN
    const json = Schema.conditions().toJson();
    // THEN
    expect(json.type).toBe('array');
    expect(json['x-kubernetes-list-type']).toBe('map');
    expect(json['x-kubernetes-list-map-keys']).toEqual(['type']);
    const item = json.items;
    expect(item.required).toEqual(['lastTransitionTime', 'message', 'reason', 'status', 'type']);
    const strip = (s: any) => { const { description: _d, ...rest } = s; return rest; };
    expect(Object.fromEntries(Object.entries(item.properties).map(([k, v]) => [k, strip(v)]))).toEqual({
      lastTransitionTime: { format: 'date-time', type: 'string' },
      message: { maxLength: 32768, type: 'string' },
      observedGeneration: { format: 'int64', minimum: 0, type: 'integer' },
      reason: { maxLength: 1024, minLength: 1, pattern: '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$', type: 'string' },
      status: { enum: ['True', 'False', 'Unknown'], type: 'string' },
      type: { maxLength: 316, pattern: '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$', type: 'string' },
    });
  });

  test.each([
    ['exactlyOneOf', { exactlyOneOf: [['s3', 'gcs']] }, { message: 'exactly one of the fields in [s3 gcs] must be set', rule: '(has(self.s3)?1:0)+(has(self.gcs)?1:0) == 1' }],
    ['atMostOneOf', { atMostOneOf: [['s3', 'gcs']] }, { message: 'at most one of the fields in [s3 gcs] may be set', rule: '(has(self.s3)?1:0)+(has(self.gcs)?1:0) <= 1' }],
    ['atLeastOneOf', { atLeastOneOf: [['s3', 'gcs']] }, { message: 'at least one of the fields in [s3 gcs] must be set', rule: 'has(self.s3)||has(self.gcs)' }],
  ])('%s renders the controller-gen CEL rule', (_name, group, expected) => {
    // WHEN
    const json = Schema.object({ properties: { s3: Schema.string(), gcs: Schema.string() }, ...group }).toJson();
    // THEN
    expect(json['x-kubernetes-validations']).toEqual([expected]);
  });

  test.each([
    ['exactlyOneOf with none set', { exactlyOneOf: [['s3', 'gcs']] }, {}, false],
    ['exactlyOneOf with both set', { exactlyOneOf: [['s3', 'gcs']] }, { s3: 'a', gcs: 'b' }, false],
    ['exactlyOneOf with one set', { exactlyOneOf: [['s3', 'gcs']] }, { s3: 'a' }, true],
    ['atMostOneOf with none set', { atMostOneOf: [['s3', 'gcs']] }, {}, true],
    ['atLeastOneOf with none set', { atLeastOneOf: [['s3', 'gcs']] }, {}, false],
  ])('%s: the rule evaluates to valid=%s', (_name, group, value, valid) => {
    const schema = Schema.object({ properties: { s3: Schema.string(), gcs: Schema.string() }, ...group }).toJson();
    expect(validateAgainstSchema(value, schema).problems.length === 0).toBe(valid);
  });

  test('immutable adds the self == oldSelf rule', () => {
    expect(Schema.string({ immutable: true }).toJson()['x-kubernetes-validations']).toEqual([{ message: 'field is immutable', rule: 'self == oldSelf' }]);
  });

  test('an optional immutable property cannot be removed once set (controller-gen\'s parent rule); a required one needs no such rule', () => {
    // WHEN
    const json = Schema.object({
      properties: { a: Schema.string({ immutable: true }), b: Schema.string({ immutable: true }), c: Schema.string() },
      required: ['b'],
    }).toJson();
    // THEN
    expect(json['x-kubernetes-validations']).toEqual([{ message: 'field a is immutable once set', rule: '!has(oldSelf.a) || has(self.a)' }]);
  });

  test('rules come in controller-gen\'s order: immutable, once-set, the object\'s own rules, then AtMostOneOf, ExactlyOneOf, AtLeastOneOf', () => {
    // WHEN
    const json = Schema.object({
      immutable: true,
      properties: { s3: Schema.string(), gcs: Schema.string(), key: Schema.string({ immutable: true }) },
      validations: [{ rule: 'true', message: 'own' }],
      atLeastOneOf: [['s3', 'gcs']],
      exactlyOneOf: [['s3', 'gcs']],
      atMostOneOf: [['s3', 'gcs']],
    }).toJson();
    // THEN
    expect(json['x-kubernetes-validations'].map((r: any) => r.message)).toEqual([
      'field is immutable',
      'field key is immutable once set',
      'own',
      'at most one of the fields in [s3 gcs] may be set',
      'exactly one of the fields in [s3 gcs] must be set',
      'at least one of the fields in [s3 gcs] must be set',
    ]);
  });

  test('required fields are listed alphabetically, as controller-gen lists them', () => {
    // WHEN
    const json = Schema.object({ properties: { min: Schema.integer(), max: Schema.integer() }, required: ['min', 'max'] }).toJson();
    // THEN
    expect(json.required).toEqual(['max', 'min']);
  });

  test('known types', () => {
    expect(Schema.intOrString().toJson()).toEqual({ 'anyOf': [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true });
    expect(Schema.quantity().toJson().pattern).toMatch(/^\^\(\\\+\|-\)\?/);
    expect(Schema.dateTime().toJson()).toEqual({ format: 'date-time', type: 'string' });
    expect(Schema.duration().toJson()).toEqual({ type: 'string' });
    expect(Schema.preserveUnknownFields().toJson()).toEqual({ 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true });
    expect(Schema.preserveUnknownFields({ anyType: true }).toJson()).toEqual({ 'x-kubernetes-preserve-unknown-fields': true });
    expect(Schema.embeddedResource().toJson()).toEqual({ 'type': 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true });
  });

  test('every option renders under its JSONSchemaProps name, keys sorted', () => {
    // WHEN
    const json = Schema.object({
      description: 'd',
      title: 't',
      example: { a: 1 },
      externalDocs: { url: 'https://example.com' },
      nullable: true,
      minProperties: 1,
      maxProperties: 5,
      mapType: MapType.ATOMIC,
      properties: {
        n: Schema.number({ minimum: 0.5, maximum: 10, exclusiveMaximum: true, multipleOf: 0.5, format: 'double' }),
        i: Schema.integer({ minimum: 1, exclusiveMinimum: true, format: 'int32', enum: [2, 4], default: 2 }),
        s: Schema.string({ minLength: 1, maxLength: 9, pattern: '^a', format: 'hostname', enum: ['ab'] }),
        l: Schema.array(Schema.object({ properties: { name: Schema.string() }, required: ['name'] }), { minItems: 1, maxItems: 3, listType: ListType.MAP, listMapKeys: ['name'] }),
        m: Schema.map(Schema.string(), { maxProperties: 4, mapType: MapType.GRANULAR }),
        v: Schema.string({ validations: [{ rule: 'self != ""', message: 'm', reason: ValidationReason.FIELD_VALUE_FORBIDDEN, fieldPath: '.x', optionalOldSelf: false }] }),
      },
    }).toJson();
    // THEN
    expect(Object.keys(json)).toEqual(['description', 'example', 'externalDocs', 'maxProperties', 'minProperties', 'nullable', 'properties', 'title', 'type', 'x-kubernetes-map-type']);
    expect(json.properties.n).toEqual({ exclusiveMaximum: true, format: 'double', maximum: 10, minimum: 0.5, multipleOf: 0.5, type: 'number' });
    expect(json.properties.i).toEqual({ default: 2, enum: [2, 4], exclusiveMinimum: true, format: 'int32', minimum: 1, type: 'integer' });
    expect(json.properties.s).toEqual({ enum: ['ab'], format: 'hostname', maxLength: 9, minLength: 1, pattern: '^a', type: 'string' });
    expect(json.properties.l['x-kubernetes-list-map-keys']).toEqual(['name']);
    expect(json.properties.m).toEqual({ 'additionalProperties': { type: 'string' }, 'maxProperties': 4, 'type': 'object', 'x-kubernetes-map-type': 'granular' });
    expect(json.properties.v['x-kubernetes-validations']).toEqual([{ fieldPath: '.x', message: 'm', optionalOldSelf: false, reason: 'FieldValueForbidden', rule: 'self != ""' }]);
  });

  test.each([
    ['a required field that is not declared', () => Schema.object({ properties: { a: Schema.string() }, required: ['b'] }), 'required'],
    ['a one-of member that is required', () => Schema.object({ properties: { a: Schema.string(), b: Schema.string() }, required: ['a'], exactlyOneOf: [['a', 'b']] }), 'exactlyOneOf'],
    ['a one-of group with one member', () => Schema.object({ properties: { a: Schema.string() }, atMostOneOf: [['a']] }), 'atMostOneOf'],
    ['a fractional minimum on an integer', () => Schema.integer({ minimum: 0.5 }), 'minimum'],
    ['an int32 format on a number', () => Schema.number({ format: 'int32' }), 'format'],
    ['minLength above maxLength', () => Schema.string({ minLength: 5, maxLength: 2 }), 'minLength'],
    ['a negative maxItems', () => Schema.array(Schema.string(), { maxItems: -1 }), 'maxItems'],
    ['listMapKeys without listType map', () => Schema.array(Schema.object({ properties: { k: Schema.string() } }), { listMapKeys: ['k'] }), 'listMapKeys'],
    ['multipleOf zero', () => Schema.number({ multipleOf: 0 }), 'multipleOf'],
    ['exclusiveMinimum without minimum', () => Schema.integer({ exclusiveMinimum: true }), 'exclusiveMinimum'],
    ['an empty string enum', () => Schema.string({ enum: [] }), 'enum'],
    ['an empty integer enum', () => Schema.integer({ enum: [] }), 'enum'],
    ['a repeated enum value', () => Schema.string({ enum: ['Daily', 'Weekly', 'Daily'] }), 'enum[2]'],
    ['a nested problem', () => Schema.object({ properties: { x: Schema.array(Schema.integer({ maximum: 1.5 })) } }), 'properties.x.items.maximum'],
  ])('reports %s', (_name, build, field) => {
    expect(build().problems.map((p) => p.field)).toContain(field);
  });

  test('a CRD built only from the builder passes every API server rule', () => {
    // GIVEN
    const spec = Schema.object({
      properties: {
        schedule: Schema.string({ minLength: 1, immutable: true }),
        size: Schema.quantity(),
        port: Schema.intOrString({ default: 8080 }),
        template: Schema.embeddedResource(),
        raw: Schema.preserveUnknownFields({ anyType: true }),
        targets: Schema.array(Schema.object({ properties: { name: Schema.string() }, required: ['name'] }), { listType: ListType.MAP, listMapKeys: ['name'], maxItems: 10, validations: [{ rule: "self.all(t, t.name != '')" }] }),
        labels: Schema.map(Schema.string(), { maxProperties: 20 }),
        s3: Schema.string(),
        gcs: Schema.string(),
      },
      required: ['schedule'],
      exactlyOneOf: [['s3', 'gcs']],
    });
    const status = Schema.object({ properties: { conditions: Schema.conditions(), startedAt: Schema.dateTime() } });
    // WHEN
    const crd = renderCrd({ group: 'backup.example.com', kind: 'BackupPlan', versions: [{ name: 'v1', schema: rootSchema(spec.toJson(), status.toJson(), undefined), status: true }] });
    // THEN
    expect(checkCrd(crd)).toEqual([]);
  });
});
