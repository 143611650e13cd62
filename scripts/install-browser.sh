#!/usr/bin/env bash
# The browser the dashboard's tests drive: Debian's chromium (Playwright's own browser download cannot work offline).
#
#   scripts/install-browser.sh          install the Debian 'chromium' package (needs root and apt-get) unless present;
#                                       prints the browser's path
#
# Without a browser the dashboard's browser tests are skipped (failed under WORKFLOWS_REQUIRE_ALL_TESTS=1, as in CI);
# WORKFLOWS_BROWSER points them at another Chromium build.
set -euo pipefail

find_browser() {
  local candidate
  for candidate in "${WORKFLOWS_BROWSER:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/lib/chromium/chromium; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

if find_browser; then exit 0; fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "No Chromium is installed and it cannot be installed here (needs root and apt-get): install the 'chromium' package, or set WORKFLOWS_BROWSER to a Chromium executable." >&2
  exit 1
fi
echo "installing Chromium (apt-get install chromium)" >&2
DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
find_browser
