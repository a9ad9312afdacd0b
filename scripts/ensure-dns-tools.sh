#!/usr/bin/env bash
# The forwarder tests run the real named-checkconf, unbound-checkconf and dnsmasq. Install
# them from Debian when missing (as root), so `npm test` works on a fresh machine.
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"
missing=()
command -v named-checkconf >/dev/null 2>&1 || missing+=(bind9-utils)
command -v unbound-checkconf >/dev/null 2>&1 || missing+=(unbound)
command -v dnsmasq >/dev/null 2>&1 || missing+=(dnsmasq-base)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The forwarder tests need: ${missing[*]} (Debian packages). Install them, e.g.:" >&2
  echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "installing ${missing[*]} for the forwarder tests" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
