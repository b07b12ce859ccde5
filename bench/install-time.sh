#!/usr/bin/env bash
# Install time as a new user sees it: a fresh clone of this checkout's HEAD (or of $1, any git URL or path),
# `npm install` with an empty npm cache (so every package is downloaded and every native build runs).
# Prints the elapsed seconds; the clone and the cache are removed afterwards.
set -euo pipefail
src="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git clone -q "$src" "$work/lambent"
cd "$work/lambent"
start=$(date +%s.%N)
npm install --cache "$work/npm-cache" --no-audit --no-fund >"$work/install.log" 2>&1 || { tail -20 "$work/install.log"; exit 1; }
end=$(date +%s.%N)
echo "npm install, fresh clone, empty cache: $(echo "$end - $start" | bc) s"
