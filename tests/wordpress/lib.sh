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
