#!/usr/bin/env bash
# Installs Debian's Chromium (and a font, so pages render text) for pkg/test/browser.test.mjs,
# only when /usr/bin/chromium is missing. Idempotent: does nothing on a machine that has it.
# `apt-get update` runs only when something is installed (scripts/lib.sh's
# ensure_debian_packages, as for the WordPress tests). Needs root (or sudo) to install.
#
#   pkg/scripts/ensure-browser.sh
set -euo pipefail

if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi

source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/scripts/lib.sh"
ensure_debian_packages chromium fonts-liberation
/usr/bin/chromium --version >&2
