#!/usr/bin/env bash
# The Sloth CLI (github.com/slok/sloth v0.16.0, pinned in go.mod as a `tool`), its version set to the pinned
# module version (as built from the module it would print "dev"), and our sloth-batch. Usage: build.sh <bindir>
set -euo pipefail
cd "$(dirname "$0")"
go build -trimpath -ldflags "-X github.com/slok/sloth/internal/info.Version=$(go list -m -f "{{.Version}}" github.com/slok/sloth)" -o "$1/sloth" github.com/slok/sloth/cmd/sloth
# sloth-batch: our main, one verdict per spec through the same library calls as `sloth generate`
go build -trimpath -o "$1/sloth-batch" ./cmd/sloth-batch
