#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# kill -9 a real `broadview sync` at random moments and check that it resumes to the store a
# clean sync makes: integrity intact, the same rows per table and the same content_hash.
#
# Usage: tools/kill-sync-test.sh BUILD_DIR
#   BUILD_DIR is a configured and built tree (targets broadview and broadview-feedsim); this
#   script builds nothing. It needs openssl and python3 (for the TLS files and JSON).
#
# What it does: starts broadview-feedsim (PERSONS persons, seed 7, TLS from a throwaway CA,
# secrets written to a file), writes feeds.json for it from resources/feeds, makes an empty
# store with `broadview init --insecure-test-kdf` holding the feed secrets, and syncs a copy
# of it cleanly for the reference `broadview check --json`. Then, until ROUNDS syncs have
# been killed while running: start `broadview sync` on the test store, sleep a seeded random
# 0..MAX_SLEEP_MS ms, kill -9 it. Each sync resumes what the killed ones left. A sync that
# ends before its kill has brought the store to the end; after CHECK_EVERY kills in a row an
# un-killed sync does. Either way `check --json` (integrity, audit chain, rows per table but
# the audit's, rows per source, content_hash) must then equal the reference's, and the next
# syncs start again from the empty store. Exits 1 on any mismatch, 2 on a set-up error.
#
# Environment: ROUNDS (200), SEED (1: seeds $RANDOM), PERSONS (2000), MAX_SLEEP_MS (3000),
# CHECK_EVERY (10), KEEP=1 keeps the work folder (printed) for a look afterwards.
# Not run by ctest: 200 kills take about ten minutes. tst_crashresume (ctest label `crash`)
# is the fast, deterministic counterpart that crashes at chosen store writes.
set -u

ROUNDS=${ROUNDS:-200}
SEED=${SEED:-1}
PERSONS=${PERSONS:-2000}
MAX_SLEEP_MS=${MAX_SLEEP_MS:-3000}
CHECK_EVERY=${CHECK_EVERY:-10}
KEEP=${KEEP:-0}

say() { printf 'kill-sync-test: %s\n' "$*"; }
die() { say "error: $*" >&2; exit 2; }

