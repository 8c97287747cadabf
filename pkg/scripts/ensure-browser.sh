#!/usr/bin/env bash
# Installs Debian's Chromium (and a font, so pages render text) for pkg/test/browser.test.mjs,
# only when /usr/bin/chromium is missing. Idempotent: does nothing on a machine that has it.
# `apt-get update` runs only when something is installed. Needs root (or sudo) to install.
#
#   pkg/scripts/ensure-browser.sh
set -euo pipefail

if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null; then
    sudo=(sudo)
  else
    echo "ensure-browser: /usr/bin/chromium is missing and this is not root; install chromium and fonts-liberation" >&2
    exit 1
  fi
fi

echo "ensure-browser: installing chromium and fonts-liberation from Debian" >&2
# Waits for another apt/dpkg (a concurrent install) instead of failing on its lock.
apt_opts=(-o DPkg::Lock::Timeout=600 -q)
"${sudo[@]}" apt-get "${apt_opts[@]}" update
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get "${apt_opts[@]}" install -y --no-install-recommends \
  chromium fonts-liberation
/usr/bin/chromium --version >&2
