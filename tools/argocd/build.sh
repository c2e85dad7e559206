#!/usr/bin/env bash
# Downloads Argo CD's module (github.com/argoproj/argo-cd/v3 at the version pinned in go.mod, its zip verified
# against go.sum) into Go's module cache, where test/support/argocd-crds.ts reads its CRDs
# (manifests/crds/application-crd.yaml). Builds nothing: $1 (the bin folder) is unused. Usage: build.sh <bindir>
set -euo pipefail
cd "$(dirname "$0")"
go mod download -json github.com/argoproj/argo-cd/v3 | grep -E '"(Dir|Sum)"'
test -f "$(go list -m -f '{{.Dir}}' github.com/argoproj/argo-cd/v3)/manifests/crds/application-crd.yaml"
