#!/usr/bin/env bash
# Proves README's install section: a construct package that depends on a locally built opskit package (the
# tarball of `npx projen package:js`) installs with `npm install`, then again from its lock file with `npm ci`, and
# synthesizes through the installed package.
#
#   bash scripts/check-install.sh [dist/js/opskit@<version>.jsii.tgz]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tarball="${1:-$(ls "$root"/dist/js/opskit@*.tgz 2>/dev/null | head -n1 || true)}"
if [ -z "$tarball" ] || [ ! -f "$tarball" ]; then
  echo "no opskit tarball: run 'npx projen compile && npx projen package:js' first" >&2
  exit 1
fi
work="$(mktemp -d -t opskit-install-XXXXXX)"
trap 'rm -rf "$work"' EXIT
cp "$tarball" "$work/opskit.tgz"
mkdir "$work/my-constructs"
cd "$work/my-constructs"
cat > package.json <<'JSON'
{
  "name": "my-constructs",
  "version": "0.1.0",
  "private": true,
  "main": "index.js",
  "peerDependencies": {
    "opskit": "*",
    "constructs": "~10.7.0",
    "cdk8s": "^2.70.106",
    "cdk8s-plus-33": "^2.5.57",
    "cdktn": "^0.24.0",
    "@cdktn/provider-aws": "^25.7.0"
  },
  "devDependencies": {
    "opskit": "file:../opskit.tgz",
    "constructs": "~10.7.0",
    "cdk8s": "^2.70.106",
    "cdk8s-plus-33": "^2.5.57",
    "cdktn": "^0.24.0",
    "@cdktn/provider-aws": "^25.7.0"
  }
}
JSON
cat > index.js <<'JS'
// A construct package built on opskit: one construct, synthesized through the installed package.
const path = require('path');
const { NodeLocalDns, OpsApp } = require('opskit');
const app = new OpsApp({ outdir: path.join(__dirname, 'dist'), terraformOutdir: path.join(__dirname, 'cdktf.out') });
new NodeLocalDns(app.chart('dns'), 'dns', { kubeDnsIp: '10.100.0.10' });
const summary = app.synth();
console.log(`synthesized ${Object.values(summary.objectCounts).reduce((a, b) => a + b, 0)} objects`);
JS
npm install --no-audit --no-fund --prefer-offline > install.log 2>&1 || { cat install.log; exit 1; }
rm -rf node_modules
npm ci --no-audit --no-fund --prefer-offline > ci.log 2>&1 || { cat ci.log; exit 1; }
node index.js
test -f dist/dns.k8s.yaml
# the package's bin: the values-types generator on a small chart
mkdir -p chart && printf 'apiVersion: v2\nname: tiny\nversion: 0.1.0\n' > chart/Chart.yaml
printf '# How many pods.\nreplicas: 2\n' > chart/values.yaml
npx --no-install opskit-helm-values chart | grep -q 'readonly replicas?: number'
# the package index is lazy (scripts/lazy-index.js): ES modules still import its exports by name
node --input-type=module -e "import { NodeLocalDns, OpsApp } from 'opskit'; if (typeof NodeLocalDns !== 'function' || typeof OpsApp !== 'function') process.exit(1);"
echo "ok: npm install, npm ci, a synth, opskit-helm-values and an ES module import through $(basename "$tarball")"
