#!/usr/bin/env bash
# amtool of Alertmanager 0.35 (github.com/prometheus/alertmanager v0.35.0, pinned in go.mod as a `tool`),
# built as `amtool035` so it sits beside Debian's amtool 0.25. Usage: build.sh <bindir>
set -euo pipefail
cd "$(dirname "$0")"
go build -trimpath -ldflags "-X github.com/prometheus/common/version.Version=0.35.0" \
  -o "$1/amtool035" github.com/prometheus/alertmanager/cmd/amtool
