#!/usr/bin/env bash
# promtool of Prometheus 3 (github.com/prometheus/prometheus v0.316.0 = Prometheus 3.16.0, pinned in go.mod
# as a `tool`), built as `promtool3` so it sits beside Debian's promtool 2.42. Usage: build.sh <bindir>
set -euo pipefail
cd "$(dirname "$0")"
version=$(go list -m -f '{{.Version}}' github.com/prometheus/prometheus)
go build -trimpath -ldflags "-X github.com/prometheus/common/version.Version=3.16.0 -X github.com/prometheus/common/version.Revision=${version}" \
  -o "$1/promtool3" github.com/prometheus/prometheus/cmd/promtool
