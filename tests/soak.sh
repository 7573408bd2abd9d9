#!/usr/bin/env bash
# Runs the fault tests (rate limits, deadlocks, resets, dropped answers, a killed portal) again and again, each round
# under another fault seed, to find what one seed does not meet. Not part of ./test.sh: a soak is bounded by its
# rounds, not by CI's clock.
#   tests/soak.sh [rounds] [first-seed]      (defaults 10 and 1)
# Each round's console log goes to soak/round-<seed>.log; the summary says which rounds failed and under what seed,
# and FRAPPE_SIM_FAULT_SEED=<seed> repeats a failed round's faults (timings aside) in any test run.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds="${1:-10}"
first="${2:-1}"
unit_filter='FullyQualifiedName~FaultyImportTests|FullyQualifiedName~ImportLoopFault|FullyQualifiedName~MembershipImportTests|FullyQualifiedName~RunRemovalTests|FullyQualifiedName~RunCheckTests|FullyQualifiedName~FrappeSiteClientTests'
e2e_filter='FullyQualifiedName~CrashResumeTests'

dotnet build ImportPortal.sln -nologo -v:q
mkdir -p soak
failed=()
for ((seed = first; seed < first + rounds; seed++)); do
  log="soak/round-$seed.log"
  ok=1
  FRAPPE_SIM_FAULT_SEED=$seed dotnet test tests/Unit --no-build -nologo --filter "$unit_filter" >"$log" 2>&1 || ok=0
  FRAPPE_SIM_FAULT_SEED=$seed dotnet test tests/E2E --no-build -nologo --filter "$e2e_filter" >>"$log" 2>&1 || ok=0
  summary=$(grep -E "^(Passed!|Failed!)" "$log" | tr '\n' ' ')
  if [ "$ok" = 1 ]; then echo "seed $seed: passed · $summary"; else echo "seed $seed: FAILED · $summary (see $log)"; failed+=("$seed"); fi
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "failed under seeds: ${failed[*]}"
  exit 1
fi
echo "all $rounds rounds passed"
