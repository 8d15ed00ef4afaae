#!/usr/bin/env bash
# Query latency with 1, 2 and 4 shards, local and through xapian-tcpsrv on
# loopback, Segugio against plain Xapian on the same database and queries, for
# bench/RESULTS.md and docs/scale-out.md.
#
#   bench/scale-out-latency.sh SHARDED_DB WORK [QUERIES [SEED]]
#
# SHARDED_DB: a database written with `segugio-index --shards 4`. WORK: a
# folder for the 2-shard and 1-shard copies (made once with xapian-compact,
# kept for reruns), the stubs and the drawn queries. QUERIES title queries are
# drawn with `segugio-bench latency --seed SEED` (default 300, seed 3). Each
# row is one `segugio-bench latency -d STUB --query-file QUERIES.jsonl
# --facets` process: an untimed warm-up round, then a timed one in which each
# query goes, in turn, through plain Xapian (Xapian::QueryParser, Xapian's
# Italian stemmer, default OR, BM25, the first 10 hits, no facets), through
# Segugio without facets and through Segugio with facets (default searches:
# 10 hits, titles, snippets, spelling). Searches with facets count over every
# match and cost far more: FACET_QUERIES (default: all QUERIES) limits them to
# the first ones drawn, 0 skips them. Prints one Markdown table row per
# layout: median / p90 / p99 in ms of each, and Segugio's median over plain
# Xapian's on the same queries (the ratio, which compares across machines).
# Output (2,000 synthetic articles, 40 queries, FACET_QUERIES=10; see
# bench/RESULTS.md):
#
#   | shards | where | xapian ms (median / p90 / p99) | no facets ms | x xapian | facets ms | x xapian |
#   | --- | --- | --- | --- | --- | --- | --- |
#   | 1 | local | 0.2 / 0.2 / 6.5 | 12.8 / 26.2 / 40.4 | 69.1 | 29.1 / 43.8 / 46.4 | 152.5 |
#   | 1 | xapian-tcpsrv | 7.4 / 16.2 / 18.8 | 26.2 / 35.3 / 46.5 | 3.5 | 28.3 / 37.6 / 40.6 | 3.9 |
#   ...
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 SHARDED_DB WORK [QUERIES [SEED]]" >&2
  exit 2
fi
db=$(realpath "$1")
mkdir -p "$2"
work=$(realpath "$2")
queries=${3:-300}
seed=${4:-3}
facet_queries=${FACET_QUERIES:-$queries}
root=$(cd "$(dirname "$0")/.." && pwd)
bench=${SEGUGIO_BENCH:-$root/build/bench/segugio-bench}

for s in 00 01 02 03; do
  [[ -d $db/shard-$s ]] || { echo "$db has no shard-$s: index it with --shards 4" >&2; exit 1; }
done
[[ -e $db/shard-04 ]] && { echo "$db has more than 4 shards" >&2; exit 1; }
command -v xapian-tcpsrv >/dev/null || { echo "xapian-tcpsrv not found: apt-get install xapian-tools" >&2; exit 1; }

# The layouts: the same documents in 4, 2 and 1 shards.
if [[ ! -e $work/two/b ]]; then
  rm -rf "$work/two"
  mkdir -p "$work/two"
  xapian-compact "$db/shard-00" "$db/shard-01" "$work/two/a" >/dev/null
  xapian-compact "$db/shard-02" "$db/shard-03" "$work/two/b" >/dev/null
fi
if [[ ! -e $work/one ]]; then
  xapian-compact "$db/shard-00" "$db/shard-01" "$db/shard-02" "$db/shard-03" "$work/one.tmp" >/dev/null
  mv "$work/one.tmp" "$work/one"
fi
layout_1=("$work/one")
layout_2=("$work/two/a" "$work/two/b")
layout_4=("$db/shard-00" "$db/shard-01" "$db/shard-02" "$db/shard-03")

if [[ ! -s $work/queries-$seed.jsonl ]]; then
  "$bench" latency -d "$db" --queries "$queries" --seed "$seed" \
    --save-queries "$work/queries-$seed.jsonl" >"$work/latency-$seed.txt"
fi

servers=()
stop_servers() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${servers[@]}"; do wait "$pid" 2>/dev/null || true; done
  servers=()
}
trap stop_servers EXIT

# Starts one xapian-tcpsrv for PATH on a free loopback port; sets `port`.
serve() {
  for _ in $(seq 20); do
    port=$((20000 + RANDOM % 40000))
    (echo >/dev/tcp/127.0.0.1/"$port") 2>/dev/null && continue  # taken
    # Its own session: on SIGTERM xapian-tcpsrv signals its whole process group.
    setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$1" >/dev/null 2>&1 &
    servers+=("$!")
    for _ in $(seq 100); do
      (echo >/dev/tcp/127.0.0.1/"$port") 2>/dev/null && return
      kill -0 "${servers[-1]}" 2>/dev/null || break  # lost a race for the port
      sleep 0.1
    done
  done
  echo "xapian-tcpsrv on $1 did not start" >&2
  exit 1
}

# Times the queries on STUB: prints the row's cells after `| shards | where `.
time_queries() {
  local stub=$1 flags=()
  [[ $facet_queries -gt 0 ]] && flags=(--facets --facet-queries "$facet_queries")
  "$bench" latency -d "$stub" --query-file "$work/queries-$seed.jsonl" "${flags[@]}" |
    awk '{ label = substr($0, 1, 14); sub(/ +$/, "", label); n = split(substr($0, 15), f, " ") }
      label == "plain xapian" { x = sprintf("%.1f / %.1f / %.1f", f[2], f[3], f[4]) }
      label == "no facets" { s = sprintf("%.1f / %.1f / %.1f | %.1f", f[2], f[3], f[4], f[7]) }
      label == "facets" { c = sprintf("%.1f / %.1f / %.1f | %.1f", f[2], f[3], f[4], f[7]) }
      END { if (c == "") c = "– | –"; printf "%s | %s | %s", x, s, c }'
}

echo "| shards | where | xapian ms (median / p90 / p99) | no facets ms | x xapian | facets ms | x xapian |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for n in 1 2 4; do
  declare -n paths="layout_$n"
  for where in local xapian-tcpsrv; do
    stub=$work/stub-$n-$where
    : >"$stub"
    for p in "${paths[@]}"; do
      if [[ $where == local ]]; then
        echo "auto $p" >>"$stub"
      else
        serve "$p"
        echo "remote 127.0.0.1:$port" >>"$stub"
      fi
    done
    echo "| $n | $where | $(time_queries "$stub") |"
    stop_servers
  done
  unset -n paths
done
