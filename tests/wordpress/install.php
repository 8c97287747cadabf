<?php

/**
 * Installs the test site without wp-cli (run by tests/wordpress/up; safe to run again):
 * WordPress itself, pretty permalinks, the proseo plugin activated, one user per role the tests
 * need, and a tenant on the local edge API whose key the plugin is configured with.
 */

$url = (string) getenv('WP_URL');
$_SERVER['HTTP_HOST'] = (string) parse_url($url, PHP_URL_HOST) . ':' . (string) parse_url($url, PHP_URL_PORT);
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['WORDPRESS_CONFIG'] = (string) getenv('WORDPRESS_CONFIG');
define('WP_INSTALLING', true);

function wp_new_blog_notification()
{
    // No mail from the test site.
}

require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

$password = (string) getenv('WP_ADMIN_PASSWORD');
if (!is_blog_installed()) {
    wp_install('proseo test shop', 'admin', 'admin@example.test', false, '', wp_slash($password));
    fwrite(STDERR, "installed WordPress " . get_bloginfo('version') . "\n");
}
update_option('show_avatars', 0);
// The test theme (tests/wordpress/theme) unless an installed theme is active: product pages
// render with wp_head().
if (!wp_get_theme()->exists()) {
    switch_theme('plain-test'); // not named proseo-*: its theme_mods option must survive uninstalling proseo
}
update_option('permalink_structure', '/%postname%/');
delete_option('rewrite_rules');

// The stand-in's roles (shop_manager, product capabilities): its init hook ran before the
// tables existed on the first run.
delete_option('proseo_test_roles');
\ProseoTest\install_roles();

$result = activate_plugin('proseo/proseo.php');
if (is_wp_error($result)) {
    fwrite(STDERR, 'activating proseo failed: ' . $result->get_error_message() . "\n");
    exit(1);
}

foreach (['shop_manager', 'editor', 'author', 'subscriber'] as $role) {
    $login = str_replace('_', '', $role);
    $user = get_user_by('login', $login);
    $data = [
        'user_login' => $login,
        'user_pass' => $password,
        'user_email' => $login . '@example.test',
        'role' => $role,
    ];
    if ($user) {
        $data['ID'] = $user->ID;
        wp_update_user($data);
    } else {
        wp_insert_user($data);
    }
}

// A tenant on the edge API, unless the stored key still works there.
$api = rtrim((string) getenv('PROSEO_URL'), '/');
$settings = (array) get_option('proseo_settings', []);
$key = (string) get_option('proseo_api_key', '');
$works = false;
if ($key !== '' && ($settings['api_url'] ?? '') === $api) {
    $check = wp_remote_get($api . '/api/v1/usage', ['headers' => ['Authorization' => 'Bearer ' . $key]]);
    $works = !is_wp_error($check) && wp_remote_retrieve_response_code($check) === 200;
}
if (!$works) {
    $response = wp_remote_post($api . '/api/v1/admin/tenants', [
        'headers' => [
            'Authorization' => 'Bearer ' . getenv('PROSEO_ADMIN_TOKEN'),
            'Content-Type' => 'application/json',
        ],
        'body' => wp_json_encode([
            'name' => 'WordPress test shop',
            'slug' => 'wp-test-' . bin2hex(random_bytes(4)),
            'monthly_generations' => null,
            'rate_limit_per_minute' => 100000,
        ]),
    ]);
    $body = json_decode((string) wp_remote_retrieve_body($response), true);
    if (empty($body['data']['api_key']['key'])) {
        $why = is_wp_error($response) ? $response->get_error_message() : wp_remote_retrieve_body($response);
        fwrite(STDERR, 'creating the tenant failed: ' . $why . "\n");
        exit(1);
    }
    $key = $body['data']['api_key']['key'];
    delete_option('proseo_api_key');
    add_option('proseo_api_key', $key, '', 'no');
    fwrite(STDERR, "created a tenant on the edge API\n");
}
$settings['api_url'] = $api;
update_option('proseo_settings', array_merge(['target_score' => 70, 'language' => 'en'], $settings));
fwrite(STDERR, "site ready\n");
