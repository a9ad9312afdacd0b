#!/usr/bin/env bash
# The tests run real programs from Debian: named-checkconf, unbound-checkconf and dnsmasq check
# the forwarder configurations; named, unbound and dig make a real DNS round trip on loopback;
# chromium renders the HTML report; openssl makes the doctor probe's test CA. Install what is missing (as root), so `npm test` works on a
# fresh machine.
#
# The tests start their own named and unbound on loopback and never need the system's. Debian's
# bind9 and unbound packages start their daemons from postinst (and enable them at boot), so
# while apt-get runs, a policy-rc.d that denies every start is in place (invoke-rc.d and
# deb-systemd-invoke ask it), units the install enabled are disabled again, and the script fails
# if anything new listens on port 53 afterwards.
#
# For test/ensureTestTools.test.ts only: ENSURE_TOOLS_MISSING (packages to install as if missing),
# ENSURE_TOOLS_APT_GET (the apt-get to run), ENSURE_TOOLS_POLICY_RC_D (the policy-rc.d path),
# ENSURE_TOOLS_PROC_NET (where the tcp/udp socket tables are), ENSURE_TOOLS_SYSTEMD (systemd's
# runtime directory, whose presence means systemd runs).
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"
policy="${ENSURE_TOOLS_POLICY_RC_D:-/usr/sbin/policy-rc.d}"
proc_net="${ENSURE_TOOLS_PROC_NET:-/proc/net}"
systemd_dir="${ENSURE_TOOLS_SYSTEMD:-/run/systemd/system}"
apt_get="${ENSURE_TOOLS_APT_GET:-apt-get}"

missing=()
if [ -n "${ENSURE_TOOLS_MISSING:-}" ]; then
  read -r -a missing <<<"$ENSURE_TOOLS_MISSING"
else
  command -v named-checkconf >/dev/null 2>&1 || missing+=(bind9-utils)
  command -v named >/dev/null 2>&1 || missing+=(bind9)
  command -v unbound-checkconf >/dev/null 2>&1 || missing+=(unbound)
  command -v dnsmasq >/dev/null 2>&1 || missing+=(dnsmasq-base)
  command -v dig >/dev/null 2>&1 || missing+=(bind9-dnsutils)
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ -z "${ENSURE_TOOLS_APT_GET:-}" ] && { [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; }; then
  echo "The tests need: ${missing[*]} (Debian packages). Install them, e.g.:" >&2
  echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  echo "  (their postinst starts named and unbound; the tests need neither: sudo systemctl disable --now named unbound)" >&2
  exit 1
fi

# Sockets bound to port 53 (TCP listening, or UDP), by inode: "proto local-address inode".
port53() {
  local t
  for t in tcp tcp6 udp udp6; do
    [ -r "$proc_net/$t" ] || continue
    awk -v t="$t" 'NR > 1 { split($2, a, ":"); if (a[2] == "0035" && (t ~ /^udp/ || $4 == "0A")) print t, $2, $10 }' "$proc_net/$t"
  done | sort
}

before="$(port53)"
backup=""
if [ -e "$policy" ]; then
  backup="$(mktemp)"
  cp -p "$policy" "$backup"
fi
restore() {
  if [ -n "$backup" ]; then cp -p "$backup" "$policy"; rm -f "$backup"; else rm -f "$policy"; fi
}
trap restore EXIT
# 101: "action not allowed" (invoke-rc.d(8)): no service starts while packages install.
printf '#!/bin/sh\n# Written by vpce-hub scripts/ensure-test-tools.sh for the length of one apt-get run.\nexit 101\n' >"$policy"
chmod 755 "$policy"

echo "installing ${missing[*]} for the tests (no service is started)" >&2
export DEBIAN_FRONTEND=noninteractive
"$apt_get" update -qq >/dev/null
"$apt_get" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
restore
trap - EXIT

# At boot too: the units these packages enabled go back to disabled (only those we installed).
if [ -d "$systemd_dir" ] && command -v systemctl >/dev/null 2>&1; then
  for p in "${missing[@]}"; do
    case "$p" in
      bind9) systemctl disable --now named.service >/dev/null 2>&1 || true ;;
      unbound) systemctl disable --now unbound.service >/dev/null 2>&1 || true ;;
    esac
  done
fi

after="$(port53)"
new="$(comm -13 <(printf '%s\n' "$before") <(printf '%s\n' "$after") | sed '/^$/d')"
if [ -n "$new" ]; then
  echo "error: installing ${missing[*]} left something new listening on port 53 (the tests run their own DNS servers and need no system one):" >&2
  printf '  %s\n' "$new" >&2
  echo "  stop it: sudo systemctl disable --now named unbound (or kill the daemon)" >&2
  exit 1
fi
