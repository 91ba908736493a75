#!/usr/bin/env bash
# Extract the message template po/simroi.pot from the sources with xgettext
# (docs/translations.md). Every user-facing string is the first argument of
# tr(), the first two of trn() (singular, plural), the second of trc()
# (context first).
#
#   po/update-pot.sh           rewrite po/simroi.pot when its messages changed
#   po/update-pot.sh --check   exit 1 (and show the difference) when it is stale
#
# The POT-Creation-Date line is not compared, so an unchanged set of messages
# leaves the committed file as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
pot=po/simroi.pot
fresh=$(mktemp)
trap 'rm -f "$fresh" "$fresh.a" "$fresh.b"' EXIT

find include src -name '*.h' -o -name '*.cpp' | LC_ALL=C sort |
  xgettext --files-from=- --output="$fresh" --language=C++ --from-code=UTF-8 \
    --keyword= --keyword=tr:1 --keyword=N_:1 --keyword=trn:1,2 --keyword=trc:1c,2 \
    --flag=tr:1:no-c-format --flag=trn:1:no-c-format --flag=trn:2:no-c-format \
    --flag=trc:2:no-c-format --add-comments=TRANSLATORS: \
    --sort-output --add-location=file --package-name=simroi --force-po

strip_date() { grep -v '^"POT-Creation-Date:' "$1"; }
if [[ -f $pot ]] && cmp -s <(strip_date "$pot") <(strip_date "$fresh"); then
  [[ ${1:-} == --check ]] || echo "$pot is current"
  exit 0
fi
if [[ ${1:-} == --check ]]; then
  echo "$pot is stale: run po/update-pot.sh and commit it" >&2
  diff <(strip_date "$pot" 2>/dev/null || true) <(strip_date "$fresh") >&2 || true
  exit 1
fi
cp "$fresh" "$pot"
echo "wrote $pot ($(grep -c '^msgid ' "$pot") messages, the header included)"
