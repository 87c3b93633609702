#!/usr/bin/env bash
# `npm run test:e2e`: the extension's integration tests (test/e2e/suite/*.e2e.ts) and the UI walk
# (test/e2e/ui/walk.mjs) in a real VS Code 1.139.1 (code-server), once per fixture workspace.
#
#   bash scripts/e2e/run.sh [options] [fixture-folder ...]      (default: DEFAULT_FIXTURES below)
#
# Steps: scripts/e2e/setup.sh (cached tools) -> npm run build -> tsc -p tsconfig.e2e.json (out/)
# -> vsce package --no-dependencies (out/e2e/*.vsix) -> per fixture: copy it to a scratch folder
# (tests and walk may edit files; the copy keeps the folder's name, which the tests key on) and run
# scripts/e2e/run-code-server.mjs --vsix ... --tests out/test/e2e/suite/index.js --ui-walk ...
# Artifacts (logs, screenshots, result.json) go to test/artifacts/e2e/<fixture>/.
#
# Options
#   --dev              run the repo folder as extensionDevelopmentPath instead of installing the .vsix
#   --grep RE          only tests whose full title matches RE (STRATA_E2E_GREP)
#   --no-walk          skip the UI walk
#   --skip-setup       do not run setup.sh (tools must be in the cache already)
#   --skip-build       do not run `npm run build` / package (reuse dist/ and out/e2e/*.vsix)
#   --timeout S        per-fixture limit in seconds (default 300)
#   --keep-open        debug: leave code-server running after the (first) fixture
#   --verbose          echo code-server's output and page errors
#   --env KEY=VALUE    extra environment for the extension host (repeatable)
#   --root DIR         the project to test (default: the repo holding this script)
# Every fixture's suite declares how many tests it has (fixtureSuite in test/e2e/helpers/strata.ts):
# a fixture where none, or another number, registered fails, as does one where no test ran.
# Exit code: 0 when every fixture passed, 1 otherwise (2 = setup/build/packaging failed).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

# Fixture workspaces (relative to the root), one code-server run each.
DEFAULT_FIXTURES=(
  test/fixtures/hoc-backend
  test/fixtures/e2e-fixes
  test/fixtures/e2e-empty
  test/fixtures/hexagonal-shop
)

MODE=vsix SKIP_SETUP=0 SKIP_BUILD=0 WALK=1 TIMEOUT=300
PASS_ARGS=() FIXTURES=()
while (($#)); do
  case "$1" in
    --dev) MODE=dev ;;
    --grep) PASS_ARGS+=(--env "STRATA_E2E_GREP=$2"); shift ;;
    --no-walk) WALK=0 ;;
    --skip-setup) SKIP_SETUP=1 ;;
    --skip-build) SKIP_BUILD=1 ;;
    --timeout) TIMEOUT="$2"; shift ;;
    --keep-open) PASS_ARGS+=(--keep-open) ;;
    --verbose) PASS_ARGS+=(--verbose) ;;
    --env) PASS_ARGS+=(--env "$2"); shift ;;
    --root) ROOT="$(cd "$2" && pwd)"; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) FIXTURES+=("$1") ;;
  esac
  shift
