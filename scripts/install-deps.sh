#!/bin/sh
# Makes sure GSL (the GNU Scientific Library) and pkg-config are installed.
# Run by `make deps`, which `make run`, `make test` and `make bench` run first.
# If pkg-config finds gsl, nothing happens. Otherwise libgsl-dev and pkg-config are installed
# with apt-get, as root directly or through sudo; on other systems it stops and says what to
# install.
set -eu

if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists gsl; then
  exit 0
fi

need="GSL 2.x development files and pkg-config (Debian/Ubuntu: libgsl-dev pkg-config;"
need="$need Fedora: gsl-devel pkgconf; macOS with Homebrew: gsl pkg-config)"

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ipfin: pkg-config cannot find gsl and apt-get is not available." >&2
  echo "ipfin: please install $need, then run make again." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1; then
  sudo="sudo"
else
  echo "ipfin: pkg-config cannot find gsl, and installing it needs root or sudo." >&2
  echo "ipfin: please install $need, then run make again." >&2
  exit 1
fi

echo "ipfin: pkg-config cannot find gsl; installing libgsl-dev and pkg-config with apt-get" >&2
$sudo apt-get update -q
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q libgsl-dev pkg-config

if ! pkg-config --exists gsl; then
  echo "ipfin: libgsl-dev was installed but pkg-config still cannot find gsl." >&2
  echo "ipfin: please install $need, then run make again." >&2
  exit 1
fi
echo "ipfin: GSL $(pkg-config --modversion gsl) is installed" >&2
