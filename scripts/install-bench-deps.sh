#!/bin/sh
# Installs what `npm run bench -- raft` compares against: etcd 3.4 from Debian (etcd-server; etcd-client for
# etcdctl). Safe to run again: apt-get skips what is installed. The benchmark starts its own etcd members on free
# loopback ports, so the etcd service the package may enable is not needed; it is stopped and disabled here.
set -eu
if [ "$(id -u)" -ne 0 ]; then
  echo "install-bench-deps: run as root (sudo $0)" >&2
  exit 1
fi
if command -v etcd >/dev/null 2>&1 && command -v etcdctl >/dev/null 2>&1; then
  echo "install-bench-deps: etcd is installed: $(etcd --version | head -n 1)"
else
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y etcd-server etcd-client
fi
if command -v systemctl >/dev/null 2>&1 && systemctl is-enabled etcd >/dev/null 2>&1; then
  systemctl disable --now etcd >/dev/null 2>&1 || true
fi
