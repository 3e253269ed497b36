#!/usr/bin/env bash
# Kept for old links: the README's pictures are now made by scripts/screenshots.sh.
exec "$(dirname "$0")/screenshots.sh" "$@"
