#!/usr/bin/env bash
# Azurite (Microsoft's Azure Storage emulator, npm) for the Azure Blob tests: a real Blob API on
# loopback. Installed into .azurite/ (gitignored); needs Node.js 18+ and npm.
#   bash scripts/setup_azurite.sh [folder]
set -euo pipefail
folder="${1:-.azurite}"
version="3.35.0"
if ! command -v npm >/dev/null 2>&1; then
    echo "setup_azurite: npm not found; install Node.js (Debian: apt-get install -y nodejs npm)" >&2
    exit 2
fi
mkdir -p "$folder"
npm install --prefix "$folder" --no-audit --no-fund --silent "azurite@${version}"
"$folder/node_modules/.bin/azurite-blob" --version
