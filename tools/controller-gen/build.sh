#!/usr/bin/env bash
# Builds sigs.k8s.io/controller-tools' own controller-gen at the version pinned in go.mod (a `tool` directive:
# the upstream main package is built as it is, with our k8s.io/* pins), into the folder given as $1.
# Also downloads the modules of the Go API types under test/fixtures/operator/controller-gen/ (the corpus
# controller-gen reads in the differential test), so that Go's module cache already holds them when the
# tests run (controller-gen loads packages with `go list`, which must not have to reach the proxy then).
set -euo pipefail
bindir="$1"
go build -trimpath -o "$bindir/controller-gen" sigs.k8s.io/controller-tools/cmd/controller-gen
(cd ../../test/fixtures/operator/controller-gen && go mod download)
