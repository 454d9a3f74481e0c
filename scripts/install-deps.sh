#!/bin/sh
# install-deps.sh - install what meedoen needs on Debian 12: the C build
# tools and libraries (Debian packages; liboath and libqrencode for the
# second factor), Chromium for the browser tests,
# wrk for the benchmark, python3-icalendar and poppler-utils to check
# calendars and PDFs in the tests, and the browser-side npm packages (pinned by
# package-lock.json, installed with npm ci). Installs only what is missing.
set -eu

cd "$(dirname "$0")/.."

# Node.js 20 or newer and npm are the one prerequisite this script does not
# install (Debian 12's own nodejs is 18, on which playwright-core 1.64 and
# so every browser test fails): stop at once and say so.
need_node() {
	echo "meedoen needs Node.js 20 or newer and npm (for the browser-side packages and tests): $1" >&2
	echo "install Node.js 20 or newer with its npm, put it first on PATH, and run this again" >&2
	exit 1
}
command -v node >/dev/null 2>&1 || need_node "node was not found on PATH"
command -v npm >/dev/null 2>&1 || need_node "npm was not found on PATH"
node_major=$(node --version 2>/dev/null | sed -n 's/^v\([0-9][0-9]*\)\..*/\1/p')
[ -n "$node_major" ] || need_node "\"node --version\" said \"$(node --version 2>&1 | head -c 60)\""
[ "$node_major" -ge 20 ] || need_node "this node is $(node --version)"

PACKAGES="build-essential cmake ninja-build pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev
libsodium-dev libcmocka-dev libicu-dev libhpdf-dev libfribidi-dev fonts-dejavu-core fonts-noto-core
clang-14 libclang-rt-14-dev chromium sqlite3 wrk curl python3-icalendar poppler-utils liboath-dev libqrencode-dev tzdata"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
if [ -n "$missing" ]; then
	echo "installing Debian packages:$missing"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get update -q
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	echo "installing npm packages (npm ci)"
	npm ci --no-audit --no-fund --loglevel=error
fi
