<?php

/**
 * Plugin Name: proseo test store: WooCommerce REST API (wc/v3 products)
 * Description: Test-only. Serves the `wc/v3` products, product variations and batch routes the
 * way WooCommerce's REST API documentation describes them (fields, query parameters,
 * X-WP-Total / X-WP-TotalPages and Link headers, `{code, message, data: {status}}` errors, the
 * 100-object batch limit) on top of the stand-in `product` post type, behind WordPress core's
 * REST authentication (Application Passwords: real HTTP Basic auth). WooCommerce itself cannot
 * be installed on the test machines. Test switches (fault injection, bulk seeding) live under
 * `proseo-test/v1` and need an administrator.
 */

namespace ProseoTest\WcRest;

if (!defined('ABSPATH')) {
    exit;
}

require __DIR__ . '/proseo-wc-rest/Products.php';
require __DIR__ . '/proseo-wc-rest/Faults.php';
require __DIR__ . '/proseo-wc-rest/Seeder.php';

add_action('rest_api_init', [Products::class, 'register']);
add_action('rest_api_init', [Faults::class, 'register']);
add_filter('rest_pre_dispatch', [Faults::class, 'inject'], 5, 3);
