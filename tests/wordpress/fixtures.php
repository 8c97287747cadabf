<?php

/**
 * Test data for the browser tests, through WordPress's own API (run with the site's
 * environment: WP_URL, WORDPRESS_CONFIG):
 *   php fixtures.php products N CATEGORY   creates N products in CATEGORY → JSON list of IDs
 *   php fixtures.php get ID...             → JSON [{id, post_content, post_excerpt, revision, keyphrase}]
 *   php fixtures.php user-locale LOGIN L   the user's admin language ('' = the site's) → JSON true
 *   php fixtures.php multilingual PLUGIN   the active WPML/Polylang stand-in (wpml, polylang, '') → JSON true
 *   php fixtures.php language ID SLUG      the product's language in that stand-in (fr, he, …) → JSON true
 *   php fixtures.php images ID ALT…        gives the product one image per ALT (featured, then gallery;
 *                                          '' = no alt text) → JSON list of attachment IDs
 *   php fixtures.php alts ATTACHMENT_ID…   → JSON list of their alt texts
 *   php fixtures.php edge-job JOB          the edge API's Job (through the plugin's API client) → JSON
 *   php fixtures.php writeback             runs the WP-Cron callback proseo_bulk_writeback → JSON summary
 */

$url = (string) getenv('WP_URL');
$_SERVER['HTTP_HOST'] = parse_url($url, PHP_URL_HOST) . ':' . parse_url($url, PHP_URL_PORT);
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['WORDPRESS_CONFIG'] = (string) getenv('WORDPRESS_CONFIG');
require '/usr/share/wordpress/wp-load.php';

$command = $argv[1] ?? '';
if ($command === 'products') {
    wp_set_current_user(get_user_by('login', 'admin')->ID);
    $ids = [];
    $kinds = ['Oak Cutting Board', 'Linen Apron', 'Steel Kettle', 'Wool Throw', 'Glass Carafe'];
    for ($i = 1; $i <= (int) $argv[2]; $i++) {
        $name = $kinds[$i % count($kinds)] . ' ' . $i;
        $id = wp_insert_post(wp_slash([
            'post_type' => 'product',
            'post_status' => 'publish',
            'post_title' => $name,
            'post_content' => "<p>$name. Good quality.</p>",
        ]));
        update_post_meta($id, '_sku', 'SKU-' . $id);
        update_post_meta($id, '_regular_price', (string) (10 + $i));
        wp_set_object_terms($id, [$argv[3]], 'product_cat');
        $ids[] = $id;
    }
    echo wp_json_encode($ids);
} elseif ($command === 'get') {
    $out = [];
    foreach (array_slice($argv, 2) as $id) {
        $post = get_post((int) $id);
        $out[] = [
            'id' => (int) $id,
            'post_content' => $post->post_content,
            'post_excerpt' => $post->post_excerpt,
            'revision' => is_array(get_post_meta((int) $id, '_proseo_revision', true)),
            'keyphrase' => get_post_meta((int) $id, '_proseo_keyphrase', true),
        ];
    }
    echo wp_json_encode($out);
} elseif ($command === 'user-locale') {
    $user = get_user_by('login', (string) ($argv[2] ?? ''));
    if (!$user) {
        fwrite(STDERR, "no such user\n");
        exit(2);
    }
    update_user_meta($user->ID, 'locale', (string) ($argv[3] ?? ''));
    echo 'true';
} elseif ($command === 'multilingual') {
    update_option(\ProseoTest\Multilingual\OPTION, (string) ($argv[2] ?? ''));
    echo 'true';
} elseif ($command === 'language') {
    \ProseoTest\Multilingual\set_post_language((int) ($argv[2] ?? 0), (string) ($argv[3] ?? ''));
    echo 'true';
} elseif ($command === 'images') {
    wp_set_current_user(get_user_by('login', 'admin')->ID);
    $postId = (int) ($argv[2] ?? 0);
    $ids = [];
    foreach (array_slice($argv, 3) as $n => $alt) {
        $id = wp_insert_attachment([
            'post_title' => "image $postId-$n",
            'post_mime_type' => 'image/jpeg',
            'post_status' => 'inherit',
        ], false, $postId);
        update_attached_file($id, "2026/12/product-$postId-$n.jpg");
        if ($alt !== '') {
            update_post_meta($id, '_wp_attachment_image_alt', $alt);
        }
        $ids[] = $id;
    }
    set_post_thumbnail($postId, $ids[0]);
    update_post_meta($postId, '_product_image_gallery', implode(',', array_slice($ids, 1)));
    echo wp_json_encode($ids);
} elseif ($command === 'alts') {
    echo wp_json_encode(array_map(static function ($id): string {
        return (string) get_post_meta((int) $id, '_wp_attachment_image_alt', true);
    }, array_slice($argv, 2)));
} elseif ($command === 'edge-job') {
    $job = rawurlencode((string) ($argv[2] ?? ''));
    echo wp_json_encode(\Proseo\Plugin::instance()->api->request('GET', '/jobs/' . $job));
} elseif ($command === 'writeback') {
    echo wp_json_encode(\Proseo\Plugin::instance()->writeback->run());
} else {
    fwrite(STDERR, "usage: php fixtures.php products N CATEGORY | get ID... | user-locale LOGIN LOCALE"
        . " | multilingual PLUGIN | language ID SLUG | images ID ALT... | alts ID... | edge-job JOB | writeback\n");
    exit(2);
}
