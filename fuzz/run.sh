#!/usr/bin/env bash
# Runs every fuzz target for a set time (seconds, default 600) with a seed corpus from the
# fixtures. cargo-fuzz needs nightly features; on a stable toolchain RUSTC_BOOTSTRAP=1 allows
# them. Usage: fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(html_extract markdown_extract check_bytes rule_loader config_loader)
export RUSTC_BOOTSTRAP=1
for t in "${targets[@]}"; do
  corpus="fuzz/corpus/$t"
  mkdir -p "$corpus"
  case "$t" in
    html_extract) cp fixtures/statements/*.html fixtures/sites/built/*.html "$corpus"/ 2>/dev/null || true ;;
    markdown_extract) cp fixtures/statements/*.md fixtures/sites/jekyll/_pages/*.md "$corpus"/ 2>/dev/null || true ;;
    check_bytes) cp fixtures/statements/* fixtures/encodings/* "$corpus"/ 2>/dev/null || true ;;
    rule_loader) cp rules/elements/*.yaml rules/common.yaml "$corpus"/ ;;
    config_loader) cp fixtures/config/*.yaml "$corpus"/ ;;
  esac
  echo "== $t for ${secs}s"
  cargo fuzz run "$t" "$corpus" -- -max_total_time="$secs" -max_len=65536 -rss_limit_mb=4096 2>&1 | tail -n 4
done
