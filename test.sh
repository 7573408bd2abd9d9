#!/usr/bin/env bash
# Runs every test of ImportPortal: unit and component tests, the Frappe simulator's tests, and the
# browser tests in a real Chromium, then runs five benchmarks at tiny sizes. On a fresh Debian machine it first installs what the browser tests
# need (Debian's chromium, when missing and we are root). Builds once, then tests with --no-build.
# Test results (TRX) land in TestResults/, screenshots in artifacts/screenshots/.
set -euo pipefail
cd "$(dirname "$0")"

if [ -z "${PORTAL_CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing Debian's chromium for the browser tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "== no /usr/bin/chromium and cannot install it: the browser tests will FAIL (set PORTAL_CHROMIUM to a Chromium binary)" >&2
  fi
fi

configuration="${CONFIGURATION:-Debug}"
rm -rf TestResults
echo "== build ($configuration)"
dotnet build ImportPortal.sln -c "$configuration" -nologo -v:q

# One project at a time: on two cores the browser tests keep their timings, and each TRX has its own name.
status=0
# Every project under tests/ that declares itself a test project; the browser tests run last.
projects=$(grep -l '<IsTestProject>true</IsTestProject>' tests/*/*.csproj | grep -v '/E2E/'; echo tests/E2E/E2E.csproj)
for project in $projects; do
  name=$(basename "$project" .csproj)
  echo "== test $name"
  dotnet test "$project" -c "$configuration" --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" --results-directory TestResults "$@" || status=$?
done
# The benchmarks still run end to end (tiny sizes; their figures mean nothing here, the README's come from Release runs).
echo "== bench smoke"
for scenario in "store --tickets 1000 --repeat 1" "import --only a --tickets 300 --repeat 1" "files --tickets 20 --rows 8" "removal --tickets 30 --rows 1" "causes --tickets 2000 --repeat 1"; do
  # shellcheck disable=SC2086
  dotnet run --project bench/ImportPortal.Bench -c "$configuration" --no-build -- $scenario >/dev/null || { echo "bench $scenario FAILED" >&2; status=1; }
done
exit "$status"
