import { cdk, javascript, JsonFile } from 'projen';

// The package's source of truth: package.json, tsconfig, jest and eslint are generated from here.
// Run `npx projen` after editing this file.
const project = new cdk.JsiiProject({
  name: 'opskit',
  description:
    'Typed constructs for Kubernetes operators, observability and NodeLocal DNSCache, synthesized to manifests, packaging artifacts and Terraform JSON',
  author: 'opskit developers',
  authorAddress: 'opskit@users.noreply.github.com',
  repositoryUrl: 'https://github.com/opskit/opskit.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,
  jsiiVersion: '~5.9.0',
  typescriptVersion: '~5.9.0',
  minNodeVersion: '22.0.0',
  workflowNodeVersion: '24.x',
  github: false,
  release: false,
  docgen: false,
  // The library's runtime needs: constructs and both engines come from the user (peers).
  peerDeps: [
    // cdktn 0.24 requires constructs below 10.8
    'constructs@~10.7.0',
    'cdk8s@^2.70.106',
    'cdk8s-plus-33@^2.5.57',
    'cdktn@^0.24.0',
    '@cdktn/provider-aws@^25.7.0',
  ],
  // jsii needs non-jsii runtime dependencies bundled into the package.
  bundledDeps: [
    'ajv@^8.17.1',
    'ajv-formats@^3.0.1',
    'yaml@^2.8.0',
    // CEL rules of CRDs (x-kubernetes-validations) and RE2 patterns, as the API server parses them
    '@bufbuild/cel@^0.6.1',
    '@bufbuild/protobuf@^2.6.2',
    '@bufbuild/re2@^0.6.1',
    // PromQL, parsed with Prometheus's own grammar
    '@prometheus-io/lezer-promql@^0.315.0',
    '@lezer/lr@^1.4.2',
    '@lezer/highlight@^1.2.1',
    '@lezer/common@^1.2.3',
    // dashboards built with Grafana's own SDK
    '@grafana/grafana-foundation-sdk@11.6.0-cogv0.0.x.1769699379',
  ],
  devDeps: [
    'cdk8s-cli@^2.207.0',
    'esbuild@^0.25.0',
    'tsconfig-paths@^4.2.0',
    'kubernetes-models@^5.1.0',
    '@kubernetes-models/validate@^5.0.2',
    // property-based generators for the differential and fuzzing suites
    'fast-check@^4',
    // Node's detector of CommonJS named exports, to prove the lazy package index keeps them (scripts/lazy-index.js)
    'cjs-module-lexer@^1.4.3',
  ],
  keywords: ['cdk8s', 'cdktn', 'kubernetes', 'operator', 'prometheus', 'terraform', 'constructs'],
  // the values-types generator (docs/helm-releases.md): `npx opskit-helm-values <chart folder | .tgz>`
  bin: { 'opskit-helm-values': 'lib/helm/release/values-types-cli.js' },
  jestOptions: {
    // jest 30 resolves modules with unrs-resolver, whose platform bindings are not all served by every
    // registry mirror, which breaks `npm ci`; jest 29 does not need it
    jestVersion: '^29.7.0',
    // snapshots are a backstop against drift: a mismatch must fail, locally and in CI
    updateSnapshot: javascript.UpdateSnapshot.NEVER,

    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // unit tests throw at the first problem (OPSKIT_FAIL_FAST=1) unless a test asks for the default mode
      setupFiles: ['<rootDir>/test/support/jest-setup.ts'],
      moduleNameMapper: { '^opskit$': '<rootDir>/src/index.ts' },
      testTimeout: 120_000,
      collectCoverage: false,
      // the benchmark's compiled copy is also named opskit; build/ holds the generated Go bindings
      modulePathIgnorePatterns: ['<rootDir>/.bench/', '<rootDir>/build/'],
    },
  },
  gitignore: ['/node_modules', '/tools/bin', '/cdktf.out/', '/examples/*/dist/', '/examples/*/cdktf.out/', '/src/core/schema/generated/', '/.bench/', '/build/'],
  npmignoreEnabled: true,
  // jsii targets: the package names in every jsii language (README, "Languages", says which are built and verified
  // here). Publishing is not configured (release: false); `npx projen package` builds each target whose toolchain and
  // dependencies can be had on the machine (scripts/package-targets.sh).
  publishToPypi: { distName: 'opskit', module: 'opskit' },
  publishToMaven: { javaPackage: 'io.github.opskit', mavenGroupId: 'io.github.opskit', mavenArtifactId: 'opskit' },
  publishToNuget: { dotNetNamespace: 'Opskit', packageId: 'Opskit' },
  publishToGo: { moduleName: 'github.com/opskit/opskit-go' },
});

