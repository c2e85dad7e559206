#!/usr/bin/env bash
# The Sloth CLI (github.com/slok/sloth v0.16.0, pinned in go.mod as a `tool`; its version label comes from
# the module version in the build info). Usage: build.sh <bindir>
set -euo pipefail
cd "$(dirname "$0")"
go build -trimpath -ldflags "-X github.com/slok/sloth/internal/info.Version=$(go list -m -f "{{.Version}}" github.com/slok/sloth)" -o "$1/sloth" github.com/slok/sloth/cmd/sloth
# sloth-batch: our main, one verdict per spec through the same library calls as `sloth generate`
go build -trimpath -o "$1/sloth-batch" ./cmd/sloth-batch
