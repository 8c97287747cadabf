<?php

/**
 * Plugin Name:       proseo
 * Plugin URI:        https://github.com/proseo/proseo
 * Description:       SEO + readability scores as you type, and better WooCommerce product descriptions from proseo.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            proseo
 * License:           GPL-2.0-or-later
 * Text Domain:       proseo
 * Domain Path:       /languages
 */

if (!defined('ABSPATH')) {
    exit;
}

define('PROSEO_VERSION', '0.1.0');
define('PROSEO_FILE', __FILE__);
define('PROSEO_MIN_PHP', '7.4');
define('PROSEO_MIN_WP', '6.1');

/**
 * Why proseo cannot run here, or '' when it can. Written for PHP 5.6 syntax on purpose: it must
 * parse on the versions it refuses.
 */
function proseo_requirements_error()
{
    if (version_compare(PHP_VERSION, PROSEO_MIN_PHP, '<')) {
        return sprintf(
            /* translators: 1: required PHP version, 2: running PHP version */
            __('proseo needs PHP %1$s or newer; this site runs %2$s.', 'proseo'),
            PROSEO_MIN_PHP,
            PHP_VERSION
        );
    }
    if (version_compare(get_bloginfo('version'), PROSEO_MIN_WP, '<')) {
        return sprintf(
            /* translators: 1: required WordPress version, 2: running WordPress version */
            __('proseo needs WordPress %1$s or newer; this site runs %2$s.', 'proseo'),
            PROSEO_MIN_WP,
            get_bloginfo('version')
        );
    }
    return '';
}

$proseo_requirements_error = proseo_requirements_error();
if ($proseo_requirements_error !== '') {
    add_action('admin_notices', function () use ($proseo_requirements_error) {
        echo '<div class="notice notice-error"><p>' . esc_html($proseo_requirements_error) . '</p></div>';
    });
    return;
}

require_once __DIR__ . '/src/Autoloader.php';
\Proseo\Autoloader::register(__DIR__ . '/src');

register_activation_hook(__FILE__, [\Proseo\Plugin::class, 'activate']);
\Proseo\Plugin::instance()->boot();
