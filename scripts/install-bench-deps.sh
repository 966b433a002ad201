#!/bin/sh
# Installs what the benchmarks compare against, from Debian: etcd 3.4 (etcd-server; etcd-client for etcdctl) for
# `npm run bench -- raft`, and Redis (redis-server) for the BullMQ anchor of `npm run bench -- dispatch` (BullMQ
# itself is a devDependency). Safe to run again: apt-get skips what is installed. The benchmarks start their own etcd
# members and Redis servers on free loopback ports, so the etcd and redis-server services the packages may enable
# are not needed; they are stopped and disabled here.
set -eu
if [ "$(id -u)" -ne 0 ]; then
  echo "install-bench-deps: run as root (sudo $0)" >&2
  exit 1
fi
missing=""
if command -v etcd >/dev/null 2>&1 && command -v etcdctl >/dev/null 2>&1; then
  echo "install-bench-deps: etcd is installed: $(etcd --version | head -n 1)"
else
  missing="etcd-server etcd-client"
fi
if command -v redis-server >/dev/null 2>&1; then
  echo "install-bench-deps: redis-server is installed: $(redis-server --version)"
else
  missing="$missing redis-server"
fi
if [ -n "$missing" ]; then
  apt-get update
  # shellcheck disable=SC2086 # the package names are meant to be split
  DEBIAN_FRONTEND=noninteractive apt-get install -y $missing
fi
if command -v systemctl >/dev/null 2>&1; then
  for service in etcd redis-server; do
    if systemctl is-enabled "$service" >/dev/null 2>&1; then
      systemctl disable --now "$service" >/dev/null 2>&1 || true
    fi
  done
fi
