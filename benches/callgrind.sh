#!/usr/bin/env bash
# Instructions per request, counted by callgrind inside `Row::run` only (the timed part:
# poll_ready, call, poll; not building requests nor dropping responses): the count for
# 2N requests minus the count for N, divided by N. Repeatable on a noisy machine.
#
#   benches/callgrind.sh [ROWS] [SCENARIOS] [INNER]
#   e.g. benches/callgrind.sh "floor ours tower-http" "actual_get preflight" headers
# INNER is the inner service's response: bare (default, no headers) or headers (two).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-"floor ours ours-built tower-http actix-floor actix-cors ours-actix ours-actix-built"}
scenarios=${2:-"actual_get preflight disallowed no_origin lookup_1 lookup_10 lookup_100 lookup_1000 lookup_pattern"}
inner=${3:-bare}
n=500
# One codegen unit: inlining then does not depend on how the crate happens to be split,
# so that the counts of one row do not move when another row's code changes.
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target/bench}
cargo build --release -q -p benches --features peers --bin rounds
bin=$CARGO_TARGET_DIR/release/rounds
out=$(mktemp -d)
count() {
    valgrind --tool=callgrind --toggle-collect='*as benches::row::Row>::run' \
        --callgrind-out-file="$out/cg" "$bin" --inner "$inner" --loop "$1" "$2" "$3" 2>&1 |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
printf '| scenario |'
for row in $rows; do printf ' %s |' "$row"; done
printf '\n|---|'
for _ in $rows; do printf -- '---:|'; done
printf '\n'
for scenario in $scenarios; do
    printf '| %s |' "$scenario"
    for row in $rows; do
        one=$(count "$row" "$scenario" "$n")
        two=$(count "$row" "$scenario" $((2 * n)))
        printf ' %d |' $(((two - one) / n))
    done
    printf '\n'
done
rm -rf "$out"
