#!/usr/bin/env bash
# Installs discolab's Debian packages when missing, then configures and builds.
#
#   scripts/setup.sh [--build-dir DIR] [--release|--debug] [--no-gui] [--werror] [--slurm]
#
# Needs Debian 12 (bookworm) or later; uses sudo when not root. Safe to run again: it installs
# only what is missing and rebuilds only what changed.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/setup.sh [--build-dir DIR] [--release|--debug] [--no-gui] [--werror] [--slurm]

Installs discolab's Debian packages when missing (with sudo when not root), then configures
and builds. Safe to run again: installs only what is missing, rebuilds only what changed.

Options:
  --build-dir DIR  build folder (default: build)
  --release        optimised build (the default)
  --debug          debug build
  --no-gui         skip the Qt GUI and its packages
  --werror         warnings are errors (the default when CI=true)
  --slurm          also install SLURM, munge and sqlite3 for the single-node SLURM test
                   (ctest -L slurm, docs/batch-slurm.md; the test installs them itself too)
  -h, --help       this text
USAGE
}

cd "$(dirname "$0")/.."
build_dir=build
build_type=Release
gui=ON
werror=OFF
slurm=OFF
# CI (CI=true) builds with warnings as errors.
[ "${CI:-}" = true ] && werror=ON
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir=$2; shift 2 ;;
    --release) build_type=Release; shift ;;
    --debug) build_type=Debug; shift ;;
    --no-gui) gui=OFF; shift ;;
    --werror) werror=ON; shift ;;
    --slurm) slurm=ON; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "setup.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

packages=(
  g++ cmake ninja-build pkg-config git
  libsimgrid-dev libboost-dev libboost-graph-dev
  libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libsqlite3-dev libssl-dev libnlopt-cxx-dev
  catch2 libbenchmark-dev
  clang libclang-rt-14-dev
  gnuplot-nox python3-pandas
)
if [ "$gui" = ON ]; then
  # Qt Charts needs Qt6OpenGL, which qt6-base-dev only recommends.
  packages+=(qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libgl-dev)
fi

if [ "$slurm" = ON ]; then
  packages+=(slurmctld slurmd slurm-client munge sqlite3)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup.sh: installing ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup.sh: need root or sudo to install packages" >&2; exit 1; }
    sudo=sudo
  fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" \
  -DDISCOLAB_GUI="$gui" -DDISCOLAB_WERROR="$werror" >&2
cmake --build "$build_dir" -j "$(nproc)" >&2
