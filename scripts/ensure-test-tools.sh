#!/usr/bin/env bash
# The tests run real programs from Debian: named-checkconf, unbound-checkconf and dnsmasq check
# the forwarder configurations; named, unbound and dig make a real DNS round trip on loopback;
# chromium renders the HTML report; openssl makes the doctor probe's test CA. Install what is missing (as root), so `npm test` works on a
# fresh machine.
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"
missing=()
command -v named-checkconf >/dev/null 2>&1 || missing+=(bind9-utils)
command -v named >/dev/null 2>&1 || missing+=(bind9)
command -v unbound-checkconf >/dev/null 2>&1 || missing+=(unbound)
command -v dnsmasq >/dev/null 2>&1 || missing+=(dnsmasq-base)
command -v dig >/dev/null 2>&1 || missing+=(bind9-dnsutils)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need: ${missing[*]} (Debian packages). Install them, e.g.:" >&2
  echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "installing ${missing[*]} for the tests" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