done
((${#FIXTURES[@]})) || FIXTURES=("${DEFAULT_FIXTURES[@]}")

T0=$(date +%s)
log() { printf '[e2e] %s\n' "$*"; }
die() { printf '[e2e] ERROR: %s\n' "$*" >&2; exit 2; }
stamp() { echo "$(( $(date +%s) - T0 ))s"; }

export STRATA_E2E_CACHE="${STRATA_E2E_CACHE:-$HOME/.cache/strata-e2e}"
if ((SKIP_SETUP)); then log "setup skipped"; else bash "$HERE/setup.sh" || die "setup.sh failed"; fi
[ -f "$STRATA_E2E_CACHE/paths.json" ] || die "$STRATA_E2E_CACHE/paths.json missing: run scripts/e2e/setup.sh"
VSCE="$(node -p "require('$STRATA_E2E_CACHE/paths.json').vsce")"

cd "$ROOT"
OUT_VSIX_DIR="$ROOT/out/e2e"
# One e2e run at a time per tree: a second run would rebuild out/ and wipe test/artifacts/ under
# the first one's feet.
mkdir -p "$OUT_VSIX_DIR"
exec 8>"$OUT_VSIX_DIR/.run.lock"
if ! flock -n 8; then
  log "another e2e run is using $ROOT; waiting for it to finish"
  flock 8
fi
if ((SKIP_BUILD)); then
  log "build skipped"
else
  log "npm run build ($(stamp))"
  npm run build --silent || die "npm run build failed"
fi

log "compiling the e2e tests: tsc -p tsconfig.e2e.json ($(stamp))"
rm -rf "$ROOT/out/test/e2e" # no stale *.e2e.js from deleted tests
[ -x "$ROOT/node_modules/.bin/tsc" ] || die "node_modules/.bin/tsc missing: npm install first"
"$ROOT/node_modules/.bin/tsc" -p "$ROOT/tsconfig.e2e.json" || die "compiling the e2e tests failed"
TESTS="$ROOT/out/test/e2e/suite/index.js"
[ -f "$TESTS" ] || die "$TESTS not produced by tsconfig.e2e.json"

VSIX=""
if [ "$MODE" = vsix ]; then
  if ((SKIP_BUILD)) && compgen -G "$OUT_VSIX_DIR/*.vsix" >/dev/null; then
    VSIX="$(ls -t "$OUT_VSIX_DIR"/*.vsix | head -1)"
    log "reusing $VSIX"
  else
    NAME_VERSION="$(node -p "const p=require('$ROOT/package.json'); p.name + '-' + p.version")"
    VSIX="$OUT_VSIX_DIR/$NAME_VERSION.vsix"
    mkdir -p "$OUT_VSIX_DIR"
    rm -f "$OUT_VSIX_DIR"/*.vsix
    log "packaging $VSIX ($(stamp))"
    # --skip-license / --allow-missing-repository: never stop on vsce's y/N prompts (no stdin in CI)
    # --no-rewrite-relative-links: with no repository URL vsce refuses a README with relative links (ARCHITECTURE.md)
    node "$VSCE" package --no-dependencies --skip-license --allow-missing-repository --no-rewrite-relative-links --out "$VSIX" </dev/null \
      >"$OUT_VSIX_DIR/vsce.log" 2>&1 || { cat "$OUT_VSIX_DIR/vsce.log" >&2; die "vsce package failed"; }
    grep -E 'WARNING|DONE' "$OUT_VSIX_DIR/vsce.log" | sed 's/^/[e2e] vsce: /' || true
  fi
fi

WALK_MODULE="$ROOT/test/e2e/ui/walk.mjs"
WALK_ARGS=()
if ((WALK)) && [ -f "$WALK_MODULE" ]; then WALK_ARGS=(--ui-walk "$WALK_MODULE"); fi

SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/strata-e2e-ws-XXXXXX")"
trap 'rm -rf "$SCRATCH"' EXIT

declare -a SUMMARY=()
FAILED=0 T_PASSED=0 T_FAILED=0 T_SKIPPED=0
for fixture in "${FIXTURES[@]}"; do
  src="$(cd "$ROOT" && cd "$fixture" 2>/dev/null && pwd)" || die "fixture folder $fixture does not exist"
  name="$(basename "$src")"
  ws="$SCRATCH/$name"
  rm -rf "$ws"
  cp -a "$src" "$ws"
  artifacts="$ROOT/test/artifacts/e2e/$name"
  rm -rf "$artifacts"
  mkdir -p "$artifacts"
  log "=== fixture $name ($(stamp)) ==="
  if [ "$MODE" = vsix ]; then EXT_ARGS=(--vsix "$VSIX"); else EXT_ARGS=(--extension-dev-path "$ROOT"); fi
  t=$(date +%s)
  set +e
  node "$HERE/run-code-server.mjs" "${EXT_ARGS[@]}" --tests "$TESTS" --workspace "$ws" --artifacts "$artifacts" \
    --timeout "$TIMEOUT" --env "STRATA_E2E_FIXTURE=$name" "${WALK_ARGS[@]}" "${PASS_ARGS[@]}"
  rc=$?
  set -e
  counts="$(node -e "try{const r=require('$artifacts/result.json');const t=r.tests;process.stdout.write(t?t.passed+' '+t.failed+' '+t.skipped:'0 0 0')}catch{process.stdout.write('0 0 0')}")"
  read -r p f s <<<"$counts"
  ((rc == 0 || f > 0)) || f=1 # a failed walk / crash / timeout counts as one failure
  # A fixture where no test ran proves nothing (its suite registered none, or the suite's closing
  # line never came): a failure, whatever the exit code says.
  if ((rc == 0 && p + f + s == 0)); then log "no test ran on fixture $name"; rc=1 f=1; fi
  T_PASSED=$((T_PASSED + p)) T_FAILED=$((T_FAILED + f)) T_SKIPPED=$((T_SKIPPED + s))
  if ((rc == 0)); then verdict=PASS; else verdict="FAIL (exit $rc)"; FAILED=1; fi
  SUMMARY+=("$(printf '%-14s %-14s %3ss  tests: %s passed, %s failed, %s skipped  artifacts: %s' "$name" "$verdict" "$(( $(date +%s) - t ))" "$p" "$f" "$s" "${artifacts#"$ROOT"/}")")
done

log "=== summary ($(stamp) in all) ==="
for line in "${SUMMARY[@]}"; do log "$line"; done
echo "e2e: $T_PASSED passed, $T_FAILED failed, $T_SKIPPED skipped"
exit "$FAILED"
