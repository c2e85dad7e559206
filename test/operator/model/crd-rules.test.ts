import { describeProblem } from '../../../src/core/problem';
import { checkCrd } from '../../../src/operator/model/crd-rules';
import { rootOf, secondVersion, specProps, validCrd } from '../../fixtures/operator/crds';

const V = 'spec.versions[0]';
const S = `${V}.schema.openAPIV3Schema`;
const P = `${S}.properties.spec.properties`;

type Case = [rule: string, name: string, mutate: (crd: any) => void, field: string];

const CASES: Case[] = [
  ['R1', 'metadata.name is not plural.group', (c) => { c.metadata.name = 'backupplan.backup.example.com'; }, 'metadata.name'],
  ['R2', 'group has no dot', (c) => { c.spec.group = 'backup'; c.metadata.name = 'backupplans.backup'; }, 'spec.group'],
  ['R2', 'group is not lowercase', (c) => { c.spec.group = 'Backup.example.com'; c.metadata.name = 'backupplans.Backup.example.com'; }, 'spec.group'],
  ['R3', 'scope is Global', (c) => { c.spec.scope = 'Global'; }, 'spec.scope'],
  ['R4', 'plural is missing', (c) => { delete c.spec.names.plural; c.metadata.name = 'undefined.backup.example.com'; }, 'spec.names.plural'],
  ['R4', 'kind is missing', (c) => { delete c.spec.names.kind; }, 'spec.names.kind'],
  ['R5', 'plural is uppercase', (c) => { c.spec.names.plural = 'BackupPlans'; c.metadata.name = 'BackupPlans.backup.example.com'; }, 'spec.names.plural'],
  ['R5', 'a short name has an underscore', (c) => { c.spec.names.shortNames = ['b_p']; }, 'spec.names.shortNames[0]'],
  ['R5', 'a category is uppercase', (c) => { c.spec.names.categories = ['All']; }, 'spec.names.categories[0]'],
  ['R5', 'kind has an underscore', (c) => { c.spec.names.kind = 'Backup_Plan'; c.spec.names.listKind = 'BackupPlanList'; }, 'spec.names.kind'],
  ['R6', 'listKind equals kind', (c) => { c.spec.names.listKind = 'BackupPlan'; }, 'spec.names.listKind'],
  ['R7', 'a k8s.io group without approval', (c) => { c.spec.group = 'backup.k8s.io'; c.metadata.name = 'backupplans.backup.k8s.io'; }, 'metadata.annotations["api-approved.kubernetes.io"]'],
  ['R8', 'spec.preserveUnknownFields is true', (c) => { c.spec.preserveUnknownFields = true; }, 'spec.preserveUnknownFields'],
  ['R9', 'two versions with the same name', (c) => { c.spec.versions.push({ ...secondVersion(), name: 'v1alpha1' }); }, 'spec.versions[1].name'],
  ['R9', 'a version name is not a DNS label', (c) => { c.spec.versions[0].name = 'V1'; }, `${V}.name`],
  ['R10', 'no storage version', (c) => { c.spec.versions[0].storage = false; }, 'spec.versions'],
  ['R10', 'two storage versions', (c) => { c.spec.versions.push({ ...secondVersion(), storage: true }); }, 'spec.versions'],
  ['R11', 'a version without schema', (c) => { delete c.spec.versions[0].schema; }, `${S}`],
  ['R12', 'deprecationWarning without deprecated', (c) => { c.spec.versions[0].deprecationWarning = 'use v1'; }, `${V}.deprecationWarning`],
  ['R12', 'deprecationWarning of 129 two-byte characters (258 bytes)', (c) => { c.spec.versions[0].deprecated = true; c.spec.versions[0].deprecationWarning = 'é'.repeat(129); }, `${V}.deprecationWarning`],
  ['R12', 'deprecationWarning with a no-break space', (c) => { c.spec.versions[0].deprecated = true; c.spec.versions[0].deprecationWarning = 'use\u00a0v2'; }, `${V}.deprecationWarning`],
  ['R12', 'deprecationWarning longer than 256 characters', (c) => { c.spec.versions[0].deprecated = true; c.spec.versions[0].deprecationWarning = 'x'.repeat(257); }, `${V}.deprecationWarning`],
  ['R14', 'conversion strategy is Manual', (c) => { c.spec.conversion = { strategy: 'Manual' }; }, 'spec.conversion.strategy'],
  ['R15', 'Webhook conversion without clientConfig', (c) => { c.spec.conversion = { strategy: 'Webhook', webhook: { conversionReviewVersions: ['v1'] } }; }, 'spec.conversion.webhook.clientConfig'],
  ['R15', 'Webhook conversion with both url and service', (c) => { c.spec.conversion = { strategy: 'Webhook', webhook: { conversionReviewVersions: ['v1'], clientConfig: { url: 'https://x.example.com/convert', service: { name: 'w', namespace: 'n' } } } }; }, 'spec.conversion.webhook.clientConfig'],
  ['R15', 'a webhook URL with user info', (c) => { c.spec.conversion = { strategy: 'Webhook', webhook: { conversionReviewVersions: ['v1'], clientConfig: { url: 'https://u@x.example.com/convert' } } }; }, 'spec.conversion.webhook.clientConfig.url'],
  ['R15', 'a webhook service path with an empty segment', (c) => { c.spec.conversion = { strategy: 'Webhook', webhook: { conversionReviewVersions: ['v1'], clientConfig: { service: { name: 'w', namespace: 'n', path: '/a//b' } } } }; }, 'spec.conversion.webhook.clientConfig.service.path'],
  ['R15', 'a webhook service path with an uppercase segment', (c) => { c.spec.conversion = { strategy: 'Webhook', webhook: { conversionReviewVersions: ['v1'], clientConfig: { service: { name: 'w', namespace: 'n', path: '/Convert' } } } }; }, 'spec.conversion.webhook.clientConfig.service.path'],
  ['R15', 'conversionReviewVersions without v1', (c) => { c.spec.conversion = { strategy: 'Webhook', webhook: { conversionReviewVersions: ['v2'], clientConfig: { service: { name: 'w', namespace: 'n' } } } }; }, 'spec.conversion.webhook.conversionReviewVersions'],
  ['R16', 'None conversion with webhook review versions', (c) => { c.spec.conversion = { strategy: 'None', webhook: { conversionReviewVersions: ['v1'] } }; }, 'spec.conversion.webhook.conversionReviewVersions'],
  ['R16', 'None conversion with a webhook client config', (c) => { c.spec.conversion = { strategy: 'None', webhook: { clientConfig: { url: 'https://x.example.com' } } }; }, 'spec.conversion.webhook.clientConfig'],
  ['R17', 'scale specReplicasPath outside .spec', (c) => { c.spec.versions[0].subresources.scale.specReplicasPath = '.status.replicas'; }, `${V}.subresources.scale.specReplicasPath`],
  ['R17', 'scale without statusReplicasPath', (c) => { delete c.spec.versions[0].subresources.scale.statusReplicasPath; }, `${V}.subresources.scale.statusReplicasPath`],
  ['R18', 'a root anyOf with the status subresource', (c) => { rootOf(c).anyOf = [{ required: ['spec'] }]; }, `${S}.anyOf`],
  ['R19', 'a printer column of type time', (c) => { c.spec.versions[0].additionalPrinterColumns[0].type = 'time'; }, `${V}.additionalPrinterColumns[0].type`],
  ['R19', 'a printer column path without leading dot', (c) => { c.spec.versions[0].additionalPrinterColumns[0].jsonPath = 'spec.schedule'; }, `${V}.additionalPrinterColumns[0].jsonPath`],
  ['R19', 'a printer column without name', (c) => { delete c.spec.versions[0].additionalPrinterColumns[0].name; }, `${V}.additionalPrinterColumns[0].name`],
  ['R20', 'a selectable field under metadata', (c) => { c.spec.versions[0].selectableFields = [{ jsonPath: '.metadata.labels' }]; }, `${V}.selectableFields[0].jsonPath`],
  ['R20', 'a selectable field that is an object', (c) => { c.spec.versions[0].selectableFields = [{ jsonPath: '.spec.labels' }]; }, `${V}.selectableFields[0].jsonPath`],
  ['R20', 'a selectable field in bracket notation', (c) => { c.spec.versions[0].selectableFields = [{ jsonPath: ".spec['schedule']" }]; }, `${V}.selectableFields[0].jsonPath`],
  ['R20', 'nine selectable fields', (c) => { c.spec.versions[0].selectableFields = Array.from({ length: 9 }, () => ({ jsonPath: '.spec.schedule' })); }, `${V}.selectableFields`],
  ['R21', 'a root of type array', (c) => { rootOf(c).type = 'array'; }, `${S}.type`],
  ['R21', 'a nullable root', (c) => { rootOf(c).nullable = true; }, `${S}.nullable`],
  ['R22', 'a field without type', (c) => { delete specProps(c).schedule.type; }, `${P}.schedule.type`],
  ['R22', 'a ["string","null"] type', (c) => { specProps(c).schedule.type = ['string', 'null']; }, `${P}.schedule.type`],
  ['R22', 'type null', (c) => { specProps(c).schedule.type = 'null'; }, `${P}.schedule.type`],
  ['R23', 'an array without items', (c) => { delete specProps(c).tags.items; }, `${P}.tags.items`],
  ['R23', 'an array with a list of item schemas', (c) => { specProps(c).tags.items = [{ type: 'string' }]; }, `${P}.tags.items`],
  ['R24', '$ref', (c) => { specProps(c).schedule.$ref = '#/definitions/cron'; }, `${P}.schedule.$ref`],
  ['R24', 'const (not a JSONSchemaProps field)', (c) => { specProps(c).schedule.const = 'x'; }, `${P}.schedule.const`],
  ['R25', 'properties with additionalProperties: false', (c) => { specProps(c).options.additionalProperties = false; }, `${P}.options.additionalProperties`],
  ['R26', 'metadata restricting labels', (c) => { rootOf(c).properties.metadata.properties.labels = { type: 'object' }; }, `${S}.properties.metadata.properties.labels`],
  ['R26', 'kind of type integer', (c) => { rootOf(c).properties.kind.type = 'integer'; }, `${S}.properties.kind.type`],
  ['R27', 'a type inside oneOf', (c) => { specProps(c).options.oneOf[0].type = 'object'; }, `${P}.options.oneOf[0].type`],
  ['R27', 'a description inside oneOf', (c) => { specProps(c).options.oneOf[0].description = 'use s3'; }, `${P}.options.oneOf[0].description`],
  ['R28', 'a root junctor property not declared structurally', (c) => { rootOf(c).anyOf = [{ properties: { spec: { properties: { azure: { minLength: 1 } } } } }]; }, `${S}.anyOf[0].properties.spec.properties.azure`],
  ['R29', 'preserve-unknown-fields false', (c) => { specProps(c).labels['x-kubernetes-preserve-unknown-fields'] = false; }, `${P}.labels.x-kubernetes-preserve-unknown-fields`],
  ['R30', 'int-or-string with preserve-unknown-fields', (c) => { specProps(c).port['x-kubernetes-preserve-unknown-fields'] = true; }, `${P}.port.x-kubernetes-preserve-unknown-fields`],
  ['R31', 'uniqueItems', (c) => { specProps(c).tags.uniqueItems = true; }, `${P}.tags.uniqueItems`],
  ['R32', 'a lookahead pattern', (c) => { specProps(c).schedule.pattern = '^(?!@yearly).*$'; }, `${P}.schedule.pattern`],
  ['R32', 'a backreference pattern', (c) => { specProps(c).schedule.pattern = '(\\w)\\1'; }, `${P}.schedule.pattern`],
  ['R33', 'an embedded resource of type string', (c) => { specProps(c).template.type = 'string'; }, `${P}.template.type`],
  ['R33', 'an embedded resource without properties or preserve', (c) => { delete specProps(c).template['x-kubernetes-preserve-unknown-fields']; }, `${P}.template`],
  ['R34', 'map-type on an array', (c) => { specProps(c).tags['x-kubernetes-map-type'] = 'atomic'; }, `${P}.tags.x-kubernetes-map-type`],
  ['R34', 'map-type merge', (c) => { specProps(c).labels['x-kubernetes-map-type'] = 'merge'; }, `${P}.labels.x-kubernetes-map-type`],
  ['R35', 'list-type on an object', (c) => { specProps(c).labels['x-kubernetes-list-type'] = 'set'; }, `${P}.labels.x-kubernetes-list-type`],
  ['R35', 'list-type unique', (c) => { specProps(c).tags['x-kubernetes-list-type'] = 'unique'; }, `${P}.tags.x-kubernetes-list-type`],
  ['R36', 'a set of granular objects', (c) => { specProps(c).tags.items = { type: 'object', properties: { a: { type: 'string' } } }; specProps(c).tags['x-kubernetes-validations'] = undefined; delete specProps(c).tags['x-kubernetes-validations']; }, `${P}.tags.items`],
  ['R37', 'list-map-keys on a set', (c) => { specProps(c).tags['x-kubernetes-list-map-keys'] = ['name']; }, `${P}.tags.x-kubernetes-list-map-keys`],
  ['R37', 'a list map key that is not a property', (c) => { specProps(c).targets['x-kubernetes-list-map-keys'] = ['id']; }, `${P}.targets.x-kubernetes-list-map-keys`],
  ['R37', 'list-type map without keys', (c) => { delete specProps(c).targets['x-kubernetes-list-map-keys']; }, `${P}.targets.x-kubernetes-list-map-keys`],
  ['R38', 'a list map key that is neither required nor defaulted', (c) => { specProps(c).targets.items.required = []; }, `${P}.targets.items.properties.name.default`],
  ['R38', 'a nullable list map key', (c) => { specProps(c).targets.items.properties.name.nullable = true; }, `${P}.targets.items.properties.name.nullable`],
  ['R39', 'nullable items of a set', (c) => { specProps(c).tags.items.nullable = true; }, `${P}.tags.items.nullable`],
  ['R40', 'a rule that does not compile', (c) => { specProps(c).storageClass['x-kubernetes-validations'][0].rule = 'self ==='; }, `${P}.storageClass.x-kubernetes-validations[0].rule`],
  ['R40', 'an empty message', (c) => { specProps(c).storageClass['x-kubernetes-validations'][0].message = ' '; }, `${P}.storageClass.x-kubernetes-validations[0].message`],
  ['R40', 'a multi-line rule without message', (c) => { specProps(c).storageClass['x-kubernetes-validations'][0] = { rule: 'self ==\noldSelf' }; }, `${P}.storageClass.x-kubernetes-validations[0].message`],
  ['R40', 'a messageExpression returning a bool', (c) => { specProps(c).storageClass['x-kubernetes-validations'][0].messageExpression = 'self == oldSelf'; }, `${P}.storageClass.x-kubernetes-validations[0].messageExpression`],
  ['R40', 'an unknown reason', (c) => { specProps(c).storageClass['x-kubernetes-validations'][0].reason = 'Invalid'; }, `${P}.storageClass.x-kubernetes-validations[0].reason`],
  ['R40', 'a fieldPath with a list index', (c) => { rootOf(c).properties.spec['x-kubernetes-validations'][0].fieldPath = '.tags[0]'; }, `${S}.properties.spec.x-kubernetes-validations[0].fieldPath`],
  ['R40', 'a fieldPath with a double-quoted key', (c) => { rootOf(c).properties.spec['x-kubernetes-validations'][0].fieldPath = '["keep"]'; }, `${S}.properties.spec.x-kubernetes-validations[0].fieldPath`],
  ['R40', 'a fieldPath that is not in the schema', (c) => { rootOf(c).properties.spec['x-kubernetes-validations'][0].fieldPath = '.kep'; }, `${S}.properties.spec.x-kubernetes-validations[0].fieldPath`],
  ['R40', 'a rule selecting an undeclared field', (c) => { rootOf(c).properties.spec['x-kubernetes-validations'][0].rule = 'self.kep >= 1'; }, `${S}.properties.spec.x-kubernetes-validations[0].rule`],
  ['R40', 'a rule reading metadata.labels at the root', (c) => { rootOf(c)['x-kubernetes-validations'] = [{ rule: 'self.metadata.labels.size() > 0', message: 'labels' }]; }, `${S}.x-kubernetes-validations[0].rule`],
  ['R41', 'oldSelf under the items of an atomic list', (c) => { specProps(c).tags.items['x-kubernetes-validations'] = [{ rule: 'self == oldSelf', message: 'immutable' }]; }, `${P}.tags.items.x-kubernetes-validations[0].rule`],
  ['R41', 'optionalOldSelf without oldSelf', (c) => { specProps(c).schedule['x-kubernetes-validations'] = [{ rule: 'self != ""', optionalOldSelf: true }]; }, `${P}.schedule.x-kubernetes-validations[0].optionalOldSelf`],
  ['R42', 'a regex over every item of an unbounded list (the API server: 5.9x over budget)', (c) => {
    delete specProps(c).tags.maxItems;
    specProps(c).tags['x-kubernetes-validations'] = [{ rule: "self.all(t, t.matches('^[a-z]+$'))", message: 'lowercase tags' }];
  }, `${P}.tags.x-kubernetes-validations[0].rule`],
  ['R42', 'a nested iteration too expensive', (c) => {
    specProps(c).matrix = { 'type': 'array', 'maxItems': 10000, 'items': { type: 'array', maxItems: 10000, items: { type: 'integer' } }, 'x-kubernetes-validations': [{ rule: 'self.all(r, r.all(x, x > 0))', message: 'positive' }] };
  }, `${P}.matrix.x-kubernetes-validations[0].rule`],
  ['R43', 'defaults with preserveUnknownFields', (c) => { c.spec.preserveUnknownFields = true; }, `${P}.keep.default`],
  ['R44', 'a default of the wrong type', (c) => { specProps(c).keep.default = 'seven'; }, `${P}.keep.default`],
  ['R44', 'a default out of bounds', (c) => { specProps(c).keep.default = 0; }, `${P}.keep.default`],
  ['R44', 'a default breaking a CEL rule', (c) => { specProps(c).tags.default = ['forbidden']; }, `${P}.tags.default`],
  ['R45', 'a default with unknown fields', (c) => { specProps(c).options.default = { s3: 'b', azure: 'x' }; }, `${P}.options.default`],
  ['R46', 'a default on metadata.name', (c) => { rootOf(c).properties.metadata.properties.name.default = 'plan'; }, `${S}.properties.metadata.properties.name.default`],
  ['R46', 'a default on labels of an embedded resource', (c) => { specProps(c).template.properties = { metadata: { type: 'object', properties: { labels: { type: 'object', additionalProperties: { type: 'string', default: 'x' } } } } }; }, `${P}.template.properties.metadata.properties.labels.additionalProperties.default`],
  ['R46', 'a default on kind', (c) => { rootOf(c).properties.kind.default = 'BackupPlan'; }, `${S}.properties.kind.default`],
];

