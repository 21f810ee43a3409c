#!/usr/bin/env bash
# Compile-time cost of `#[cors]`: builds a crate with 200 `#[cors]`-annotated handlers
# and the same crate with its 200 policies written with `Policy::builder()`, and reports
# the extra build time of the macro version as a percentage.
#
#   benches/compile-time.sh [HANDLERS] [RUNS]      (defaults: 200 handlers, 5 runs;
#                                                   CLEAN_RUNS=3 clean builds each)
#
# Two figures, debug profile, offline (dependencies from the local registry cache):
# - crate only: the median time to rebuild the generated crate after touching its
#   source, dependencies already built (what a developer pays on each edit);
# - clean: a build from scratch including dependencies; the builder version uses
#   `typed-cors` without its `macros` feature, so it does not compile the proc-macro
#   crate and syn, which the macro version must (what CI or a first build pays).
set -euo pipefail
unset CARGO_TARGET_DIR CARGO_BUILD_TARGET_DIR
root=$(cd "$(dirname "$0")/.." && pwd)
handlers=${1:-200}
runs=${2:-5}
work=$(mktemp -d /tmp/cors-compile-time.XXXXXX)
trap 'rm -rf "$work"' EXIT

common_deps() {
    cat <<EOF2
[package]
name = "$1"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
typed-cors = { path = "$root/cors-policy"$2 }
EOF2
}

mkdir -p "$work/with-macro/src" "$work/with-builder/src"
common_deps with-macro "" >"$work/with-macro/Cargo.toml"
common_deps with-builder ', default-features = false, features = ["tower"]' >"$work/with-builder/Cargo.toml"
cp "$root/Cargo.lock" "$work/with-macro/Cargo.lock"
cp "$root/Cargo.lock" "$work/with-builder/Cargo.lock"

{
    echo '//! 200 handlers, each with its own `#[cors]` policy.'
    echo '#![allow(dead_code)]'
    echo 'use typed_cors::{CorsLayer, cors};'
    for i in $(seq 1 "$handlers"); do
        cat <<EOF2
#[cors(
    origins = ["https://app$i.example.com", "https://*.tenant$i.example.com"],
    credentials,
    methods = [GET, POST, PUT, DELETE],
    allow_headers = ["content-type", "x-request-id"],
    expose_headers = ["x-request-id"],
    max_age = 600,
)]
pub async fn handler_$i() -> &'static str {
    "handler $i"
}
EOF2
    done
    echo 'pub fn layers() -> Vec<CorsLayer> {'
    echo '    vec!['
    for i in $(seq 1 "$handlers"); do echo "        CorsLayer::of::<handler_$i>().into(),"; done
    echo '    ]'
    echo '}'
} >"$work/with-macro/src/lib.rs"

{
    echo '//! 200 handlers, each with its own policy built by `Policy::builder()`.'
    echo '#![allow(dead_code)]'
    echo 'use typed_cors::{CorsLayer, Policy};'
    for i in $(seq 1 "$handlers"); do
        cat <<EOF2
pub async fn handler_$i() -> &'static str {
    "handler $i"
}
pub fn policy_$i() -> Policy {
    Policy::builder()
        .origins(["https://app$i.example.com", "https://*.tenant$i.example.com"])
        .credentials()
        .methods(["GET", "POST", "PUT", "DELETE"])
        .allow_headers(["content-type", "x-request-id"])
        .expose_headers(["x-request-id"])
        .max_age(600)
        .build()
        .expect("valid policy")
}
EOF2
    done
    echo 'pub fn layers() -> Vec<CorsLayer> {'
    echo '    vec!['
    for i in $(seq 1 "$handlers"); do echo "        CorsLayer::new(policy_$i()),"; done
    echo '    ]'
    echo '}'
} >"$work/with-builder/src/lib.rs"

seconds() { # command... -> elapsed seconds
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    echo "$end - $start" | bc -l
}
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f\n", m}'; }

declare -A clean crate crate_times
clean_runs=${CLEAN_RUNS:-3}
declare -A clean_times
# Clean builds alternate between the variants, so that load from other work on the
# machine falls on both alike; the median of each is reported.
for _ in $(seq 1 "$clean_runs"); do
    for variant in with-macro with-builder; do
        dir="$work/$variant"
        cargo clean --quiet --manifest-path "$dir/Cargo.toml" 2>/dev/null || true
        clean_times[$variant]+="$(seconds cargo build --offline --quiet --manifest-path "$dir/Cargo.toml") "
        # Check it really built (errors are hidden while timing).
        cargo build --offline --quiet --manifest-path "$dir/Cargo.toml"
    done
done
for variant in with-macro with-builder; do
    clean[$variant]=$(printf '%s\n' ${clean_times[$variant]} | median)
done
for _ in $(seq 1 "$runs"); do
    for variant in with-macro with-builder; do
        dir="$work/$variant"
        touch "$dir/src/lib.rs"
        crate_times[$variant]+="$(seconds cargo build --offline --quiet --manifest-path "$dir/Cargo.toml") "
    done
done
for variant in with-macro with-builder; do
    crate[$variant]=$(printf '%s\n' ${crate_times[$variant]} | median)
done

pct() { echo "scale=1; 100 * ($1 - $2) / $2" | bc -l; }
echo "handlers: $handlers, runs: $runs, $(date -u +%Y-%m-%dT%H:%MZ), $(rustc --version)"
echo
echo "| build | #[cors] (s) | Policy::builder() (s) | extra |"
echo "|---|---:|---:|---:|"
printf '| crate only (median of %s rebuilds) | %s | %s | %s%% |\n' "$runs" \
    "${crate[with-macro]}" "${crate[with-builder]}" "$(pct "${crate[with-macro]}" "${crate[with-builder]}")"
printf '| clean, with dependencies (median of %s builds) | %.1f | %.1f | %s%% |\n' "$clean_runs" \
    "${clean[with-macro]}" "${clean[with-builder]}" "$(pct "${clean[with-macro]}" "${clean[with-builder]}")"
