# Shared by the bench/* scripts (sourced, not run): the suite's address, JSON calls through the gateway with
# curl + jq, fresh accounts, and the results table (printed and kept in bench/results/<name>.txt).
# shellcheck shell=bash
BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GATEWAY_URL="${BENCH_GATEWAY_URL:-http://localhost:8080}"
RESULTS="$BENCH_ROOT/bench/results"
BENCH_RUN="$(date +%s)-$$"
TOKEN=""

bench_die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# The script's scratch directory (/tmp/bench-<script>-*), removed when it exits.
BENCH_TMP=$(mktemp -d "/tmp/bench-$(basename "$0")-XXXXXX")
bench_cleanup() { rm -rf "$BENCH_TMP"; }
trap 'bench_cleanup' EXIT

require_suite() { # exits 2 with how to start one when no suite answers at $GATEWAY_URL
  if [ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$GATEWAY_URL/api/v1/status" || true)" != 200 ]; then
    printf 'bench: no AutoDeploy suite answers at %s (GET /api/v1/status).\n' "$GATEWAY_URL" >&2
    printf 'Start one with ./autodeploy up (or set BENCH_GATEWAY_URL to a running gateway) and run this again.\n' >&2
    exit 2
  fi
}

require_tools() { # command... : installs Debian's jq when missing; the others must exist
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 && continue
    [ "$tool" = jq ] && apt_install jq
    command -v "$tool" >/dev/null 2>&1 || bench_die "$tool is missing"
  done
}

apt_install() { # package... : Debian packages, installed quietly (log in bench/results/apt.log), like ./autodeploy's ensure_chromium
  local sudo=""
  mkdir -p "$RESULTS"
  [ "$(id -u)" = 0 ] || { command -v sudo >/dev/null 2>&1 && sudo="sudo -n"; }
  command -v apt-get >/dev/null 2>&1 || bench_die "no apt-get: install $* yourself"
  printf 'Installing Debian packages: %s (log: %s) ...\n' "$*" "$RESULTS/apt.log" >&2
  { $sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "$@"; } >> "$RESULTS/apt.log" 2>&1 \
    || bench_die "could not install $* (log: $RESULTS/apt.log)"
}

# api METHOD PATH [JSON] -> the response body on stdout; the status code in a file (read with api_status).
API_STATUS_FILE="$BENCH_TMP/api-status"
api() {
  local method=$1 path=$2 body=${3:-} args=(-s -m 30 -X "$1" -H 'Accept: application/json')
  [ -z "$TOKEN" ] || args+=(-H "Authorization: Bearer $TOKEN")
  [ -z "$body" ] || args+=(-H 'Content-Type: application/json' --data "$body")
  local out
  out=$(curl "${args[@]}" -w '\n%{http_code}' "$GATEWAY_URL$path") || { echo 000 > "$API_STATUS_FILE"; return 0; }
  printf '%s' "${out##*$'\n'}" > "$API_STATUS_FILE"
  printf '%s' "${out%$'\n'*}"
}
api_status() { cat "$API_STATUS_FILE"; }

api_expect() { # status METHOD PATH [JSON] -> the body when the status is the one expected, else dies with it
  local want=$1 body; shift
  body=$(api "$@")
  [ "$(api_status)" = "$want" ] || bench_die "$1 $2 answered $(api_status), expected $want: $(printf '%s' "$body" | head -c 400)"
  printf '%s' "$body"
}

new_account() { # label -> registers a user (waiting out the auth limit) and its organization; sets TOKEN, ORG_ID
  local label=$1 email password body slug tries=0
  email="bench-$label-$BENCH_RUN-$RANDOM@example.test"
  password="bench-$(head -c 18 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9')"
  TOKEN=""
  while :; do
    body=$(api POST /api/v1/auth/register "$(jq -nc --arg e "$email" --arg p "$password" --arg n "Bench $label" '{email:$e,password:$p,name:$n}')")
    [ "$(api_status)" = 429 ] && [ $((tries += 1)) -le 8 ] || break
    printf 'bench: auth limit (10/min per address) reached, waiting 10 s ...\n' >&2
    sleep 10
  done
  [ "$(api_status)" = 201 ] || bench_die "register answered $(api_status): $(printf '%s' "$body" | head -c 300)"
  TOKEN=$(printf '%s' "$body" | jq -r .accessToken)
  slug="bench-$label-$BENCH_RUN-$RANDOM"
  ORG_ID=$(api_expect 201 POST /api/v1/organizations "$(jq -nc --arg s "${slug:0:63}" --arg n "Bench $label" '{name:$n,slug:$s}')" | jq -r .id)
}

percentile() { # p (0-100) -> of the numbers on stdin, nearest rank
  sort -n | awk -v p="$1" '{v[NR]=$1} END {if (NR == 0) {print "-"; exit} i = int((p * NR + 99) / 100); if (i < 1) i = 1; print v[i]}'
}

now_ms() { date +%s%3N; }

emit_table() { # name -> stdin printed and kept in bench/results/<name>.txt
  mkdir -p "$RESULTS"
  tee "$RESULTS/$1.txt"
}
