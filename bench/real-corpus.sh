#!/usr/bin/env bash
# Lays out the real articles of ../shared/data the way the dev sets of
# bench/data/ name them: one folder of links, so that segugio-index gives the
# ids the gold files use (innovazione#12, devitalia/<post>, the news-day ids).
# Usage: bash bench/real-corpus.sh DIR   (then: segugio-index -d DB DIR)
set -euo pipefail
dir=${1:?usage: bench/real-corpus.sh DIR}
shared=$(cd "$(dirname "$0")/../../shared/data" 2>/dev/null && pwd) ||
  { echo "real-corpus.sh: ../shared/data not found (it is not on a user's machine)" >&2; exit 1; }
mkdir -p "$dir"
for s in innovazione ils pagopa news-day; do ln -sfn "$shared/$s/articles.jsonl" "$dir/$s.jsonl"; done
for s in devitalia linuxhub; do ln -sfn "$shared/$s/posts" "$dir/$s"; done
echo "$dir: $(ls "$dir" | wc -l) sources linked" >&2
