<?php

/**
 * Plugin Name: proseo test stand-in for WooCommerce
 * Description: Test-only. Registers what the proseo plugin needs from WooCommerce (the product
 * post type, its taxonomies and meta keys, the shop_manager role and the *_products
 * capabilities), because WooCommerce itself is not obtainable on the test machines.
 * With PROSEO_TEST_WC_API=1 in the environment it also provides wc_get_product() and a small
 * product object with WooCommerce's getter names, so the plugin's WooCommerce code path runs.
 */

namespace ProseoTest;

if (!defined('ABSPATH')) {
    exit;
}

const PRODUCT_CAPS = [
    'edit_product', 'read_product', 'delete_product', 'edit_products', 'edit_others_products',
    'publish_products', 'read_private_products', 'delete_products', 'delete_private_products',
    'delete_published_products', 'delete_others_products', 'edit_private_products',
    'edit_published_products', 'manage_product_terms', 'edit_product_terms',
    'delete_product_terms', 'assign_product_terms',
];

const META_KEYS = [
    '_sku' => 'string', '_price' => 'string', '_regular_price' => 'string',
    '_sale_price' => 'string', '_stock' => 'number', '_stock_status' => 'string',
    '_product_image_gallery' => 'string', '_global_unique_id' => 'string',
    '_weight' => 'string', '_length' => 'string', '_width' => 'string', '_height' => 'string',
    '_product_attributes' => 'array',
];

function register(): void
{
    register_post_type('product', [
        'label' => 'Products',
        'public' => true,
        'show_ui' => true,
        'show_in_rest' => false,
        'capability_type' => 'product',
        'map_meta_cap' => true,
        'supports' => ['title', 'editor', 'excerpt', 'thumbnail', 'custom-fields'],
        'has_archive' => true,
    ]);
    register_post_type('product_variation', [
        'label' => 'Variations',
        'public' => false,
        'capability_type' => 'product',
        'map_meta_cap' => true,
    ]);
    $term_caps = [
        'manage_terms' => 'manage_product_terms',
        'edit_terms' => 'edit_product_terms',
        'delete_terms' => 'delete_product_terms',
        'assign_terms' => 'assign_product_terms',
    ];
    register_taxonomy('product_cat', 'product', [
        'label' => 'Categories', 'hierarchical' => true, 'capabilities' => $term_caps,
    ]);
    register_taxonomy('product_tag', 'product', ['label' => 'Tags', 'capabilities' => $term_caps]);
    register_taxonomy('product_type', 'product', ['public' => false]);
    register_taxonomy('product_visibility', 'product', ['public' => false]);
    foreach (META_KEYS as $key => $type) {
        register_meta('post', $key, [
            'object_subtype' => 'product',
            'type' => $type,
            'single' => true,
            'show_in_rest' => false,
        ]);
    }
}

/** The roles and capabilities WooCommerce's installer sets up (the part that matters here). */
function install_roles(): void
{
    if (get_option('proseo_test_roles') === '1') {
        return;
    }
    $admin = get_role('administrator');
    if (!$admin) {
        return; // not installed yet
    }
    foreach (array_merge(PRODUCT_CAPS, ['manage_woocommerce']) as $cap) {
        $admin->add_cap($cap);
    }
    remove_role('shop_manager');
    $editor = get_role('editor');
    $caps = $editor ? $editor->capabilities : [];
    foreach (array_merge(PRODUCT_CAPS, ['manage_woocommerce', 'view_woocommerce_reports']) as $cap) {
        $caps[$cap] = true;
    }
    add_role('shop_manager', 'Shop manager', $caps);
    update_option('proseo_test_roles', '1');
}

add_action('init', __NAMESPACE__ . '\\register', 0);
add_action('init', __NAMESPACE__ . '\\install_roles', 1);

if (getenv('PROSEO_TEST_WC_API') === '1' && !function_exists('wc_get_product')) {
    require __DIR__ . '/proseo-woo-standin/wc-api.php';
}
