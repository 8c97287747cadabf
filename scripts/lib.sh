# Shared helpers for proseo's scripts: sourced, not run.
# Every install step here is idempotent: it checks first and skips what is already there.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

say() { printf '==> %s\n' "$*" >&2; }

# Installs the Debian packages named that are missing (root, or sudo). The plugin suite and the
# connector's test store start side by side in CI, each asking for its packages. `apt-get
# update` takes the package lists' lock, which DPkg::Lock::Timeout does not wait for (a fresh
# machine's CI failed on it), so installs take turns on a lock file of their own, and each
# looks again for what is missing once it has the lock: the other may have installed it. Used
# by tests/wordpress (PHP, MariaDB, WordPress) and pkg/scripts/ensure-browser.sh (Chromium).
debian_packages_missing() {
    local p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || printf '%s\n' "$p"
    done
}
ensure_debian_packages() {
    [ -n "$(debian_packages_missing "$@")" ] || return 0
    local sudo_cmd=() apt_opts=(-o DPkg::Lock::Timeout=600 -q)
    if [ "$(id -u)" != 0 ]; then
        if ! command -v sudo >/dev/null 2>&1; then
            echo "missing Debian packages $(debian_packages_missing "$@" | xargs), and this is neither root nor has sudo: install them" >&2
            return 1
        fi
        sudo_cmd=(sudo)
    fi
    (
        flock -w 1200 9 || { echo "waited 20 minutes for another install (${TMPDIR:-/tmp}/proseo-apt.lock)" >&2; exit 1; }
        local missing=()
        mapfile -t missing < <(debian_packages_missing "$@")
        [ ${#missing[@]} -gt 0 ] || exit 0
        say "installing ${missing[*]}"
        ${sudo_cmd[@]+"${sudo_cmd[@]}"} apt-get "${apt_opts[@]}" update
        DEBIAN_FRONTEND=noninteractive ${sudo_cmd[@]+"${sudo_cmd[@]}"} apt-get "${apt_opts[@]}" install -y \
            --no-install-recommends "${missing[@]}"
    ) 9>"${TMPDIR:-/tmp}/proseo-apt.lock"
}

# The Rust toolchain pinned by rust-toolchain.toml (stable + rustfmt, clippy and the wasm32
# target). rustup installs missing components on first use; this makes it explicit.
ensure_rust() {
    if ! command -v cargo >/dev/null 2>&1; then
        if [ -x "$HOME/.cargo/bin/cargo" ]; then
            export PATH="$HOME/.cargo/bin:$PATH"
        else
            echo "cargo not found: install Rust with rustup (https://rustup.rs)" >&2
            exit 1
        fi
    fi
    (
        cd "$root"
        local installed
        installed="$(rustup component list --installed 2>/dev/null || true)"
        for component in rustfmt clippy; do
            grep -q "^$component" <<<"$installed" || rustup component add "$component"
        done
        rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$' \
            || rustup target add wasm32-unknown-unknown
    )
}

# The wasm-bindgen CLI, at the version of the `wasm-bindgen` crate pin (root Cargo.toml).
WASM_BINDGEN_VERSION=0.2.130
ensure_wasm_bindgen() {
    if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
        say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (≈ 3.5 min, once)"
        # Not --locked: the CLI's own lockfile pins crates that no longer build with current rustc.
        cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
    fi
}

# worker-build, which turns crates/worker into a Worker (wasm-bindgen + JS entry + esbuild).
WORKER_BUILD_VERSION=0.8.7
ensure_worker_build() {
    if [ "$(worker-build --version 2>/dev/null)" != "$WORKER_BUILD_VERSION" ]; then
        say "installing worker-build $WORKER_BUILD_VERSION (≈ 7.5 min, once)"
        cargo install worker-build --version "$WORKER_BUILD_VERSION" --locked
    fi
}

# The root node_modules (wrangler with workerd, esbuild, binaryen): `npm ci` when a
# devDependency is missing or at another version than package.json pins.
ensure_edge_node_modules() {
    local stale
    stale="$(cd "$root" && node -e '
        const fs = require("fs");
        const { devDependencies } = require("./package.json");
        const bad = Object.entries(devDependencies).filter(([n, v]) => {
            try { return JSON.parse(fs.readFileSync(`node_modules/${n}/package.json`, "utf8")).version !== v; }
            catch { return true; }
        });
        process.stdout.write(bad.map(([n]) => n).join(" "));
    ')"
    if [ -n "$stale" ]; then
        say "npm ci (root: $stale)"
        (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
    fi
}

# wrangler, quiet and offline: no metrics, no error reports, no banner, no cf fetch.
export WRANGLER_SEND_METRICS=false WRANGLER_SEND_ERROR_REPORTS=false WRANGLER_HIDE_BANNER=true
export CLOUDFLARE_CF_FETCH_ENABLED=false
wrangler() { "$root/node_modules/.bin/wrangler" "$@"; }

# A free TCP port on 127.0.0.1 (the kernel's pick, released at once: good for a server started
# right after, as the suites that run side by side do).
free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

# Is process $1 alive and not a zombie? (A killed process may linger unreaped as a zombie, and
# `kill -0` still succeeds on it.)
alive() { [ -r "/proc/$1/stat" ] && [ "$(sed 's/^.*) //' "/proc/$1/stat" | cut -d' ' -f1)" != Z ]; }

# schemathesis (PyPI), the API fuzzer of the edge suite (tests/edge/fuzz.test.mjs), pinned.
SCHEMATHESIS_VERSION=4.32.5
# The edge suite and the scale test (tests/edge/run.sh both) start side by side in CI: the
# second one waits on a lock for the first one's pip instead of installing over it.
schemathesis_installed() {
    [ "$(python3 -m schemathesis.cli --version 2>/dev/null | sed 's/.*version //')" = "$SCHEMATHESIS_VERSION" ]
}
ensure_schemathesis() {
    schemathesis_installed && return 0
    (
        flock 9
        if ! schemathesis_installed; then
            say "installing schemathesis $SCHEMATHESIS_VERSION (pip)"
            python3 -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
        fi
    ) 9>"${TMPDIR:-/tmp}/proseo-pip-install.lock"
}
