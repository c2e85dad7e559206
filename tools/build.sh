#!/usr/bin/env bash
# Builds every test oracle into tools/bin/ from the Go module proxy, at the versions pinned in each
# tool's go.mod. A tool is a folder tools/<tool>/ with its own go.mod and one main package per binary
# under tools/<tool>/cmd/<binary>/; the binary is named after that folder.
#
# Go's module cache (GOMODCACHE) and build cache (GOCACHE) are left at their defaults, so a second run
# on the same machine reuses them and only relinks. Oracles are test-only: nothing here is a runtime
# dependency of the library.
#
#   tools/build.sh            build all tools
#   tools/build.sh kube       build only tools/kube
set -euo pipefail
cd "$(dirname "$0")"
export GOFLAGS="${GOFLAGS:--mod=readonly} -buildvcs=false"
export CGO_ENABLED="${CGO_ENABLED:-0}"
mkdir -p bin

if ! command -v go >/dev/null 2>&1; then
  echo "tools/build.sh: go is not installed; oracle tests will skip (see docs/oracles.md)" >&2
  exit 1
fi

selected=("$@")
status=0
for mod in */go.mod; do
  tool="${mod%/go.mod}"
  if [ "${#selected[@]}" -gt 0 ] && [[ ! " ${selected[*]} " =~ " ${tool} " ]]; then continue; fi
  # a tool may need its own build steps (e.g. a module that is not go-buildable as is)
  start=$(date +%s)
  if [ -x "$tool/build.sh" ]; then
    if ! (cd "$tool" && ./build.sh "$PWD/../bin"); then echo "tools/build.sh: $tool failed" >&2; status=1; continue; fi
  else
    for cmd in "$tool"/cmd/*/; do
      name="$(basename "$cmd")"
      if ! (cd "$tool" && go build -trimpath -o "../bin/$name" "./cmd/$name"); then
        echo "tools/build.sh: $tool/cmd/$name failed" >&2; status=1
      fi
    done
  fi
  echo "tools/build.sh: $tool built in $(( $(date +%s) - start ))s"
done
exit $status
