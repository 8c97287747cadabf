#!/usr/bin/env bash
# End-to-end suite of the edge API: a mock LLM server + the Worker under wrangler dev (via
# scripts/edge-up) with a fresh local D1, then node --test over tests/edge/*.test.mjs.
#
# Run from the repository root (scripts/ and pkg/ are taken from the current repo):
#   bash tests/edge/run.sh                 the whole suite
#   bash tests/edge/run.sh jobs auth       only tests/edge/{jobs,auth}.test.mjs
#   bash tests/edge/run.sh path/to/x.test.mjs   a test file elsewhere (tests/scale/)
#   bash tests/edge/run.sh --mock-only     only the mock server's self-test (no Worker needed)
# Exit code: the tests'. Logs are kept in the state dir when something fails.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="${PROSEO_ROOT:-$(git rev-parse --show-toplevel 2>/dev/null || pwd)}"
cd "$ROOT"

if [[ "${1:-}" == "--mock-only" ]]; then
  exec node --test --test-concurrency=1 "$HERE/../mock-llm/selftest.mjs"
fi

if [[ ! -x "$ROOT/scripts/edge-up" && ! -f "$ROOT/scripts/edge-up" ]]; then
  echo "run.sh: $ROOT/scripts/edge-up not found (run from the repository root, or set PROSEO_ROOT)" >&2
  exit 2
fi

files=()
for name in "$@"; do
  case "$name" in *.mjs) files+=("$(cd "$(dirname "$name")" && pwd)/$(basename "$name")") ;; *) files+=("$HERE/$name.test.mjs") ;; esac
