<?php

/**
 * Boots the live test site (tests/wordpress/up) inside PHPUnit: the same database, plugins and
 * configuration the web server uses. Needs WP_URL, WORDPRESS_CONFIG, PROSEO_URL and
 * PROSEO_ADMIN_TOKEN in the environment (scripts/test-wordpress sets them). The `multisite` group
 * boots the test network instead: WP_URL=http://$MS_DOMAIN and WORDPRESS_CONFIG=$MS_CONFIG.
 */

$url = (string) getenv('WP_URL');
if ($url === '' || getenv('WORDPRESS_CONFIG') === false) {
    fwrite(
        STDERR,
        "Run tests/wordpress/up first and export WP_URL and WORDPRESS_CONFIG (scripts/test-wordpress does).\n"
    );
    exit(1);
}
$port = parse_url($url, PHP_URL_PORT);
$_SERVER['HTTP_HOST'] = parse_url($url, PHP_URL_HOST) . ($port ? ':' . $port : '');
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_NAME'] = (string) parse_url($url, PHP_URL_HOST);
$_SERVER['WORDPRESS_CONFIG'] = (string) getenv('WORDPRESS_CONFIG');
define('WP_USE_THEMES', false);
define('WP_ADMIN', true); // load the plugin's admin side too (pages, meta box)
// PHPUnit includes this file inside a method: the globals WordPress's files assign at their top
// level must be declared global here, or they stay local (WordPress's own test bootstrap does so).
global $wpdb, $current_site, $current_blog, $wp_rewrite, $shortcode_tags, $wp, $phpmailer, $wp_theme_directories,
    $wp_filter, $wp_actions, $wp_current_filter, $wp_version, $wp_db_version, $table_prefix, $wp_embed;
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/admin.php';
rest_get_server(); // fires rest_api_init: the plugin registers its routes
require __DIR__ . '/TestCase.php';
require __DIR__ . '/MultilingualCase.php';
