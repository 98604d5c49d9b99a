# Shared by scripts/serve and scripts/test: make the virtualenv and install migkg into it.
# Debian's python3 needs the python3-venv package for `python3 -m venv`.
VENV=${MIGKG_VENV:-.venv}
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

apt_install() {
    # Installs the named Debian packages, refreshing the package lists once.
    if [ -z "${_APT_UPDATED:-}" ]; then
        $SUDO apt-get update -qq
        _APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@"
}

make_venv() {
    # $1: pip extras to install, e.g. "[test]" or "".
    if [ ! -x "$VENV/bin/python" ]; then
        if ! python3 -m venv "$VENV" 2>/dev/null; then
            rm -rf "$VENV"
            apt_install python3-venv
            python3 -m venv "$VENV"
        fi
    fi
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e ".$1"
}