done
if [[ ${#files[@]} -eq 0 ]]; then files=("$HERE/../mock-llm/selftest.mjs" "$HERE"/*.test.mjs); fi

STATE="$(mktemp -d "${TMPDIR:-/tmp}/proseo-edge.XXXXXX")"
MOCK_PID=""
EDGE_STARTED=0
STORE_PORT=""
status=1

# The WooCommerce connector's tests need the test store (tests/wordpress/store-up): a real
# WordPress serving the wc/v3 REST API. Started only when one of them runs.
needs_store=0
for f in "${files[@]}"; do
  case "$f" in */woocommerce*.test.mjs) needs_store=1 ;; esac
done

cleanup() {
  set +e
  if [[ -n "$STORE_PORT" ]]; then
    WP_PORT="$STORE_PORT" PROSEO_WP_RUN="$STATE/store" bash "$ROOT/tests/wordpress/down" >"$STATE/store-down.log" 2>&1 \
      || { echo "run.sh: stopping the test store failed:" >&2; cat "$STATE/store-down.log" >&2; }
  fi
  if [[ $EDGE_STARTED -eq 1 ]]; then
    PROSEO_STATE_DIR="$STATE" bash "$ROOT/scripts/edge-down" >"$STATE/edge-down.log" 2>&1 \
      || { echo "run.sh: edge-down failed:" >&2; cat "$STATE/edge-down.log" >&2; }
  fi
  if [[ -n "$MOCK_PID" ]]; then
    kill "$MOCK_PID" 2>/dev/null
    wait "$MOCK_PID" 2>/dev/null
  fi
  if [[ $status -eq 0 ]]; then
    rm -rf "$STATE"
  else
    echo "run.sh: logs kept in $STATE" >&2
    # CI's machine does not keep them: the Worker's own errors are shown here.
    if [[ -f "$STATE/wrangler.log" ]]; then
      echo "run.sh: the last errors in the Worker's log (wrangler.log):" >&2
      grep -n -i -E 'error|panic|exception|uncaught' "$STATE/wrangler.log" | tail -n 30 >&2
    fi
  fi
}
trap 'cleanup' EXIT
trap 'exit 130' INT TERM

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# 0. The API fuzzer (pip, pinned; a no-op when installed).
# shellcheck source=../../scripts/lib.sh
source "$ROOT/scripts/lib.sh"
ensure_schemathesis

# 1. The mock LLM server.
# The files exist before the server starts, so the polling below never reads a missing one.
: >"$STATE/mock.out"
: >"$STATE/mock.err"
node "$HERE/../mock-llm/server.mjs" --port 0 >"$STATE/mock.out" 2>"$STATE/mock.err" &
MOCK_PID=$!
MOCK_LLM_URL=""
for _ in $(seq 1 100); do
  MOCK_LLM_URL="$(sed -n 's/^MOCK_LLM_URL=//p' "$STATE/mock.out" | head -n1)"
  [[ -n "$MOCK_LLM_URL" ]] && break
  kill -0 "$MOCK_PID" 2>/dev/null || { echo "run.sh: the mock LLM server exited:" >&2; cat "$STATE/mock.err" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$MOCK_LLM_URL" ]] || { echo "run.sh: the mock LLM server printed no URL" >&2; exit 1; }
echo "run.sh: mock LLM at $MOCK_LLM_URL (pid $MOCK_PID)"

# 2. The Worker.
PORT="${PROSEO_PORT:-$(free_port)}"
EDGE_STARTED=1
if ! PROSEO_STATE_DIR="$STATE" PROSEO_PORT="$PORT" bash "$ROOT/scripts/edge-up" >"$STATE/edge-up.out" 2>"$STATE/edge-up.err"; then
  echo "run.sh: edge-up failed:" >&2
  tail -n 40 "$STATE/edge-up.err" >&2
  tail -n 20 "$STATE/edge-up.out" >&2
  exit 1
fi
PROSEO_URL="$(sed -n 's/^PROSEO_URL=//p' "$STATE/edge-up.out" | tail -n1)"
PROSEO_ADMIN_TOKEN="$(sed -n 's/^PROSEO_ADMIN_TOKEN=//p' "$STATE/edge-up.out" | tail -n1)"
for v in PROSEO_URL PROSEO_ADMIN_TOKEN; do
  [[ -n "${!v}" ]] || { echo "run.sh: edge-up printed no $v= line" >&2; cat "$STATE/edge-up.out" >&2; exit 1; }
done
echo "run.sh: Worker at $PROSEO_URL (state $STATE)"

# 2b. The test store, when a connector test runs.
if [[ $needs_store -eq 1 ]]; then
  STORE_PORT="${WC_STORE_PORT:-$(free_port)}"
  if ! WC_STORE_PORT="$STORE_PORT" PROSEO_WC_RUN="$STATE/store" bash "$ROOT/tests/wordpress/store-up" >"$STATE/store-up.out" 2>"$STATE/store-up.err"; then
    echo "run.sh: store-up failed:" >&2
    tail -n 40 "$STATE/store-up.err" >&2
    exit 1
  fi
  while IFS='=' read -r k v; do
    case "$k" in WC_STORE_URL|WC_USER|WC_APP_PASSWORD|WC_VIEWER_USER|WC_VIEWER_PASSWORD) export "$k=$v" ;; esac
  done <"$STATE/store-up.out"
  echo "run.sh: test store at $WC_STORE_URL"
fi

# 3. The npm package, for parity checks (built once if missing).
if [[ ! -f "$ROOT/pkg/dist/node.js" && -f "$ROOT/pkg/package.json" ]]; then
  echo "run.sh: building pkg/ for the parity tests"
  npm --prefix "$ROOT/pkg" run build >"$STATE/pkg-build.log" 2>&1 || { echo "run.sh: pkg build failed (see $STATE/pkg-build.log)" >&2; }
fi

# 4. The tests.
set +e
PROSEO_URL="$PROSEO_URL" PROSEO_ADMIN_TOKEN="$PROSEO_ADMIN_TOKEN" \
  MOCK_LLM_URL="$MOCK_LLM_URL" PROSEO_ROOT="$ROOT" PROSEO_STATE_DIR="$STATE" \
  node --test --test-concurrency=1 --test-timeout="${TEST_TIMEOUT_MS:-600000}" "${files[@]}"
status=$?
set -e
exit $status
