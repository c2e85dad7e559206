#!/usr/bin/env bash
# opskit's Go bindings, generated locally with jsii-pacmak into build/go/ (git-ignored; never commit them).
#
# The Go module proxy serves the jsii runtime (github.com/aws/jsii-runtime-go) but not the Go bindings of opskit's
# jsii dependencies at the versions in node_modules (constructs 10.7, cdk8s, cdk8s-plus-33, cdktn,
# @cdktn/provider-aws), so they are generated from the npm packages' .jsii assemblies too, each into
# build/go/<go package>/ (pacmak's layout, so its own `go build` of opskit finds them as local modules):
#
#   build/go/constructs  build/go/cdk8s  build/go/cdk8splus33  build/go/cdktn  build/go/aws  build/go/opskit
#
# A dependency is regenerated only when its version or jsii-pacmak's changes (build/go/.stamps/; generated modules
# are kept in ~/.cache/opskit/go-bindings/, or $OPSKIT_GO_BINDINGS_CACHE, for other clones); opskit when its
# sources change (the jsii assembly is recompiled first when src/ is newer than .jsii). @cdktn/provider-aws is the
# heavy one: a 147 MB assembly, 5 to 8 minutes and 4.5 GB of memory on 2 shared cores, 730 MB of Go source (only the
# few submodules a program imports get compiled).
#
#   scripts/go-bindings.sh            generate what is missing or stale, then build the programs of test/fixtures/go
#   scripts/go-bindings.sh --check    exit 0 when the bindings are current, 3 when missing, 4 when stale (no output
#                                     on success; used by test/go/quickstart.test.ts)
#   scripts/go-bindings.sh --package  also copy the opskit module to dist/go/opskit (`npx projen package`)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v go >/dev/null 2>&1 || export PATH="/usr/local/go/bin:$PATH"

OUT=build/go
STAMPS="$OUT/.stamps"
FIXTURES=test/fixtures/go
DEPS=(constructs cdk8s cdk8s-plus-33 cdktn @cdktn/provider-aws)
mode="${1:-build}"

# What opskit's bindings are generated from: every source file (less the schema bundle, generated from
# node_modules), package.json, tsconfig.json, .npmignore (what goes into the package) and the lazy index generator.
source_hash() {
  { find src -type f ! -path 'src/core/schema/generated/*' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
    sha256sum package.json tsconfig.json .npmignore scripts/lazy-index.js; } | sha256sum | cut -c1-64
}
pacmak_version() { node -p "require('jsii-pacmak/package.json').version"; }
dep_stamp() { echo "$1@$(node -p "require('$1/package.json').version") jsii-pacmak@$(pacmak_version)"; }
stamp_file() { echo "$STAMPS/$(echo "$1" | tr '/@' '__')"; }

if [ "$mode" = --check ]; then
  for dep in "${DEPS[@]}" opskit; do [ -f "$(stamp_file "$dep")" ] || exit 3; done
  for dep in "${DEPS[@]}"; do [ "$(cat "$(stamp_file "$dep")")" = "$(dep_stamp "$dep")" ] || exit 4; done
  [ "$(cat "$(stamp_file opskit)")" = "opskit@$(source_hash) jsii-pacmak@$(pacmak_version)" ] || exit 4
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  echo "go-bindings: go is not installed; the Go bindings need Go 1.25 or later" >&2
  exit 1
fi
mkdir -p "$STAMPS"
# pacmak's go build of opskit runs `go mod tidy` on a copy of go.mod: module and build caches stay at their
# defaults (shared with tools/build.sh)
export GOFLAGS=-buildvcs=false
# the provider's assembly does not fit node's default heap, and its 76,000 files do not fit the open-file limit
# when pacmak writes them all at once (scripts/go-bindings-preload.cjs writes them in batches)
export NODE_OPTIONS="${NODE_OPTIONS:-} --max-old-space-size=8192 --require $PWD/scripts/go-bindings-preload.cjs"
timed() { local start; start=$(date +%s); "$@"; echo "go-bindings: $(( $(date +%s) - start ))s"; }

# 1. The dependencies, each from its folder in node_modules (code only: they are compiled with their users). Like
# Go's module and build caches, generated modules are kept outside the clone, keyed by their stamp, so that another
# clone on the same machine (CI's) links them instead of generating them again.
CACHE="${OPSKIT_GO_BINDINGS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/opskit/go-bindings}"
mkdir -p "$CACHE"
for dep in "${DEPS[@]}"; do
  stamp="$(dep_stamp "$dep")"
  file="$(stamp_file "$dep")"
  if [ -f "$file" ] && [ "$(cat "$file")" = "$stamp" ]; then echo "go-bindings: $stamp is current"; continue; fi
  entry="$CACHE/$(echo "$stamp" | tr ' /@' '_+=')"
  if [ -d "$entry" ]; then
    echo "go-bindings: $stamp from $entry"
  else
    echo "go-bindings: generating $stamp"
    tmp="$entry.tmp.$$"
    dir="$(node -p "require('path').dirname(require.resolve('$dep/package.json'))")"
    timed npx jsii-pacmak --target go --code-only --no-fingerprint -o "$tmp" "$dir"
    # another clone may have stored the same entry meanwhile: keep the first (they are identical)
    mv -T "$tmp/go" "$entry" 2>/dev/null || true
    rm -rf "$tmp"
  fi
  for pkg in "$entry"/*/; do
    name="$(basename "$pkg")"
    rm -rf "${OUT:?}/$name"
    # hard links where the cache is on the same file system (nothing writes into these folders), else a copy
    cp -al "$pkg" "$OUT/$name" 2>/dev/null || { rm -rf "${OUT:?}/$name"; cp -R "$pkg" "$OUT/$name"; }
  done
  echo "$stamp" > "$file"
done

# 2. opskit: its jsii assembly, then the bindings, built by pacmak against the local dependency modules above
stamp="opskit@$(source_hash) jsii-pacmak@$(pacmak_version)"
file="$(stamp_file opskit)"
if [ -f "$file" ] && [ "$(cat "$file")" = "$stamp" ]; then
  echo "go-bindings: opskit is current"
else
  if [ ! -f .jsii ] || [ -n "$(find src package.json tsconfig.json -newer .jsii -type f ! -path 'src/core/schema/generated/*' -print -quit)" ]; then
    echo "go-bindings: compiling opskit's jsii assembly"
    timed npx projen compile
  fi
  # the package pacmak builds from is lib/: without the bundled schema validators it would fail at its first synth
  [ -f lib/core/schema/generated/k8s-validators/index.js ] || timed node scripts/bundle-k8s-validators.mjs
  echo "go-bindings: generating and building opskit's Go module"
  rm -rf "$OUT/opskit"
  timed npx jsii-pacmak --target go --no-fingerprint -o build .
  echo "$stamp" > "$file"
fi

# 3. The Go test programs (test/go/quickstart.test.ts runs them)
echo "go-bindings: building $FIXTURES/... into $OUT/bin/"
timed bash -c "cd '$FIXTURES' && go build -mod=readonly -o '$PWD/$OUT/bin/' ./..."

if [ "$mode" = --package ]; then
  rm -rf dist/go/opskit
  mkdir -p dist/go
  cp -r "$OUT/opskit" dist/go/opskit
  echo "go-bindings: the opskit Go module is in dist/go/opskit (it needs the dependency modules of $OUT/ until they are published)"
fi
