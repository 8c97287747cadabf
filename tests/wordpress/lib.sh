# Shared by tests/wordpress/up and down: where the test site lives. Sourced, not run.
wp_tests="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$wp_tests/../../scripts/lib.sh"
WP_PORT="${WP_PORT:-8091}"
WP_RUN="${PROSEO_WP_RUN:-$wp_tests/run}"
WP_CONFIG_NAME="proseo-test-$WP_PORT"
WP_CONFIG_FILE="/etc/wordpress/config-$WP_CONFIG_NAME.php"
# The test network (multisite, PHP CLI only): its own config, same database, prefix ms_.
MS_CONFIG_NAME="proseo-test-ms-$WP_PORT"
MS_CONFIG_FILE="/etc/wordpress/config-$MS_CONFIG_NAME.php"
MS_DOMAIN="ms.proseo.test"
# The edge API of the test site: its own port and state, so it never meets another one.
export PROSEO_PORT="${PROSEO_WP_EDGE_PORT:-8797}"
export PROSEO_STATE_DIR="$WP_RUN/edge"
db_sock="$WP_RUN/mysqld.sock"

# MariaDB on $db_sock (no TCP), its data in $WP_RUN/db, initialized on first use. Each instance
# has its own tmpdir: the plugin suite and the connector test store bootstrap side by side in
# CI, and with both on /tmp one initialization once failed on the other's temporary tables. A
# failed initialization is shown and retried once from an empty data dir.
start_mariadb() {
    mariadb-admin --no-defaults --socket="$db_sock" -uroot ping >/dev/null 2>&1 && return 0
    mkdir -p "$WP_RUN/tmp"
    local attempt
    for attempt in 1 2; do
        [ -d "$WP_RUN/db/mysql" ] && break
        say "initializing MariaDB in $WP_RUN/db"
        if mariadb-install-db --no-defaults --user=root --datadir="$WP_RUN/db" \
            --tmpdir="$WP_RUN/tmp" --skip-test-db --auth-root-authentication-method=socket \
            > "$WP_RUN/mariadb-install.log" 2>&1; then
            break
        fi
        say "initializing MariaDB failed (attempt $attempt of 2):"
        tail -n 20 "$WP_RUN/mariadb-install.log" >&2
        rm -rf "$WP_RUN/db"
        [ "$attempt" = 2 ] && return 1
    done
    say "starting MariaDB"
    setsid mariadbd --no-defaults --user=root --datadir="$WP_RUN/db" --socket="$db_sock" \
        --tmpdir="$WP_RUN/tmp" --pid-file="$WP_RUN/mysqld.pid" --skip-networking \
        --log-error="$WP_RUN/mysqld.err" </dev/null >/dev/null 2>&1 &
    for _ in $(seq 1 240); do
        mariadb-admin --no-defaults --socket="$db_sock" -uroot ping >/dev/null 2>&1 && return 0
        sleep 0.25
    done
    say "MariaDB did not answer within 60 s:"
    tail -n 20 "$WP_RUN/mysqld.err" >&2
    return 1
}
