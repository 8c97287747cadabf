<?php

/**
 * Bulk test data for the test store: products written straight to the database in
 * multi-row inserts (posts, WooCommerce's meta keys, product type and category terms, image
 * attachments, variations), so 10,000 products take seconds instead of the minutes
 * `wp_insert_post` would. The REST routes read them like any product.
 */

namespace ProseoTest\WcRest;

use WP_Error;
use WP_REST_Request;

if (!defined('ABSPATH')) {
    exit;
}

final class Seeder
{
    private const ADJ = ['Ceramic', 'Linen', 'Oak', 'Wool', 'Canvas', 'Glass', 'Leather', 'Bamboo', 'Cotton', 'Steel', 'Walnut', 'Copper'];
    private const NOUNS = ['Mug', 'Teapot', 'Apron', 'Lamp', 'Backpack', 'Scarf', 'Candle', 'Notebook', 'Blanket', 'Bottle', 'Planter', 'Cushion', 'Wallet', 'Tray'];
    private const CATEGORIES = ['Kitchen', 'Living room', 'Accessories', 'Outdoor'];

    public static function route(WP_REST_Request $request)
    {
        $p = (array) $request->get_json_params();
        $count = (int) ($p['count'] ?? 0);
        if ($count < 1 || $count > 20000) {
            return new WP_Error('rest_invalid_param', 'count: 1 to 20000', ['status' => 400]);
        }
        $prefix = preg_replace('/[^A-Za-z0-9-]/', '', (string) ($p['prefix'] ?? 'seed')) ?: 'seed';
        return rest_ensure_response(self::seed(
            $count,
            $prefix,
            max(0, (int) ($p['variable_every'] ?? 0)),
            max(1, min(100, (int) ($p['variations'] ?? 3))),
            max(0, min(5, (int) ($p['images'] ?? 2))),
            !empty($p['with_description']),
            isset($p['modified_gmt']) ? (string) $p['modified_gmt'] : null,
            !empty($p['unique_images'])
        ));
    }

    private static function term(string $name, string $taxonomy): int
    {
        $t = term_exists($name, $taxonomy);
        if (!$t) {
            $t = wp_insert_term($name, $taxonomy);
        }
        return is_array($t) ? (int) $t['term_taxonomy_id'] : 0;
    }

    /** Inserts rows in chunks; returns nothing (ids are read back by slug). */
    private static function insert(string $table, array $columns, array $rows): void
    {
        global $wpdb;
        foreach (array_chunk($rows, 400) as $chunk) {
            $values = [];
            foreach ($chunk as $row) {
                $values[] = '(' . implode(', ', array_map(fn ($v) => is_int($v) ? (string) $v : "'" . esc_sql((string) $v) . "'", $row)) . ')';
            }
            $wpdb->query("INSERT INTO {$table} (" . implode(', ', $columns) . ') VALUES ' . implode(', ', $values));
        }
    }

    private static function post(string $type, string $title, string $slug, string $content, int $parent, string $now, string $nowGmt, string $guid, string $mime = '', string $status = 'publish'): array
    {
        return [1, $now, $nowGmt, $content, $title, '', $status, 'closed', 'closed', $slug, $now, $nowGmt, $parent, $guid, $type, $mime, '', '', ''];
    }

    private const POST_COLUMNS = ['post_author', 'post_date', 'post_date_gmt', 'post_content', 'post_title', 'post_excerpt', 'post_status', 'comment_status', 'ping_status', 'post_name', 'post_modified', 'post_modified_gmt', 'post_parent', 'guid', 'post_type', 'post_mime_type', 'to_ping', 'pinged', 'post_content_filtered'];

    /** @return array<string, int> slug => id */
    private static function ids(string $type, string $prefix): array
    {
        global $wpdb;
        $rows = $wpdb->get_results($wpdb->prepare("SELECT ID, post_name FROM {$wpdb->posts} WHERE post_type = %s AND post_name LIKE %s", $type, $wpdb->esc_like($prefix) . '%'));
        $out = [];
        foreach ($rows as $r) {
            $out[$r->post_name] = (int) $r->ID;
        }
        return $out;
    }

