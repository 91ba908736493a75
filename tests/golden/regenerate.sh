#!/usr/bin/env bash
# Rewrite every golden output of tests/golden/cases.txt with the given binary
# (default build/simroi), run from the source folder as the test runs it.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(realpath "${1:-build/simroi}")
grep -v '^#' tests/golden/cases.txt | grep -v '^$' | while read -r name args; do
  # shellcheck disable=SC2086
  # English unless the case asks for --lang (the test resets the locale alike).
  env -u LC_MESSAGES LC_ALL=C LANG=C "$bin" $args > "tests/golden/$name" </dev/null
done
echo "regenerated $(grep -cv '^#' tests/golden/cases.txt) golden outputs with $bin"
