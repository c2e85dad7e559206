#!/usr/bin/env bash
# Helm's own CLI (helm.sh/helm/v4 at the version pinned in go.mod, a `tool` directive: the upstream main
# package built as it is, with our k8s.io/* pins — Helm's go.mod has no replace directives), into the folder
# given as $1. The version is stamped as Helm's Makefile does for a release tag (`helm version` prints it;
# built from the module it would print "v4.3"). Usage: build.sh <bindir>
set -euo pipefail
cd "$(dirname "$0")"
version="$(go list -m -f "{{.Version}}" helm.sh/helm/v4)"
go build -trimpath -ldflags "-X helm.sh/helm/v4/internal/version.version=${version} -X helm.sh/helm/v4/internal/version.metadata=" \
  -o "$1/helm" helm.sh/helm/v4/cmd/helm
