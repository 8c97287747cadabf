<?php

/**
 * Installs the test network (run by tests/wordpress/up; safe to run again): a real WordPress
 * multisite (subdirectories) on the test site's MariaDB with its own table prefix, the way
 * WordPress's Network Setup screen builds one, without wp-cli. Two phases, because MULTISITE is
 * read from the config when WordPress boots:
 *
 *   PROSEO_MS_SETUP=1 php install-multisite.php   single site: wp_install(), then the network
 *                                                 tables (install_network()) and rows
 *                                                 (populate_network())
 *   php install-multisite.php                     MULTISITE on: the sites /shop-a/ and
 *                                                 /shop-b/, proseo network-activated
 *
 * Needs WORDPRESS_CONFIG (the network's config name), MS_DOMAIN and WP_ADMIN_PASSWORD.
 */

$domain = (string) getenv('MS_DOMAIN');
$_SERVER['HTTP_HOST'] = $domain;
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_NAME'] = $domain;
$_SERVER['WORDPRESS_CONFIG'] = (string) getenv('WORDPRESS_CONFIG');
$setup = getenv('PROSEO_MS_SETUP') === '1';
if ($setup) {
    define('WP_INSTALLING', true);
}

function wp_new_blog_notification()
{
    // No mail from the test network.
}

require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

if ($setup) {
    if (is_multisite()) {
        fwrite(STDERR, "PROSEO_MS_SETUP=1 needs a config that leaves MULTISITE off\n");
        exit(1);
    }
    if (!is_blog_installed()) {
        $password = wp_slash((string) getenv('WP_ADMIN_PASSWORD'));
        wp_install('proseo test network', 'admin', 'admin@example.test', false, '', $password);
        fwrite(STDERR, "installed WordPress " . get_bloginfo('version') . " for the network\n");
    }
    require_once ABSPATH . 'wp-admin/includes/network.php';
    // As wp-admin/network.php does: name the network tables while MULTISITE is still off.
    define('WP_INSTALLING_NETWORK', true);
    foreach ($wpdb->tables('ms_global') as $table => $prefixed) {
        $wpdb->$table = $prefixed;
    }
    $hasNetwork = static function () use ($wpdb): bool {
        return $wpdb->get_var($wpdb->prepare('SHOW TABLES LIKE %s', $wpdb->site)) === $wpdb->site
            && (int) $wpdb->get_var("SELECT COUNT(*) FROM {$wpdb->site}") > 0;
    };
    if (!$hasNetwork()) {
        install_network();
        wp_set_current_user(1);
        $result = populate_network(1, $domain, 'admin@example.test', 'proseo test network', '/', false);
        if (is_wp_error($result) || !$hasNetwork()) {
            $why = is_wp_error($result) ? $result->get_error_message() : $wpdb->last_error;
            fwrite(STDERR, 'creating the network failed: ' . $why . "\n");
            exit(1);
        }
        fwrite(STDERR, "network tables created\n");
    }
    fwrite(STDERR, "network tables ready\n");
    exit(0);
}

if (!is_multisite()) {
    fwrite(STDERR, "the network's config must turn MULTISITE on outside PROSEO_MS_SETUP=1\n");
    exit(1);
}
$admin = get_user_by('login', 'admin');
grant_super_admin($admin->ID);
foreach (['shop-a', 'shop-b'] as $slug) {
    if (!get_sites(['domain' => $domain, 'path' => "/$slug/", 'fields' => 'ids'])) {
        $site = wp_insert_site([
            'domain' => $domain,
            'path' => "/$slug/",
            'title' => "proseo $slug",
            'user_id' => $admin->ID,
        ]);
        if (is_wp_error($site)) {
            fwrite(STDERR, "creating $slug failed: " . $site->get_error_message() . "\n");
            exit(1);
        }
    }
}
if (!is_plugin_active_for_network('proseo/proseo.php')) {
    $result = activate_plugin('proseo/proseo.php', '', true);
    if (is_wp_error($result)) {
        fwrite(STDERR, 'network-activating proseo failed: ' . $result->get_error_message() . "\n");
        exit(1);
    }
}
fwrite(STDERR, 'network ready: ' . count(get_sites(['fields' => 'ids'])) . " sites\n");
