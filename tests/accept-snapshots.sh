#!/usr/bin/env bash
# Accepts every received snapshot: run after reviewing the failures of the snapshot tests.
set -euo pipefail
cd "$(dirname "$0")"
find . -path '*/_snapshots/*' -name '*.received.*' -print0 | while IFS= read -r -d '' received; do
  mv "$received" "${received/.received./.verified.}"
  echo "accepted ${received/.received./.verified.}"
done
