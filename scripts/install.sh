#!/bin/sh
# Installs a built ipfin: `make install` and `make uninstall` run this script.
# Usage: scripts/install.sh install|uninstall BUILD_DIR PREFIX
#   BUILD_DIR  the folder holding the built `ipfin` and its `ipfin_IPStatistics.resources`
#              (make passes .build/release)
#   PREFIX     where to install (make passes PREFIX, default /usr/local); DESTDIR is prepended
#              when set, for packaging
# Installs:
#   PREFIX/bin/ipfin                                   the executable
#   PREFIX/share/ipfin/ipfin_IPStatistics.resources/   the bundled data set, found by the
#                                                      installed ipfin through ../share/ipfin
#   PREFIX/share/bash-completion/completions/ipfin     bash completion
#   PREFIX/share/zsh/site-functions/_ipfin             zsh completion
#   PREFIX/share/fish/vendor_completions.d/ipfin.fish  fish completion
set -eu
mode=$1
build=$2
prefix=${DESTDIR:-}$3
bin="$prefix/bin"
data="$prefix/share/ipfin"
bash_dir="$prefix/share/bash-completion/completions"
zsh_dir="$prefix/share/zsh/site-functions"
fish_dir="$prefix/share/fish/vendor_completions.d"
resources=ipfin_IPStatistics.resources

case "$mode" in
install)
  [ -x "$build/ipfin" ] || { echo "install.sh: $build/ipfin is not built" >&2; exit 66; }
  mkdir -p "$bin" "$data" "$bash_dir" "$zsh_dir" "$fish_dir"
  # A temporary name, then a rename: a running ipfin is never half overwritten.
  cp "$build/ipfin" "$bin/.ipfin.new" && chmod 755 "$bin/.ipfin.new" && mv -f "$bin/.ipfin.new" "$bin/ipfin"
  rm -rf "$data/$resources"
  cp -R "$build/$resources" "$data/$resources"
  "$bin/ipfin" --generate-completion-script bash > "$bash_dir/ipfin"
  "$bin/ipfin" --generate-completion-script zsh > "$zsh_dir/_ipfin"
  "$bin/ipfin" --generate-completion-script fish > "$fish_dir/ipfin.fish"
  echo "installed $bin/ipfin, its data in $data and completions for bash, zsh and fish"
  case ":${PATH:-}:" in
  *":$bin:"*) ;;
  *) echo "note: $bin is not on PATH; add it, for example: export PATH=\"$bin:\$PATH\"" ;;
  esac
  ;;
uninstall)
  rm -f "$bin/ipfin" "$bash_dir/ipfin" "$zsh_dir/_ipfin" "$fish_dir/ipfin.fish"
  rm -rf "$data"
  echo "removed ipfin from $prefix"
  ;;
*)
  echo "usage: scripts/install.sh install|uninstall BUILD_DIR PREFIX" >&2
  exit 64
  ;;
esac
