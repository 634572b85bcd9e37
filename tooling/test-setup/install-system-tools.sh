#!/usr/bin/env bash
# Installs the system programs the tests drive, when they are missing: Debian's Chromium (browser
# tests), libheif's heif-enc (HEIC photos) and redis-server (the shared rate limit). The README's test
# command (`pnpm test`) and CI run this first; tests never install anything themselves.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || [ -x "${CHROMIUM_PATH:-/nonexistent}" ] || missing+=(chromium)
command -v heif-enc >/dev/null 2>&1 || [ -x "${HEIF_ENC_PATH:-/nonexistent}" ] || missing+=(libheif-examples)
command -v redis-server >/dev/null 2>&1 || [ -x "${REDIS_SERVER_PATH:-/nonexistent}" ] || missing+=(redis-server)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "install-system-tools: installing Debian's ${missing[*]}…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi

echo "install-system-tools: the tests need ${missing[*]}. Install them (Debian/Ubuntu: sudo apt-get install -y ${missing[*]}), or set CHROMIUM_PATH, HEIF_ENC_PATH, REDIS_SERVER_PATH to where they are." >&2
exit 1