describe('checkCrd', () => {
  test('a correct CRD passes every rule', () => {
    // GIVEN
    const crd = validCrd();
    crd.spec.versions.push(secondVersion());
    // WHEN
    const problems = checkCrd(crd);
    // THEN
    expect(problems.map(describeProblem)).toEqual([]);
  });

  test('every rule R1-R46 has a breaking case (R13: create resets status, see crd-lints)', () => {
    const covered = new Set(CASES.map(([rule]) => rule));
    const missing = Array.from({ length: 46 }, (_, i) => `R${i + 1}`).filter((r) => !covered.has(r) && r !== 'R13');
    expect(missing).toEqual([]);
  });

  test.each(CASES)('%s: rejects %s', (rule, _name, mutate, field) => {
    // GIVEN
    const crd = validCrd();
    mutate(crd);
    // WHEN
    const problems = checkCrd(crd);
    // THEN
    const match = problems.find((p) => p.rule === rule && p.field === field);
    if (!match) throw new Error(`no ${rule} problem at ${field}; got:\n${problems.map(describeProblem).join('\n')}`);
    expect(match.fix.length).toBeGreaterThan(5);
    expect(describeProblem(match)).toContain(`[${rule}]`);
    expect(describeProblem(match)).toContain(field);
  });

  test.each([
    ['additionalProperties: true next to properties', (c: any) => { specProps(c).options.additionalProperties = true; }],
    ['an escaped property name in a rule', (c: any) => { specProps(c)['storage-class'] = { type: 'string' }; rootOf(c).properties.spec['x-kubernetes-validations'].push({ rule: "!has(self.storage__dash__class) || self.storage__dash__class != ''" }); }],
    ['root metadata.name in a rule', (c: any) => { rootOf(c)['x-kubernetes-validations'] = [{ rule: 'self.metadata.name.size() < 40', message: 'short' }]; }],
    ['a scale subresource without status', (c: any) => { delete c.spec.versions[0].subresources.status; rootOf(c).maxProperties = 10; }],
    ['an empty webhook object with strategy None', (c: any) => { c.spec.conversion = { strategy: 'None', webhook: {} }; }],
    ['a fieldPath with a single-quoted key', (c: any) => { rootOf(c).properties.spec['x-kubernetes-validations'][0].fieldPath = "['keep']"; }],
    ['a nested junctor property not declared structurally (completeness is checked from the root)', (c: any) => { specProps(c).options.oneOf[0].properties = { azure: { minLength: 1 } }; }],
    ['empty singular and listKind (v1 defaulting fills them)', (c: any) => { c.spec.names.singular = ''; c.spec.names.listKind = ''; }],
    ['nullable: false and an empty description inside a junctor', (c: any) => { specProps(c).options.oneOf[0].nullable = false; specProps(c).options.oneOf[0].description = ''; }],
    ['a deprecationWarning of 256 bytes', (c: any) => { c.spec.versions[0].deprecated = true; c.spec.versions[0].deprecationWarning = 'é'.repeat(128); }],
    ['a stale status.storedVersions (create resets status)', (c: any) => { c.status = { storedVersions: ['v0'] }; }],
    ['no served version (a lint: see crd-lints)', (c: any) => { c.spec.versions[0].served = false; }],
    ['a webhook URL with an empty query and fragment', (c: any) => { c.spec.conversion = { strategy: 'Webhook', webhook: { conversionReviewVersions: ['v1'], clientConfig: { url: 'https://x.example.com/convert?#' } } }; }],
    ['a webhook service path with a trailing slash', (c: any) => { c.spec.conversion = { strategy: 'Webhook', webhook: { conversionReviewVersions: ['v1'], clientConfig: { service: { name: 'w', namespace: 'n', path: '/convert/' } } } }; }],
    ['a set of atomic lists', (c: any) => { specProps(c).matrix = { 'type': 'array', 'x-kubernetes-list-type': 'set', 'items': { type: 'array', items: { type: 'string' } } }; }],
  ])('accepts %s (as the API server does)', (_name, mutate) => {
    const crd = validCrd();
    mutate(crd);
    expect(checkCrd(crd).map(describeProblem)).toEqual([]);
  });

  test('rejects apiextensions.k8s.io/v1beta1 with a migration hint', () => {
    // GIVEN
    const crd = { ...validCrd(), apiVersion: 'apiextensions.k8s.io/v1beta1' };
    // WHEN
    const problems = checkCrd(crd);
    // THEN
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe('apiVersion');
    expect(problems[0].fix).toMatch(/removed in Kubernetes 1.22/);
  });

  test('accepts a cheap rule over an unbounded list (as the API server does)', () => {
    // GIVEN tags without maxItems: about a million items, each compared with a 9-character literal
    const crd = validCrd();
    delete specProps(crd).tags.maxItems;
    // WHEN
    const problems = checkCrd(crd);
    // THEN
    expect(problems.map(describeProblem)).toEqual([]);
  });

  test('the per-schema CEL cost adds up rules, each times how often it runs (R42)', () => {
    // GIVEN 40 rules of 4,004 each, run for each of up to 1000 items: 4,004,000 each, 160 million in all
    const crd = validCrd();
    specProps(crd).big = {
      type: 'array',
      maxItems: 1000,
      items: {
        'type': 'object',
        'properties': { v: { type: 'string', maxLength: 10000 } },
        'x-kubernetes-validations': Array.from({ length: 40 }, (_, i) => ({ rule: `!has(self.v) || self.v.contains('${i % 10}')`, message: 'm' })),
      },
    };
    // WHEN
    const problems = checkCrd(crd).filter((p) => p.rule === 'R42');
    // THEN the four most expensive rules and the schema, as the API server reports them
    const rules = `${P}.big.items.x-kubernetes-validations`;
    expect(problems.map((p) => p.field)).toEqual([`${rules}[0].rule`, `${rules}[1].rule`, `${rules}[2].rule`, `${rules}[3].rule`, S]);
    expect(problems.map((p) => p.got)).toEqual([...Array(4).fill('"estimated 4004000"'), '"estimated 160474669"']);
    expect(problems[4].expected).toContain('exceeds budget by factor of 1.6x');
  });
});
