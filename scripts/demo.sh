#!/usr/bin/env bash
# README command 1: install what is missing, build in Release, index the bundled
# corpus and run a few example queries.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DSEGUGIO_BUILD_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)"

db=build/demo-db
./build/indexer/segugio-index -d "$db" --full corpus
run() {
  echo
  echo "\$ segugio-search -d $db $*"
  ./build/searcher/segugio-search -d "$db" "$@"
}
run -n 3 "intelligenza artificiale"
run -n 3 --company Microsoft cloud
run -n 3 'azienda:"Big G" data:2023..2026'
run -n 3 --no-facets "l'azienda di Cupertino"
run -n 3 --no-facets --sort date "fibra ottica citta"
run -n 2 --no-facets "intelligensa artificale"
