<?php

/**
 * Installs the test store (run by tests/wordpress/store-up; safe to run again): WordPress,
 * pretty permalinks (WooCommerce's REST API needs them), the stand-in's roles, and the API
 * users with WordPress core Application Passwords: `admin` (a shop administrator) and
 * `viewer` (a subscriber: authenticated, but no product capabilities). Prints the passwords
 * as KEY=value lines.
 */

$url = (string) getenv('WP_URL');
$_SERVER['HTTP_HOST'] = (string) parse_url($url, PHP_URL_HOST) . ':' . (string) parse_url($url, PHP_URL_PORT);
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['WORDPRESS_CONFIG'] = (string) getenv('WORDPRESS_CONFIG');
define('WP_INSTALLING', true);

function wp_new_blog_notification()
{
    // No mail from the test store.
}

require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

$password = (string) getenv('WP_ADMIN_PASSWORD');
if (!is_blog_installed()) {
    wp_install('proseo test store', 'admin', 'admin@example.test', false, '', wp_slash($password));
    fwrite(STDERR, "installed WordPress " . get_bloginfo('version') . "\n");
}
update_option('permalink_structure', '/%postname%/');
delete_option('rewrite_rules');
delete_option('proseo_test_roles');
\ProseoTest\install_roles();

$viewer = get_user_by('login', 'viewer');
if (!$viewer) {
    wp_insert_user(['user_login' => 'viewer', 'user_pass' => $password, 'user_email' => 'viewer@example.test', 'role' => 'subscriber']);
}
if (!wp_is_application_passwords_available()) {
    fwrite(STDERR, "application passwords are not available (WP_ENVIRONMENT_TYPE must be local)\n");
    exit(1);
}
foreach (['admin' => 'WC_APP_PASSWORD', 'viewer' => 'WC_VIEWER_PASSWORD'] as $login => $var) {
    $user = get_user_by('login', $login);
    // A fresh application password per install (the old ones of this name are revoked).
    foreach (WP_Application_Passwords::get_user_application_passwords($user->ID) as $item) {
        if ($item['name'] === 'proseo-sync') {
            WP_Application_Passwords::delete_application_password($user->ID, $item['uuid']);
        }
    }
    $created = WP_Application_Passwords::create_new_application_password($user->ID, ['name' => 'proseo-sync']);
    if (is_wp_error($created)) {
        fwrite(STDERR, 'application password: ' . $created->get_error_message() . "\n");
        exit(1);
    }
    echo $var . '=' . $created[0] . "\n";
}
fwrite(STDERR, "store ready\n");
