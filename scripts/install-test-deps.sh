#!/usr/bin/env bash
# What the tests need from Debian besides Node.js: pgrep (procps), to check that no process of a run is left, and
# an OpenSSH server and ssh-keygen, for the ssh executor's tests against a real sshd. Installs only what is missing
# (as root; CI runs as root). The test setup runs this itself when sshd is missing, so `npm test` is enough.
set -euo pipefail
need=()
command -v pgrep >/dev/null 2>&1 || need+=(procps)
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
command -v ssh-keygen >/dev/null 2>&1 || need+=(openssh-client)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-deps: the tests need ${need[*]}; install them as root: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "install-test-deps: installed ${need[*]}"
