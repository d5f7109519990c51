# Shared by the scripts in this folder (sourced, not run).

# Installs a Debian package when its command is missing (root, or through sudo).
need_command() {
  local command=$1 package=${2:-$1}
  command -v "$command" >/dev/null && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >&2
}
