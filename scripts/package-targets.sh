#!/usr/bin/env bash
# Builds the jsii packages of every language whose toolchain is on this machine, after the JavaScript package
# (`npx projen package` runs it; `npx projen package:<lang>` builds one language and fails loudly).
#
# A language is tried when its toolchain is found; a build can still fail when the toolchain cannot fetch the
# dependencies it needs (the jsii runtime and the bindings of constructs, cdk8s, cdktn and @cdktn/provider-aws from
# PyPI, Maven Central or NuGet). Go generates those bindings locally (scripts/go-bindings.sh) and needs only the
# jsii runtime from the Go module proxy. Each result is printed; the script fails only when
# OPSKIT_PACKAGE_STRICT=1 (then every language whose toolchain is present must build).
set -uo pipefail
cd "$(dirname "$0")/.."
# Go is at /usr/local/go on the project's machines, not always on the PATH
command -v go >/dev/null 2>&1 || [ ! -x /usr/local/go/bin/go ] || export PATH="/usr/local/go/bin:$PATH"

declare -A TOOLCHAIN=( [python]="python3" [java]="mvn" [dotnet]="dotnet" [go]="go" )
summary=()
failed=0
for lang in python java dotnet go; do
  tool="${TOOLCHAIN[$lang]}"
  if ! command -v "$tool" > /dev/null 2>&1; then
    summary+=("$lang: skipped ($tool not found)")
    continue
  fi
  log="$(mktemp -t "opskit-package-$lang.XXXXXX.log")"
  # Go: the dependencies' bindings are generated locally too (scripts/go-bindings.sh; minutes on a cold machine)
  command=(npx jsii-pacmak -v --target "$lang")
  [ "$lang" = go ] && command=(bash scripts/go-bindings.sh --package)
  echo "package:$lang — ${command[*]} (log: $log)"
  if "${command[@]}" > "$log" 2>&1; then
    summary+=("$lang: built into dist/$lang")
  else
    failed=1
    reason="$(grep -m1 -iE 'error|denied|forbidden|not found|unreachable|could not|failed' "$log" | cut -c1-160)"
    summary+=("$lang: not built — ${reason:-see $log}")
  fi
done
echo "jsii targets:"
echo "  js: built into dist/js"
printf '  %s\n' "${summary[@]}"
if [ "$failed" = 1 ] && [ "${OPSKIT_PACKAGE_STRICT:-0}" = 1 ]; then exit 1; fi
exit 0