    /**
     * `$modifiedGmt` (`Y-m-d H:i:s`) backdates the products, as if they were last edited then
     * (for incremental pulls). `$uniqueImages` gives every product images of its own (else a
     * few are shared).
     */
    public static function seed(int $count, string $prefix, int $variableEvery, int $variations, int $images, bool $withDescription, ?string $modifiedGmt = null, bool $uniqueImages = false): array
    {
        global $wpdb;
        $prefix = strtolower($prefix);
        $now = current_time('mysql');
        $nowGmt = current_time('mysql', true);
        if ($modifiedGmt !== null && preg_match('/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}$/', $modifiedGmt)) {
            $nowGmt = str_replace('T', ' ', $modifiedGmt);
            $now = get_date_from_gmt($nowGmt);
        }
        $home = home_url('/');
        // Images: a few attachments shared by the products (their alt texts are what a push writes).
        $attachments = [];
        $rows = [];
        for ($i = 1; $i <= ($uniqueImages ? $images * $count : $images * 3); $i++) {
            $rows[] = self::post('attachment', "{$prefix} image {$i}", "{$prefix}-image-{$i}", '', 0, $now, $nowGmt, $home . "wp-content/uploads/{$prefix}-image-{$i}.jpg", 'image/jpeg', 'inherit');
        }
        if ($rows) {
            self::insert($wpdb->posts, self::POST_COLUMNS, $rows);
            $attachments = array_values(self::ids('attachment', "{$prefix}-image-"));
            sort($attachments);
            $meta = [];
            foreach ($attachments as $n => $a) {
                $meta[] = [$a, '_wp_attached_file', "{$prefix}-image-" . ($n + 1) . '.jpg'];
            }
            self::insert($wpdb->postmeta, ['post_id', 'meta_key', 'meta_value'], $meta);
        }
        $simple = self::term('simple', 'product_type');
        $variable = self::term('variable', 'product_type');
        $categories = array_map(fn ($c) => self::term($c, 'product_cat'), self::CATEGORIES);
        $rows = [];
        for ($i = 1; $i <= $count; $i++) {
            $name = self::ADJ[$i % count(self::ADJ)] . ' ' . self::NOUNS[$i % count(self::NOUNS)] . ' ' . strtoupper($prefix) . "-{$i}";
            $content = $withDescription ? "<p>The {$name}, made to last.</p>" : '';
            $rows[] = self::post('product', $name, "{$prefix}-product-{$i}", $content, 0, $now, $nowGmt, $home . "?post_type=product&p={$prefix}-{$i}");
        }
        self::insert($wpdb->posts, self::POST_COLUMNS, $rows);
        $ids = self::ids('product', "{$prefix}-product-");
        $meta = [];
        $terms = [];
        $variableIds = [];
        for ($i = 1; $i <= $count; $i++) {
            $id = $ids["{$prefix}-product-{$i}"] ?? 0;
            if (!$id) {
                continue;
            }
            $isVariable = $variableEvery > 0 && $i % $variableEvery === 0;
            $price = number_format(5 + ($i % 90) + 0.99, 2, '.', '');
            $attributes = [
                'material' => ['name' => 'Material', 'value' => self::ADJ[$i % count(self::ADJ)], 'position' => 0, 'is_visible' => 1, 'is_variation' => 0, 'is_taxonomy' => 0],
            ];
            if ($isVariable) {
                $sizes = array_slice(['S', 'M', 'L', 'XL', 'XXL', '3XL'], 0, min(6, $variations));
                $attributes['size'] = ['name' => 'Size', 'value' => implode(' | ', $sizes), 'position' => 1, 'is_visible' => 1, 'is_variation' => 1, 'is_taxonomy' => 0];
                $variableIds[$id] = $i;
            }
            array_push(
                $meta,
                [$id, '_sku', strtoupper($prefix) . "-SKU-{$i}"],
                [$id, '_regular_price', $price],
                [$id, '_price', $price],
                [$id, '_stock_status', $i % 17 === 0 ? 'outofstock' : 'instock'],
                [$id, '_product_attributes', serialize($attributes)]
            );
            if ($attachments && $images > 0) {
                $base = $uniqueImages ? ($i - 1) * $images : $i;
                $first = $attachments[$base % count($attachments)];
                $gallery = [];
                for ($g = 1; $g < $images; $g++) {
                    $gallery[] = $attachments[($base + $g) % count($attachments)];
                }
                $meta[] = [$id, '_thumbnail_id', (string) $first];
                $meta[] = [$id, '_product_image_gallery', implode(',', $gallery)];
            }
            $terms[] = [$id, $isVariable ? $variable : $simple, 0];
            $terms[] = [$id, $categories[$i % count($categories)], 0];
        }
        self::insert($wpdb->postmeta, ['post_id', 'meta_key', 'meta_value'], $meta);
        self::insert($wpdb->term_relationships, ['object_id', 'term_taxonomy_id', 'term_order'], $terms);
        // Variations of the variable products.
        if ($variableIds) {
            $rows = [];
            foreach ($variableIds as $parent => $i) {
                for ($v = 1; $v <= min(6, $variations); $v++) {
                    $rows[] = self::post('product_variation', "Variation {$v}", "{$prefix}-variation-{$i}-{$v}", '', $parent, $now, $nowGmt, $home . "?post_type=product_variation&p={$prefix}-{$i}-{$v}");
                }
            }
            self::insert($wpdb->posts, self::POST_COLUMNS, $rows);
            $vids = self::ids('product_variation', "{$prefix}-variation-");
            $meta = [];
            $sizes = ['S', 'M', 'L', 'XL', 'XXL', '3XL'];
            foreach ($variableIds as $parent => $i) {
                for ($v = 1; $v <= min(6, $variations); $v++) {
                    $vid = $vids["{$prefix}-variation-{$i}-{$v}"] ?? 0;
                    if (!$vid) {
                        continue;
                    }
                    $price = number_format(5 + ($i % 90) + $v, 2, '.', '');
                    array_push(
                        $meta,
                        [$vid, 'attribute_size', $sizes[$v - 1]],
                        [$vid, '_sku', strtoupper($prefix) . "-SKU-{$i}-{$sizes[$v - 1]}"],
                        [$vid, '_regular_price', $price],
                        [$vid, '_price', $price],
                        [$vid, '_stock_status', 'instock']
                    );
                }
            }
            self::insert($wpdb->postmeta, ['post_id', 'meta_key', 'meta_value'], $meta);
        }
        wp_cache_flush();
        $list = array_values($ids);
        sort($list);
        return [
            'created' => count($ids),
            'variable' => count($variableIds),
            'ids' => count($list) <= 1000 ? $list : [],
            'first_id' => $list[0] ?? null,
            'last_id' => $list ? $list[count($list) - 1] : null,
            'images' => $attachments,
        ];
    }

    /** Deletes every product, variation and seeded image (and their meta and terms). */
    public static function reset()
    {
        global $wpdb;
        $wpdb->query("DELETE m FROM {$wpdb->postmeta} m JOIN {$wpdb->posts} p ON p.ID = m.post_id WHERE p.post_type IN ('product', 'product_variation') OR (p.post_type = 'attachment' AND p.post_name LIKE '%-image-%')");
        $wpdb->query("DELETE r FROM {$wpdb->term_relationships} r JOIN {$wpdb->posts} p ON p.ID = r.object_id WHERE p.post_type IN ('product', 'product_variation')");
        $deleted = $wpdb->query("DELETE FROM {$wpdb->posts} WHERE post_type IN ('product', 'product_variation') OR (post_type = 'attachment' AND post_name LIKE '%-image-%')");
        delete_option('proseo_test_wc_fault');
        delete_option('proseo_test_wc_requests');
        wp_cache_flush();
        return rest_ensure_response(['deleted' => (int) $deleted]);
    }
}