// the published package holds lib/, README and LICENSE; the rest of the repository stays out of it
// build/: generated Go bindings (scripts/go-bindings.sh), hundreds of megabytes that must not end up in the package
project.npmignore?.exclude('/build/', '/.bench/', '/.ci/', '/scripts/', '/examples/', '/docs/', '/tools/', '/tsconfig.dev.json', '/CONTRIBUTING.md', '*.tfstate');
project.gitignore.exclude('/src/core/schema/generated/', '/.bench/', '/build/', '/cdktf.out/', '/examples/*/dist/', '/examples/*/cdktf.out/', '*.tfstate');

// One type-check of everything (library, tests, examples, scripts); ts-jest only transpiles.
new JsonFile(project, 'tsconfig.dev.json', {
  obj: {
    extends: './tsconfig.json',
    // examples import 'opskit' by name, as users do
    compilerOptions: { rootDir: '.', noEmit: true, baseUrl: '.', paths: { opskit: ['src/index.ts'] } },
    include: ['src/**/*.ts', 'test/**/*.ts', 'examples/**/*.ts'],
    exclude: ['node_modules'],
  },
});
const typecheck = project.addTask('typecheck', { description: 'Type-check library, tests and examples', exec: 'tsc -p tsconfig.dev.json' });
project.testTask.spawn(typecheck);

// Model code is pure: no construct library, no file system (docs/architecture.md, "Layers").
project.eslint?.addOverride({
  files: ['src/**/model/**/*.ts'],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [
        { group: ['constructs', 'cdk8s', 'cdk8s-plus-*', 'cdktn', '@cdktn/*'], message: 'model code must not import a construct library' },
        { group: ['fs', 'node:fs', 'fs/promises', 'child_process', 'node:child_process'], message: 'model code does no I/O' },
      ],
    }],
  },
});

// Users and the examples import the package by name; self-reference needs an exports map.
project.package.addField('exports', {
  '.': { types: './lib/index.d.ts', default: './lib/index.js' },
  './package.json': './package.json',
  './.jsii': './.jsii',
});

// Kubernetes schemas come from the ESM-only kubernetes-models package: bundle the validators we need
// into CommonJS once, before compiling or testing (the package cannot be require()d at run time). The compile task
// itself runs it, not pre-compile: `npx projen compile` alone (scripts/go-bindings.sh, CI) must give a complete lib/,
// since jsii does not copy the generated JavaScript from src/ and a package without it fails at its first synth.
const bundleSchemas = project.addTask('bundle-schemas', {
  description: 'Bundle the built-in Kubernetes kind validators from kubernetes-models into CommonJS',
  exec: 'node scripts/bundle-k8s-validators.mjs',
});
project.compileTask.prependSpawn(bundleSchemas);
// `require('opskit')` loads no module until one of its exports is read (the package index becomes getters, as
// aws-cdk-lib's): a program pays for the constructs it uses, not for every domain (scripts/lazy-index.js)
project.compileTask.exec('node scripts/lazy-index.js lib');
project.testTask.prependSpawn(bundleSchemas);

// `npx projen package`: the JavaScript package, then every other jsii target whose toolchain is on the machine
// (each reported as built or not, with the reason). `package:<lang>` builds one language and fails loudly.
const packageAll = project.tasks.tryFind('package-all');
packageAll?.reset();
packageAll?.spawn(project.tasks.tryFind('package:js')!);
packageAll?.exec('bash scripts/package-targets.sh');
// Go: the module proxy does not serve the Go bindings of opskit's jsii dependencies at these versions, so the script
// generates them with opskit's into build/go/, builds the Go quickstart against them, and copies the module to
// dist/go/opskit (README, "Languages").
project.tasks.tryFind('package:go')?.reset('bash scripts/go-bindings.sh --package');

project.addTask('synth', {
  description: 'Synthesize the quickstart example with cdk8s synth',
  // the example resolves 'opskit' to src/ through its tsconfig paths, so no compile step is needed
  steps: [{ spawn: 'bundle-schemas' }, { exec: 'npx cdk8s synth', cwd: 'examples/quickstart' }],
});
project.addTask('bench', {
  description: 'Benchmarks: issue 10\'s figures (synth vs cdk8s and JSON.stringify, the platform program at x1/x2/x4, require cost), each with its goal',
  steps: [{ spawn: 'bundle-schemas' }, { exec: 'node --expose-gc -r ts-node/register/transpile-only scripts/bench.ts' }],
});

// 3.6 resolves with enhanced-resolve; 3.7+ needs unrs-resolver (see jestVersion above). projen adds the
// resolver unpinned: pin it here.
project.deps.removeDependency('eslint-import-resolver-typescript');
project.addDevDeps('eslint-import-resolver-typescript@3.6.3');
project.deps.removeDependency('@types/jest');
project.addDevDeps('@types/jest@^29.5.14');
project.deps.removeDependency('ts-jest');
project.addDevDeps('ts-jest@^29.4.5', 'jest-util@^29.7.0');

project.synth();
