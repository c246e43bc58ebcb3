#!/bin/sh
# Makes sure GSL (the GNU Scientific Library) and pkg-config are installed, and with --chromium
# also Chromium (with the Liberation fonts), which `make test` uses to render the report.
# Usage: scripts/install-deps.sh [--chromium]
# Run by `make deps` (which `make run`, `make test` and `make bench` run first) and, with
# --chromium, by `make test`. What is already there is left alone: if pkg-config finds gsl (and
# a chromium command exists), nothing happens. Otherwise the missing Debian packages are
# installed with apt-get (quietly, without recommended packages; the log is shown only if it
# fails), as root directly or through sudo; on other systems it stops and says what to install.
set -eu

packages=""
need=""
if ! { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists gsl; }; then
  packages=" libgsl-dev pkg-config"
  need="GSL 2.x development files and pkg-config (Debian/Ubuntu: libgsl-dev pkg-config;"
  need="$need Fedora: gsl-devel pkgconf; macOS with Homebrew: gsl pkg-config)"
fi
if [ "${1:-}" = "--chromium" ] && ! command -v chromium >/dev/null 2>&1 \
  && ! command -v chromium-browser >/dev/null 2>&1; then
  packages="$packages chromium fonts-liberation"
  need="${need:+$need and }Chromium, to render the report in the tests (Debian: chromium)"
fi
if [ -z "$packages" ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ipfin: apt-get is not available to install what is missing." >&2
  echo "ipfin: please install $need, then run make again." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1; then
  sudo="sudo"
else
  echo "ipfin: installing$packages needs root or sudo." >&2
  echo "ipfin: please install $need, then run make again." >&2
  exit 1
fi

echo "ipfin: installing$packages with apt-get" >&2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! { $sudo apt-get update -q && $sudo env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -q --no-install-recommends $packages; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "ipfin: apt-get could not install$packages; please install $need." >&2
  exit 1
fi

if ! pkg-config --exists gsl; then
  echo "ipfin: libgsl-dev was installed but pkg-config still cannot find gsl." >&2
  echo "ipfin: please install $need, then run make again." >&2
  exit 1
fi
echo "ipfin: installed$packages (GSL $(pkg-config --modversion gsl))" >&2
