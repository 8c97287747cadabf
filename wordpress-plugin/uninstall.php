<?php

/**
 * Removes everything proseo stored, on every site of a network: its options, transients, logs
 * table, post meta (suggestions, undo revisions, its own SEO fields), the capabilities a role
 * editor gave out, its scheduled events, and its network options (Proseo\Uninstaller). Yoast
 * SEO / Rank Math meta that proseo wrote belongs to those plugins now and stays.
 */

if (!defined('WP_UNINSTALL_PLUGIN')) {
    exit;
}

require_once __DIR__ . '/src/Autoloader.php';
\Proseo\Autoloader::register(__DIR__ . '/src');
\Proseo\Uninstaller::run();