[ $# -eq 1 ] || die "usage: $0 BUILD_DIR"
build=$(cd "$1" 2>/dev/null && pwd) || die "no build directory $1"
source_dir=$(cd "$(dirname "$0")/.." && pwd)
bv=$build/app/broadview
feedsim=$build/tools/feedsim/server/broadview-feedsim
[ -x "$bv" ] || die "$bv is not built"
[ -x "$feedsim" ] || die "$feedsim is not built"
command -v openssl >/dev/null || die "openssl is needed"
command -v python3 >/dev/null || die "python3 is needed"

work=$(mktemp -d "${TMPDIR:-/tmp}/kill-sync-test.XXXXXX") || die "no temporary folder"
feedsim_pid=
sync_pid=
cleanup() {
    [ -n "$sync_pid" ] && kill -9 "$sync_pid" 2>/dev/null
    [ -n "$feedsim_pid" ] && kill "$feedsim_pid" 2>/dev/null && wait "$feedsim_pid" 2>/dev/null
    if [ "$KEEP" = 1 ]; then say "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export BROADVIEW_PASSPHRASE=kill-sync-test-passphrase
export LC_ALL=C.UTF-8 QT_QPA_PLATFORM=offscreen

# --- TLS: a throwaway CA and a certificate for 127.0.0.1 -------------------------------------
mkdir -p "$work/tls" "$work/feeds"
(
    cd "$work/tls" || exit 1
    printf '[req]\ndistinguished_name = dn\nprompt = no\nx509_extensions = ext\n[dn]\nCN = kill-sync-test CA\n[ext]\nbasicConstraints = critical,CA:TRUE\nkeyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\n' >ca.cnf
    printf 'basicConstraints = CA:FALSE\nkeyUsage = critical,digitalSignature\nextendedKeyUsage = serverAuth\nsubjectAltName = IP:127.0.0.1\n' >server.ext
    key='-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes'
    # shellcheck disable=SC2086
    openssl req -x509 -config ca.cnf $key -keyout ca.key -out ca.pem -days 2 &&
        openssl req -new -subj /CN=127.0.0.1 $key -keyout server.key -out server.csr &&
        openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -set_serial 01 -days 2 \
            -extfile server.ext -out server.pem
) >"$work/openssl.log" 2>&1 || die "openssl failed: $(tail -3 "$work/openssl.log")"

# --- the simulator --------------------------------------------------------------------------
"$feedsim" --persons "$PERSONS" --seed 7 --port 0 --secrets-out "$work/secrets.json" \
    --tls "$work/tls/server.pem" "$work/tls/server.key" >"$work/feedsim.out" 2>"$work/feedsim.err" &
feedsim_pid=$!
for _ in $(seq 600); do
    [ -s "$work/feedsim.out" ] && break
    kill -0 "$feedsim_pid" 2>/dev/null || die "broadview-feedsim stopped: $(tail -3 "$work/feedsim.err")"
    sleep 0.1
done
read -r word1 word2 word3 origin word5 _ <"$work/feedsim.out"
[ "$word1 $word2 $word3 $word5" = "broadview-feedsim listening on admin-token" ] ||
    die "unexpected first line from broadview-feedsim: $(head -1 "$work/feedsim.out")"

# --- feeds.json for it, and the secrets it names --------------------------------------------
python3 - "$source_dir/resources/feeds" "$work/feeds" "$origin" "$work/tls/ca.pem" \
    "$work/secrets.json" <<'EOF' >"$work/secret-names" || die "feeds.json could not be written"
import json, os, shutil, sys
shipped, out, origin, ca, secrets_path = sys.argv[1:]
for name in os.listdir(shipped):
    if name.endswith(".mapping.json"):
        shutil.copy(os.path.join(shipped, name), out)
with open(os.path.join(shipped, "feeds.json")) as f:
    feeds = json.load(f)
feeds["origin"] = origin
secrets = json.load(open(secrets_path))
for feed in feeds["feeds"]:
    feed.setdefault("tls", {})["caFile"] = ca
    ref = feed.get("auth", {}).get("secretRef")
    if ref:
        value_file = os.path.join(out, ref + ".secret")
        fd = os.open(value_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.write(fd, secrets[feed["id"]]["client_secret"].encode() + b"\n")
        os.close(fd)
        print(ref, value_file)
with open(os.path.join(out, "feeds.json"), "w") as f:
    json.dump(feeds, f, indent=2)
EOF
feeds=$work/feeds/feeds.json

# --- the empty store, with the secrets ------------------------------------------------------
template=$work/template/kill.bvstore
mkdir -p "$work/template"
"$bv" init --insecure-test-kdf --store "$template" --recovery-key-out "$work/recovery-key" \
    >"$work/init.log" 2>&1 || die "init failed: $(tail -3 "$work/init.log")"
while read -r name value_file; do
    "$bv" secret set --store "$template" --name "$name" --value-file "$value_file" \
        >>"$work/secret.log" 2>&1 || die "secret set $name failed: $(tail -3 "$work/secret.log")"
done <"$work/secret-names"

fresh_copy() { # fresh_copy NAME: an empty store from the template; prints its path
    rm -rf "${work:?}/$1" && cp -r "$work/template" "$work/$1" && echo "$work/$1/kill.bvstore"
}

# The parts of `check --json` that must equal the reference: integrity, rows per table (the
# audit table grows with every unlock and is left out), rows per source and content_hash.
fingerprint() { # fingerprint STORE OUT: writes the canonical summary; fails if check fails
    "$bv" check --json --store "$1" >"$2.json" 2>"$2.err" || return 1
    python3 - "$2.json" >"$2" <<'EOF'
import json, sys
check = json.load(open(sys.argv[1]))
tables = {k: v for k, v in check["tables"].items() if k != "audit"}
print("integrity_ok", check["integrity_ok"], "audit_intact", check["audit_intact"])
print("tables", json.dumps(tables, sort_keys=True))
print("sources", json.dumps(check["sources"], sort_keys=True))
print("content_hash", check["content_hash"])
EOF
}

started=$(date +%s)
reference=$(fresh_copy reference)
"$bv" sync --store "$reference" --feeds "$feeds" >"$work/reference-sync.log" 2>&1 ||
    die "the clean sync failed: $(tail -3 "$work/reference-sync.log")"
fingerprint "$reference" "$work/reference.check" || die "check of the reference failed"
grep -q '^integrity_ok True audit_intact True$' "$work/reference.check" ||
    die "the reference store does not check clean"
rows=$(python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["tables"]; print(sum(v for k,v in t.items() if k!="audit"))' "$work/reference.check.json")
hash=$(sed -n 's/^content_hash //p' "$work/reference.check")
say "$PERSONS persons, seed 7; $ROUNDS kills after 0-$MAX_SLEEP_MS ms (SEED $SEED); an un-killed sync resumes after at most $CHECK_EVERY"
say "reference: clean sync in $(($(date +%s) - started)) s, $rows rows, content_hash ${hash:0:16}"

# --- the rounds ------------------------------------------------------------------------------
RANDOM=$SEED
kills=0 syncs=0 ended=0 checks=0 mismatches=0 cycle_kills=0
store=$(fresh_copy test)

mismatch() { # mismatch TEXT: keeps the store for a look
    mismatches=$((mismatches + 1))
    cp -r "$work/test" "$work/mismatch-$mismatches"
    say "kill $kills: MISMATCH after $cycle_kills kills: $* (store kept in $work/mismatch-$mismatches)"
    KEEP=1
}

# The store has just been synced to the end by a sync nobody killed: compare, start afresh.
compare() {
    checks=$((checks + 1))
    if ! fingerprint "$store" "$work/test.check"; then
        mismatch "check failed: $(tail -1 "$work/test.check.err")"
    elif ! diff -q "$work/reference.check" "$work/test.check" >/dev/null; then
        mismatch "$(diff "$work/reference.check" "$work/test.check" | grep '^>' | head -2 | tr '\n' ' ')"
    fi
    cycle_kills=0
    store=$(fresh_copy test)
}

resume() {
    if "$bv" sync --store "$store" --feeds "$feeds" >"$work/resume.log" 2>&1; then
        compare
    else
        mismatch "the resuming sync failed: $(tail -1 "$work/resume.log")"
        cycle_kills=0
        store=$(fresh_copy test)
    fi
}

# ROUNDS kills of a running sync. A sync that ends before its kill has resumed the store to
# the end and is compared at once; after CHECK_EVERY kills in a row an un-killed sync resumes.
while [ "$kills" -lt "$ROUNDS" ]; do
    [ "$syncs" -lt $((ROUNDS * 10)) ] || die "syncs end before their kill: raise PERSONS"
    delay_ms=$((RANDOM % (MAX_SLEEP_MS + 1)))
    "$bv" sync --store "$store" --feeds "$feeds" >"$work/sync.log" 2>&1 &
    sync_pid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill -9 "$sync_pid" 2>/dev/null
    wait "$sync_pid" 2>/dev/null # no "Killed" notice from the shell
    status=$?
    sync_pid=
    syncs=$((syncs + 1))
    case $status in
    137)
        kills=$((kills + 1))
        cycle_kills=$((cycle_kills + 1))
        [ "$cycle_kills" -lt "$CHECK_EVERY" ] || resume
        [ $((kills % 20)) -ne 0 ] ||
            say "$(printf 'kills %3d/%d' "$kills" "$ROUNDS"): $syncs syncs, $checks resumed stores compared, $mismatches mismatches"
        ;;
    0)
        ended=$((ended + 1))
        compare
        ;;
    *)
        mismatch "a sync exited $status before its kill: $(tail -1 "$work/sync.log")"
        cycle_kills=0
        store=$(fresh_copy test)
        ;;
    esac
done
[ "$cycle_kills" -eq 0 ] || resume

say "summary: $kills syncs killed while running, $ended ended before their kill; $checks resumed stores compared with the reference: $((checks - mismatches)) equal, $mismatches mismatches; $(($(date +%s) - started)) s"
[ "$mismatches" -eq 0 ] || exit 1
