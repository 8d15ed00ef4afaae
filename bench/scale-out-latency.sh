#!/usr/bin/env bash
# Query latency with 1, 2 and 4 shards, local and through xapian-tcpsrv on
# loopback, for bench/RESULTS.md and docs/scale-out.md.
#
#   bench/scale-out-latency.sh SHARDED_DB WORK [QUERIES [SEED]]
#
# SHARDED_DB: a database written with `segugio-index --shards 4`. WORK: a
# folder for the 2-shard and 1-shard copies (made once with xapian-compact,
# kept for reruns), the stubs and the drawn queries. QUERIES title queries are
# drawn with `segugio-bench latency --seed SEED` (default 300, seed 3); each
# row answers the first sixth of them (at most 60) to warm up and times the
# rest, in one
# `segugio-search --queries - --format json` process, from the `elapsed_ms`
# of each answer. Searches with facets count over every match and cost far
# more: FACET_QUERIES (default: all QUERIES) limits them to the first ones
# drawn, 0 skips them. Prints one Markdown table row per layout.
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
warmup=60
facet_queries=${FACET_QUERIES:-$queries}
root=$(cd "$(dirname "$0")/.." && pwd)
search=${SEGUGIO_SEARCH:-$root/build/searcher/segugio-search}
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

# median and p99 (nearest rank) of the numbers on standard input.
summary() {
  sort -g | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    p = int(0.99 * NR); if (p < 0.99 * NR) p++
    printf "%.1f | %.1f", m, v[p] }'
}

# Times the first COUNT queries on STUB, with or without facets; the first
# sixth of them (at most 60) only warm up.
time_queries() {
  local stub=$1 facets=$2 count=$3 flags=()
  if [[ $count -eq 0 ]]; then
    echo "– | –"
    return
  fi
  local skip=$((count / 6 < warmup ? count / 6 : warmup))
  [[ $facets == no ]] && flags=(--no-facets)
  head -n "$count" "$work/queries-$seed.jsonl" |
    "$search" -d "$stub" --queries - --format json "${flags[@]}" |
    tail -n +$((skip + 1)) | grep -o '"elapsed_ms":[0-9.]*' | cut -d: -f2 | summary
}

echo "| shards | where | facets median ms | facets p99 ms | no facets median ms | no facets p99 ms |"
echo "| --- | --- | --- | --- | --- | --- |"
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
    echo "| $n | $where | $(time_queries "$stub" yes "$facet_queries") | $(time_queries "$stub" no "$queries") |"
    stop_servers
  done
  unset -n paths
done
