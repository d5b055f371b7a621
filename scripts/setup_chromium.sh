#!/usr/bin/env bash
# Install headless Chromium for the cost report's PDF, screenshot and browser test
# (scripts/focus_report.py). Debian's `chromium` package: browser downloads by Playwright or
# Puppeteer do not work where only package registries are reachable.
# Does nothing when a Chromium is already on PATH; needs root (or sudo) to install.
set -euo pipefail

for name in chromium chromium-browser google-chrome; do
    if command -v "$name" >/dev/null 2>&1; then
        echo "setup_chromium: $name found at $(command -v "$name")"
        exit 0
    fi
done

if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup_chromium: no chromium and no apt-get: install Chromium with your package manager" >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo -n"
    else
        echo "setup_chromium: installing chromium needs root (apt-get install -y chromium)" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium >/dev/null
chromium --version
