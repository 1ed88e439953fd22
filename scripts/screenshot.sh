#!/usr/bin/env bash
# Regenerate docs/report.png: the HTML report of the demo clinic, December 2026, rendered
# by headless Chromium (Debian package `chromium`). Run from anywhere:
#   scripts/screenshot.sh            # uses .venv/bin/clinic-content, else clinic-content on PATH
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bin="$repo/.venv/bin/clinic-content"
[ -x "$bin" ] || bin="$(command -v clinic-content)"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$repo/examples/demo-clinic" && "$bin" report -o "$work/plan.html" --today 2026-11-22)
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
  --virtual-time-budget=10000 --window-size=1280,1500 \
  --screenshot="$work/report.png" "file://$work/plan.html#month=2026-12&feed=vk" 2>/dev/null
mv "$work/report.png" "$repo/docs/report.png"
echo "wrote docs/report.png"
