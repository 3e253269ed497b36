#!/usr/bin/env bash
# Renders outputs/sample-city/report.html with headless Chromium into docs/report.png,
# the screenshot shown in the README. Installs Debian's chromium when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-ipaexfont-gothic
fi
cargo run --release --quiet -- report inputs/sample-city --lang "${KAIGI_LANG:-ja}"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
mkdir -p docs
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$profile" --window-size=1200,"${HEIGHT:-2400}" \
  --screenshot="$PWD/docs/report.png" "file://$PWD/outputs/sample-city/report.html"
echo "wrote docs/report.png"
