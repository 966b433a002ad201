#!/usr/bin/env bash
# What the tests need from Debian besides Node.js. Installs only what is missing (as root; CI runs as root), and
# runs before `npm ci` in .ci/run so keytar's native binding finds libsecret when it is compiled. The test setup
# runs this itself when something is missing, so `npm test` is enough.
#   procps                      pgrep: checks that no process of a run is left
#   openssh-server, -client     the ssh executor's tests against a real sshd, and ssh-keygen
#   libsecret-1-dev, g++, make  keytar's binding to the Secret Service (the OS keychain of the CLI)
#   gnome-keyring, dbus         a real Secret Service for the credential tests (under dbus-run-session)
set -euo pipefail
need=()
command -v pgrep >/dev/null 2>&1 || need+=(procps)
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
command -v ssh-keygen >/dev/null 2>&1 || need+=(openssh-client)
[ -e /usr/include/libsecret-1/libsecret/secret.h ] || need+=(libsecret-1-dev)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v make >/dev/null 2>&1 || need+=(make)
command -v gnome-keyring-daemon >/dev/null 2>&1 || need+=(gnome-keyring)
command -v dbus-run-session >/dev/null 2>&1 || need+=(dbus)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-deps: the tests need ${need[*]}; install them as root: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "install-test-deps: installed ${need[*]}"
