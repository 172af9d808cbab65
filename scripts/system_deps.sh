#!/usr/bin/env bash
# Installs the Debian packages the app and its tests need, when any is missing:
# Pango for WeasyPrint's PDFs and a font family to render them with. With --test, also Chromium
# for the browser tests (Playwright drives Debian's headless shell of it,
# /usr/bin/chromium-headless-shell, or /usr/bin/chromium where only that is installed;
# Playwright's own browser download is not used) and Redis for the tests that start a real
# Celery worker.
set -euo pipefail

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
[ "${1:-}" = "--test" ] && packages+=(chromium chromium-headless-shell redis-server)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "Missing Debian packages: ${missing[*]} (run this script as root to install them)" >&2
    exit 1
  fi
fi
echo "Installing Debian packages: ${missing[*]}"
${SUDO:-} apt-get update -qq
DEBIAN_FRONTEND=noninteractive ${SUDO:-} apt-get install -y -qq --no-install-recommends "${missing[@]}"
