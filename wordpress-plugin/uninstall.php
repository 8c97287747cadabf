<?php

/**
 * Removes everything proseo stored: its options, its logs table and its post meta
 * (suggestions, undo revisions, and its own SEO fields). Yoast SEO / Rank Math meta that
 * proseo wrote belongs to those plugins now and stays.
 */

if (!defined('WP_UNINSTALL_PLUGIN')) {
    exit;
}

global $wpdb;

$proseo_options = $wpdb->get_col($wpdb->prepare(
    "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE %s",
    $wpdb->esc_like('proseo_') . '%'
));
foreach ($proseo_options as $proseo_option) {
    delete_option($proseo_option);
}
$wpdb->query("DROP TABLE IF EXISTS {$wpdb->prefix}proseo_logs");
$wpdb->query($wpdb->prepare(
    "DELETE FROM {$wpdb->postmeta} WHERE meta_key LIKE %s",
    $wpdb->esc_like('_proseo_') . '%'
));
wp_cache_flush();
