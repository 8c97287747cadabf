# Shared helpers for proseo's scripts: sourced, not run.
# Every install step here is idempotent: it checks first and skips what is already there.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

say() { printf '==> %s\n' "$*" >&2; }

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
