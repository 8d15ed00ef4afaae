#!/usr/bin/env bash
# Installs the Debian 12 packages Segugio needs to build, test and demo.
# Idempotent: asks apt only for what is missing. Runs as root or through sudo.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libxapian-dev xapian-tools        # the engine, xapian-check and xapian-tcpsrv
  libstemmer-dev                    # Snowball Italian stemmer
  libzstd-dev zstd                  # stored text compression, .zst articles
  libcxxopts-dev doctest-dev        # command lines, tests
  nlohmann-json3-dev                # JSON Lines articles, JSON output
  libyaml-cpp-dev                   # Markdown front matter
  libutf8proc-dev                   # UTF-8 decoding, normalisation, case and accent folding
  libxml2-dev                       # HTML pages and RSS/Atom feeds
  libedit-dev                       # line editing in the interactive prompt
  libmimalloc-dev                   # a faster malloc for the indexer (Xapian's writer)
  witalian                          # Italian word list: accent tests, synthetic corpora
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
