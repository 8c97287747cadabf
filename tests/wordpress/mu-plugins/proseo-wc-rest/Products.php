<?php

/**
 * The `wc/v3` products routes of the test store, as WooCommerce's REST API documentation
 * describes them (woocommerce.github.io/woocommerce-rest-api-docs, "Products" and "Product
 * variations"): list (page, per_page ≤ 100, search, modified_after/before with dates_are_gmt,
 * include, exclude, orderby, order, status, type, sku; X-WP-Total, X-WP-TotalPages, Link),
 * retrieve, create, update, delete, batch (create/update/delete, at most 100 objects), and the
 * variations of a product. Products are the stand-in's `product` posts with WooCommerce's own
 * meta keys; every save bumps the modification date, as WooCommerce's data store does.
 *
 * Written for these tests from the documentation, not from WooCommerce's code.
 */

namespace ProseoTest\WcRest;

use WP_Error;
use WP_Post;
use WP_Query;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

if (!defined('ABSPATH')) {
    exit;
}

final class Products
{
    public const NS = 'wc/v3';
    public const BATCH_LIMIT = 100;

    /** Meta keys WooCommerce keeps to itself (not listed in `meta_data`). */
    private const INTERNAL_META = [
        '_sku', '_price', '_regular_price', '_sale_price', '_stock', '_stock_status', '_manage_stock',
        '_product_image_gallery', '_thumbnail_id', '_global_unique_id', '_weight', '_length', '_width',
        '_height', '_product_attributes', '_edit_lock', '_edit_last', '_wp_old_slug', '_variation_description',
    ];

    public static function register(): void
    {
        register_rest_route(self::NS, '/products', [
            [
                'methods' => WP_REST_Server::READABLE,
                'callback' => [self::class, 'list'],
                'permission_callback' => [self::class, 'canList'],
                'args' => self::collectionParams(),
            ],
            [
                'methods' => WP_REST_Server::CREATABLE,
                'callback' => [self::class, 'create'],
                'permission_callback' => [self::class, 'canCreate'],
            ],
        ]);
        register_rest_route(self::NS, '/products/batch', [
            'methods' => WP_REST_Server::EDITABLE,
            'callback' => [self::class, 'batch'],
            'permission_callback' => [self::class, 'canBatch'],
        ]);
        register_rest_route(self::NS, '/products/(?P<id>[\d]+)', [
            'args' => ['id' => ['type' => 'integer', 'description' => 'Unique identifier for the resource.']],
            [
                'methods' => WP_REST_Server::READABLE,
                'callback' => [self::class, 'get'],
                'permission_callback' => [self::class, 'canView'],
            ],
            [
                'methods' => WP_REST_Server::EDITABLE,
                'callback' => [self::class, 'update'],
                'permission_callback' => [self::class, 'canEdit'],
            ],
            [
                'methods' => WP_REST_Server::DELETABLE,
                'callback' => [self::class, 'delete'],
                'permission_callback' => [self::class, 'canDelete'],
                'args' => ['force' => ['type' => 'boolean', 'default' => false]],
            ],
        ]);
        register_rest_route(self::NS, '/products/(?P<product_id>[\d]+)/variations', [
            'methods' => WP_REST_Server::READABLE,
            'callback' => [self::class, 'variations'],
            'permission_callback' => [self::class, 'canList'],
            'args' => [
                'page' => ['type' => 'integer', 'default' => 1, 'minimum' => 1],
                'per_page' => ['type' => 'integer', 'default' => 10, 'minimum' => 1, 'maximum' => 100],
                'orderby' => ['type' => 'string', 'default' => 'date', 'enum' => ['date', 'id', 'include', 'title', 'slug', 'modified']],
                'order' => ['type' => 'string', 'default' => 'desc', 'enum' => ['asc', 'desc']],
            ],
        ]);
        register_rest_route(self::NS, '/products/(?P<product_id>[\d]+)/variations/(?P<id>[\d]+)', [
            'methods' => WP_REST_Server::READABLE,
            'callback' => [self::class, 'variation'],
            'permission_callback' => [self::class, 'canView'],
        ]);
    }

    /** The list's query parameters, as documented ("List all products: available parameters"). */
    private static function collectionParams(): array
    {
        $list = ['type' => 'array', 'items' => ['type' => 'integer'], 'default' => []];
        $date = ['type' => 'string', 'format' => 'date-time'];
        return [
            'context' => ['type' => 'string', 'enum' => ['view', 'edit'], 'default' => 'view'],
            'page' => ['type' => 'integer', 'default' => 1, 'minimum' => 1],
            'per_page' => ['type' => 'integer', 'default' => 10, 'minimum' => 1, 'maximum' => 100],
            'offset' => ['type' => 'integer'],
            'search' => ['type' => 'string'],
            'after' => $date,
            'before' => $date,
            'modified_after' => $date,
            'modified_before' => $date,
            'dates_are_gmt' => ['type' => 'boolean', 'default' => false],
            'include' => $list,
            'exclude' => $list,
            'order' => ['type' => 'string', 'default' => 'desc', 'enum' => ['asc', 'desc']],
            'orderby' => [
                'type' => 'string',
                'default' => 'date',
                'enum' => ['date', 'id', 'include', 'title', 'slug', 'price', 'popularity', 'rating', 'modified'],
            ],
            'parent' => $list,
            'parent_exclude' => $list,
            'slug' => ['type' => 'string'],
            'status' => ['type' => 'string', 'default' => 'any', 'enum' => ['any', 'future', 'trash', 'draft', 'pending', 'private', 'publish']],
            'type' => ['type' => 'string', 'enum' => ['simple', 'grouped', 'external', 'variable']],
            'sku' => ['type' => 'string'],
            'featured' => ['type' => 'boolean'],
            'stock_status' => ['type' => 'string', 'enum' => ['instock', 'outofstock', 'onbackorder']],
        ];
    }

    // --- permissions (WooCommerce answers these codes; 401 anonymous, 403 signed in) ---------

    private static function denied(string $code, string $message)
    {
        return new WP_Error($code, $message, ['status' => rest_authorization_required_code()]);
    }

    public static function canList()
    {
        return current_user_can('read_private_products')
            ?: self::denied('woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.');
    }

    public static function canView()
    {
        return current_user_can('read_private_products')
            ?: self::denied('woocommerce_rest_cannot_view', 'Sorry, you cannot view this resource.');
    }

    public static function canCreate()
    {
        return current_user_can('publish_products')
            ?: self::denied('woocommerce_rest_cannot_create', 'Sorry, you are not allowed to create resources.');
    }

    public static function canEdit(WP_REST_Request $request)
    {
        $post = get_post((int) $request['id']);
        if ($post && !current_user_can('edit_product', $post->ID)) {
            return self::denied('woocommerce_rest_cannot_edit', 'Sorry, you are not allowed to edit this resource.');
        }
        return true;
    }

    public static function canDelete(WP_REST_Request $request)
    {
        $post = get_post((int) $request['id']);
        if ($post && !current_user_can('delete_product', $post->ID)) {
            return self::denied('woocommerce_rest_cannot_delete', 'Sorry, you are not allowed to delete this resource.');
        }
        return true;
    }

    public static function canBatch()
    {
        return (current_user_can('edit_others_products') && current_user_can('delete_others_products') && current_user_can('publish_products'))
            ?: self::denied('woocommerce_rest_cannot_batch', 'Sorry, you are not allowed to batch manipulate this resource.');
    }

    // --- reading -------------------------------------------------------------------------------

    public static function list(WP_REST_Request $request)
    {
        $status = (string) $request['status'];
        $args = [
            'post_type' => 'product',
            'post_status' => $status === 'any' ? ['publish', 'private', 'draft', 'pending', 'future'] : $status,
            'posts_per_page' => (int) $request['per_page'],
            'paged' => (int) $request['page'],
            'order' => strtoupper((string) $request['order']),
            'orderby' => [
                'id' => 'ID', 'include' => 'post__in', 'title' => 'title', 'slug' => 'name',
                'modified' => 'modified', 'date' => 'date', 'price' => 'date', 'popularity' => 'date', 'rating' => 'date',
            ][(string) $request['orderby']],
            'ignore_sticky_posts' => true,
        ];
        if (isset($request['offset'])) {
            $args['offset'] = (int) $request['offset'];
        }
        if (!empty($request['search'])) {
            $args['s'] = (string) $request['search'];
        }
        if (!empty($request['include'])) {
            $args['post__in'] = array_map('intval', (array) $request['include']);
        }
        if (!empty($request['exclude'])) {
            $args['post__not_in'] = array_map('intval', (array) $request['exclude']);
        }
        if (!empty($request['parent'])) {
            $args['post_parent__in'] = array_map('intval', (array) $request['parent']);
        }
        if (!empty($request['slug'])) {
            $args['name'] = (string) $request['slug'];
        }
        $gmt = !empty($request['dates_are_gmt']);
        $dates = [];
        foreach (['after' => ['post_date', 'after'], 'before' => ['post_date', 'before'], 'modified_after' => ['post_modified', 'after'], 'modified_before' => ['post_modified', 'before']] as $param => [$column, $side]) {
            if (!empty($request[$param])) {
                $dates[] = ['column' => $gmt ? $column . '_gmt' : $column, $side => (string) $request[$param], 'inclusive' => false];
            }
        }
        if ($dates) {
            $args['date_query'] = $dates;
        }
        $meta = [];
        if (!empty($request['sku'])) {
            $meta[] = ['key' => '_sku', 'value' => array_map('trim', explode(',', (string) $request['sku'])), 'compare' => 'IN'];
        }
        if (!empty($request['stock_status'])) {
            $meta[] = ['key' => '_stock_status', 'value' => (string) $request['stock_status']];
        }
        if ($meta) {
            $args['meta_query'] = $meta;
        }
        if (!empty($request['type'])) {
            $args['tax_query'] = [['taxonomy' => 'product_type', 'field' => 'slug', 'terms' => (string) $request['type']]];
        }
        $query = new WP_Query($args);
        $items = [];
        foreach ($query->posts as $post) {
            $items[] = self::prepareForCollection(self::data($post), $request);
        }
        $total = (int) $query->found_posts;
        $pages = (int) ceil($total / max(1, (int) $request['per_page']));
        $response = rest_ensure_response($items);
        $response->header('X-WP-Total', (string) $total);
        $response->header('X-WP-TotalPages', (string) $pages);
        $base = add_query_arg(urlencode_deep($request->get_query_params()), rest_url(self::NS . '/products'));
        $page = (int) $request['page'];
        if ($page > 1) {
            $response->link_header('prev', add_query_arg('page', min($page - 1, max(1, $pages)), $base));
        }
        if ($pages > $page) {
            $response->link_header('next', add_query_arg('page', $page + 1, $base));
        }
        return $response;
    }

    /** `_links` and the like for an item of a collection. */
    private static function prepareForCollection(array $data, WP_REST_Request $request): array
    {
        $data['_links'] = [
            'self' => [['href' => rest_url(self::NS . '/products/' . $data['id'])]],
            'collection' => [['href' => rest_url(self::NS . '/products')]],
        ];
        return $data;
    }

    private static function product(int $id): ?WP_Post
    {
        $post = get_post($id);
        return $post instanceof WP_Post && $post->post_type === 'product' && $post->post_status !== 'trash' ? $post : null;
    }

    private static function invalidId(): WP_Error
    {
        return new WP_Error('woocommerce_rest_product_invalid_id', 'Invalid ID.', ['status' => 404]);
    }

    public static function get(WP_REST_Request $request)
    {
        $post = self::product((int) $request['id']);
        if (!$post) {
            return self::invalidId();
        }
        return rest_ensure_response(self::prepareForCollection(self::data($post), $request));
    }

    private static function date(?string $mysql): ?string
    {
        if ($mysql === null || $mysql === '' || $mysql === '0000-00-00 00:00:00') {
            return null;
        }
        return str_replace(' ', 'T', $mysql);
    }

    private static function money(string $value): string
    {
        return $value === '' ? '' : (string) $value;
    }

    private static function terms(int $id, string $taxonomy): array
    {
        $terms = get_the_terms($id, $taxonomy);
        if (!is_array($terms)) {
            return [];
        }
        return array_map(fn ($t) => ['id' => (int) $t->term_id, 'name' => $t->name, 'slug' => $t->slug], $terms);
    }

    private static function image(int $attachment, int $position): ?array
    {
        $post = get_post($attachment);
        if (!$post || $post->post_type !== 'attachment') {
            return null;
        }
        return [
            'id' => $attachment,
            'date_created' => self::date($post->post_date),
            'date_created_gmt' => self::date($post->post_date_gmt),
            'date_modified' => self::date($post->post_modified),
            'date_modified_gmt' => self::date($post->post_modified_gmt),
            'src' => (string) wp_get_attachment_url($attachment),
            'name' => $post->post_title,
            'alt' => (string) get_post_meta($attachment, '_wp_attachment_image_alt', true),
        ];
    }

    /** @return int[] the product's image ids: featured first, then the gallery. */
    private static function imageIds(int $id): array
    {
        $ids = [];
        $thumb = (int) get_post_meta($id, '_thumbnail_id', true);
        if ($thumb > 0) {
            $ids[] = $thumb;
        }
        foreach (array_filter(array_map('intval', explode(',', (string) get_post_meta($id, '_product_image_gallery', true)))) as $g) {
            $ids[] = $g;
        }
        return $ids;
    }

    private static function attributes(int $id): array
    {
        $raw = get_post_meta($id, '_product_attributes', true);
        if (!is_array($raw)) {
            return [];
        }
        $out = [];
        foreach ($raw as $a) {
            $out[] = [
                'id' => 0,
                'name' => (string) ($a['name'] ?? ''),
                'position' => (int) ($a['position'] ?? 0),
                'visible' => !empty($a['is_visible']),
                'variation' => !empty($a['is_variation']),
                'options' => array_values(array_filter(array_map('trim', explode('|', (string) ($a['value'] ?? ''))), 'strlen')),
            ];
        }
        return $out;
    }

    private static function metaData(int $id): array
    {
        global $wpdb;
        $rows = $wpdb->get_results($wpdb->prepare("SELECT meta_id, meta_key, meta_value FROM {$wpdb->postmeta} WHERE post_id = %d ORDER BY meta_id", $id));
        $out = [];
        foreach ($rows as $r) {
            if (in_array($r->meta_key, self::INTERNAL_META, true) || strpos($r->meta_key, '_wp_') === 0 || strpos($r->meta_key, 'attribute_') === 0) {
                continue;
            }
            $out[] = ['id' => (int) $r->meta_id, 'key' => $r->meta_key, 'value' => maybe_unserialize($r->meta_value)];
        }
        return $out;
    }

    private static function type(int $id): string
    {
        $terms = wp_get_post_terms($id, 'product_type', ['fields' => 'slugs']);
        return is_array($terms) && $terms ? (string) $terms[0] : 'simple';
    }

    /** A product as WooCommerce's REST API documents it ("Product properties"). */
    public static function data(WP_Post $post): array
    {
        $id = $post->ID;
        $m = fn (string $key) => (string) get_post_meta($id, $key, true);
        $regular = $m('_regular_price');
        $sale = $m('_sale_price');
        $price = $m('_price') !== '' ? $m('_price') : ($sale !== '' ? $sale : $regular);
        $stock = $m('_stock');
        $type = self::type($id);
        $images = [];
        foreach (self::imageIds($id) as $n => $attachment) {
            $image = self::image($attachment, $n);
            if ($image) {
                $images[] = $image;
            }
        }
        $variations = [];
        if ($type === 'variable') {
            $variations = array_map('intval', get_posts([
                'post_type' => 'product_variation', 'post_parent' => $id, 'post_status' => ['publish', 'private'],
                'fields' => 'ids', 'numberposts' => -1, 'orderby' => 'ID', 'order' => 'ASC',
            ]));
        }
        return [
            'id' => $id,
            'name' => $post->post_title,
            'slug' => $post->post_name,
            'permalink' => (string) get_permalink($id),
            'date_created' => self::date($post->post_date),
            'date_created_gmt' => self::date($post->post_date_gmt),
            'date_modified' => self::date($post->post_modified),
            'date_modified_gmt' => self::date($post->post_modified_gmt),
            'type' => $type,
            'status' => $post->post_status,
            'featured' => false,
            'catalog_visibility' => 'visible',
            'description' => $post->post_content,
            'short_description' => $post->post_excerpt,
            'sku' => $m('_sku'),
            'global_unique_id' => $m('_global_unique_id'),
            'price' => self::money($price),
            'regular_price' => self::money($regular),
            'sale_price' => self::money($sale),
            'date_on_sale_from' => null,
            'date_on_sale_from_gmt' => null,
            'date_on_sale_to' => null,
            'date_on_sale_to_gmt' => null,
            'price_html' => $price === '' ? '' : '<span class="woocommerce-Price-amount amount">' . esc_html($price) . '</span>',
            'on_sale' => $sale !== '' && $sale !== $regular,
            'purchasable' => $price !== '',
            'total_sales' => 0,
            'virtual' => false,
            'downloadable' => false,
            'downloads' => [],
            'download_limit' => -1,
            'download_expiry' => -1,
            'external_url' => '',
            'button_text' => '',
            'tax_status' => 'taxable',
            'tax_class' => '',
            'manage_stock' => $m('_manage_stock') === 'yes',
            'stock_quantity' => $stock === '' ? null : (int) $stock,
            'stock_status' => $m('_stock_status') !== '' ? $m('_stock_status') : 'instock',
            'backorders' => 'no',
            'backorders_allowed' => false,
            'backordered' => false,
            'sold_individually' => false,
            'weight' => $m('_weight'),
            'dimensions' => ['length' => $m('_length'), 'width' => $m('_width'), 'height' => $m('_height')],
            'shipping_required' => true,
            'shipping_taxable' => true,
            'shipping_class' => '',
            'shipping_class_id' => 0,
            'reviews_allowed' => true,
            'average_rating' => '0.00',
            'rating_count' => 0,
            'related_ids' => [],
            'upsell_ids' => [],
            'cross_sell_ids' => [],
            'parent_id' => (int) $post->post_parent,
            'purchase_note' => '',
            'categories' => self::terms($id, 'product_cat'),
            'tags' => self::terms($id, 'product_tag'),
            'images' => $images,
            'attributes' => self::attributes($id),
            'default_attributes' => [],
            'variations' => $variations,
            'grouped_products' => [],
            'menu_order' => (int) $post->menu_order,
            'meta_data' => self::metaData($id),
        ];
    }

    // --- variations ----------------------------------------------------------------------------

    /** A variation as documented ("Product variation properties"). */
    private static function variationData(WP_Post $v, array $parentAttributes): array
    {
        $id = $v->ID;
        $m = fn (string $key) => (string) get_post_meta($id, $key, true);
        $regular = $m('_regular_price');
        $sale = $m('_sale_price');
        $price = $sale !== '' ? $sale : $regular;
        $attributes = [];
        foreach ($parentAttributes as $a) {
            if (!$a['variation']) {
                continue;
            }
            $value = $m('attribute_' . sanitize_title($a['name']));
            $attributes[] = ['id' => 0, 'name' => $a['name'], 'option' => $value];
        }
        $thumb = (int) $m('_thumbnail_id');
        return [
            'id' => $id,
            'date_created' => self::date($v->post_date),
            'date_created_gmt' => self::date($v->post_date_gmt),
            'date_modified' => self::date($v->post_modified),
            'date_modified_gmt' => self::date($v->post_modified_gmt),
            'description' => $m('_variation_description'),
            'permalink' => (string) get_permalink($v->post_parent),
            'sku' => $m('_sku'),
            'global_unique_id' => $m('_global_unique_id'),
            'price' => $price,
            'regular_price' => $regular,
            'sale_price' => $sale,
            'date_on_sale_from' => null,
            'date_on_sale_from_gmt' => null,
            'date_on_sale_to' => null,
            'date_on_sale_to_gmt' => null,
            'on_sale' => $sale !== '' && $sale !== $regular,
            'status' => $v->post_status,
            'purchasable' => $price !== '',
            'virtual' => false,
            'downloadable' => false,
            'downloads' => [],
            'download_limit' => -1,
            'download_expiry' => -1,
            'tax_status' => 'taxable',
            'tax_class' => '',
            'manage_stock' => false,
            'stock_quantity' => null,
            'stock_status' => $m('_stock_status') !== '' ? $m('_stock_status') : 'instock',
            'backorders' => 'no',
            'backorders_allowed' => false,
            'backordered' => false,
            'weight' => $m('_weight'),
            'dimensions' => ['length' => $m('_length'), 'width' => $m('_width'), 'height' => $m('_height')],
            'shipping_class' => '',
            'shipping_class_id' => 0,
            'image' => $thumb > 0 ? self::image($thumb, 0) : null,
            'attributes' => $attributes,
            'menu_order' => (int) $v->menu_order,
            'meta_data' => self::metaData($id),
        ];
    }

    public static function variations(WP_REST_Request $request)
    {
        $parent = self::product((int) $request['product_id']);
        if (!$parent) {
            return self::invalidId();
        }
        $perPage = (int) $request['per_page'];
        $query = new WP_Query([
            'post_type' => 'product_variation',
            'post_parent' => $parent->ID,
            'post_status' => ['publish', 'private'],
            'posts_per_page' => $perPage,
            'paged' => (int) $request['page'],
            'orderby' => ['id' => 'ID', 'date' => 'date', 'include' => 'post__in', 'title' => 'title', 'slug' => 'name', 'modified' => 'modified'][(string) $request['orderby']],
            'order' => strtoupper((string) $request['order']),
        ]);
        $attributes = self::attributes($parent->ID);
        $items = [];
        foreach ($query->posts as $v) {
            $data = self::variationData($v, $attributes);
            $data['_links'] = [
                'self' => [['href' => rest_url(self::NS . '/products/' . $parent->ID . '/variations/' . $v->ID)]],
                'collection' => [['href' => rest_url(self::NS . '/products/' . $parent->ID . '/variations')]],
                'up' => [['href' => rest_url(self::NS . '/products/' . $parent->ID)]],
            ];
            $items[] = $data;
        }
        $total = (int) $query->found_posts;
        $response = rest_ensure_response($items);
        $response->header('X-WP-Total', (string) $total);
        $response->header('X-WP-TotalPages', (string) (int) ceil($total / max(1, $perPage)));
        return $response;
    }

    public static function variation(WP_REST_Request $request)
    {
        $parent = self::product((int) $request['product_id']);
        $v = get_post((int) $request['id']);
        if (!$parent || !$v || $v->post_type !== 'product_variation' || (int) $v->post_parent !== $parent->ID) {
            return new WP_Error('woocommerce_rest_product_variation_invalid_id', 'Invalid ID.', ['status' => 404]);
        }
        return rest_ensure_response(self::variationData($v, self::attributes($parent->ID)));
    }

    // --- writing -------------------------------------------------------------------------------

    /**
     * Applies the documented writable fields of `$data` to product `$id` (new when 0). Returns the
     * product id or an error. Every save bumps the modification date.
     */
    public static function save(int $id, array $data)
    {
        $post = [];
        foreach (['name' => 'post_title', 'slug' => 'post_name', 'description' => 'post_content', 'short_description' => 'post_excerpt', 'status' => 'post_status', 'menu_order' => 'menu_order'] as $field => $column) {
            if (array_key_exists($field, $data)) {
                if (!is_scalar($data[$field])) {
                    return new WP_Error('rest_invalid_param', sprintf('Invalid parameter(s): %s', $field), ['status' => 400, 'params' => [$field => $field . ' is not of type string.']]);
                }
                $post[$column] = (string) $data[$field];
            }
        }
        if (isset($post['post_status']) && !in_array($post['post_status'], ['draft', 'pending', 'private', 'publish'], true)) {
            return new WP_Error('rest_invalid_param', 'Invalid parameter(s): status', ['status' => 400]);
        }
        // Images are checked before anything is written.
        $images = null;
        if (array_key_exists('images', $data)) {
            if (!is_array($data['images'])) {
                return new WP_Error('rest_invalid_param', 'Invalid parameter(s): images', ['status' => 400]);
            }
            $images = [];
            foreach ($data['images'] as $image) {
                $attachment = is_array($image) ? (int) ($image['id'] ?? 0) : 0;
                if ($attachment <= 0 || get_post_type($attachment) !== 'attachment') {
                    if (is_array($image) && !empty($image['src']) && $attachment <= 0) {
                        return new WP_Error('woocommerce_product_image_upload_error', 'Error getting remote image ' . $image['src'] . '.', ['status' => 400]);
                    }
                    return new WP_Error('woocommerce_product_invalid_image_id', sprintf('#%s is an invalid image ID.', $attachment), ['status' => 400]);
                }
                $images[] = ['id' => $attachment, 'alt' => is_array($image) && array_key_exists('alt', $image) ? (string) $image['alt'] : null];
            }
        }
        if (isset($data['sku']) && $data['sku'] !== '') {
            $taken = get_posts(['post_type' => ['product', 'product_variation'], 'post_status' => 'any', 'meta_key' => '_sku', 'meta_value' => (string) $data['sku'], 'fields' => 'ids', 'numberposts' => 1, 'exclude' => $id ? [$id] : []]);
            if ($taken) {
                return new WP_Error('product_invalid_sku', 'Invalid or duplicated SKU.', ['status' => 400, 'resource_id' => (int) $taken[0]]);
            }
        }
        if ($id === 0) {
            if (empty($post['post_title'])) {
                $post['post_title'] = 'Product';
            }
            $id = wp_insert_post(wp_slash(array_merge(['post_type' => 'product', 'post_status' => 'publish'], $post)), true);
            if (is_wp_error($id)) {
                return $id;
            }
            wp_set_object_terms($id, (string) ($data['type'] ?? 'simple'), 'product_type');
        }
        foreach (['sku' => '_sku', 'regular_price' => '_regular_price', 'sale_price' => '_sale_price', 'global_unique_id' => '_global_unique_id', 'stock_status' => '_stock_status', 'weight' => '_weight'] as $field => $key) {
            if (array_key_exists($field, $data)) {
                update_post_meta($id, $key, wc_clean_scalar($data[$field]));
            }
        }
        if (array_key_exists('regular_price', $data) || array_key_exists('sale_price', $data)) {
            $sale = (string) get_post_meta($id, '_sale_price', true);
            update_post_meta($id, '_price', $sale !== '' ? $sale : (string) get_post_meta($id, '_regular_price', true));
        }
        if (isset($data['dimensions']) && is_array($data['dimensions'])) {
            foreach (['length', 'width', 'height'] as $d) {
                if (array_key_exists($d, $data['dimensions'])) {
                    update_post_meta($id, '_' . $d, wc_clean_scalar($data['dimensions'][$d]));
                }
            }
        }
        foreach (['categories' => 'product_cat', 'tags' => 'product_tag'] as $field => $taxonomy) {
            if (isset($data[$field]) && is_array($data[$field])) {
                $ids = array_values(array_filter(array_map(fn ($t) => is_array($t) ? (int) ($t['id'] ?? 0) : 0, $data[$field])));
                wp_set_object_terms($id, $ids, $taxonomy);
            }
        }
        if (isset($data['meta_data']) && is_array($data['meta_data'])) {
            foreach ($data['meta_data'] as $meta) {
                if (!is_array($meta) || !isset($meta['key']) || !is_string($meta['key']) || in_array($meta['key'], self::INTERNAL_META, true)) {
                    continue;
                }
                if (array_key_exists('value', $meta) && $meta['value'] !== null) {
                    update_post_meta($id, wp_slash($meta['key']), wp_slash($meta['value']));
                } else {
                    delete_post_meta($id, $meta['key']);
                }
            }
        }
        if ($images !== null) {
            $first = array_shift($images);
            update_post_meta($id, '_thumbnail_id', $first ? $first['id'] : '');
            update_post_meta($id, '_product_image_gallery', implode(',', array_map(fn ($i) => $i['id'], $images)));
            foreach (array_merge($first ? [$first] : [], $images) as $image) {
                if ($image['alt'] !== null) {
                    update_post_meta($image['id'], '_wp_attachment_image_alt', wp_slash($image['alt']));
                }
            }
        }
        // The post fields, and the modification date in any case.
        $post['ID'] = $id;
        $post['post_modified'] = current_time('mysql');
        $post['post_modified_gmt'] = current_time('mysql', true);
        $updated = wp_update_post(wp_slash($post), true);
        if (is_wp_error($updated)) {
            return $updated;
        }
        clean_post_cache($id);
        return $id;
    }

    public static function create(WP_REST_Request $request)
    {
        if (!empty($request['id'])) {
            return new WP_Error('woocommerce_rest_product_exists', sprintf('Cannot create existing %s.', 'product'), ['status' => 400]);
        }
        $id = self::save(0, $request->get_json_params() ?: $request->get_body_params());
        if (is_wp_error($id)) {
            return $id;
        }
        $response = rest_ensure_response(self::data(get_post($id)));
        $response->set_status(201);
        return $response;
    }

    public static function update(WP_REST_Request $request)
    {
        $post = self::product((int) $request['id']);
        if (!$post) {
            return self::invalidId();
        }
        $data = $request->get_json_params() ?: $request->get_body_params();
        unset($data['id']);
        $id = self::save($post->ID, is_array($data) ? $data : []);
        if (is_wp_error($id)) {
            return $id;
        }
        return rest_ensure_response(self::data(get_post($id)));
    }

    public static function delete(WP_REST_Request $request)
    {
        $post = self::product((int) $request['id']);
        if (!$post) {
            return self::invalidId();
        }
        $previous = self::data($post);
        if ($request['force']) {
            wp_delete_post($post->ID, true);
        } else {
            wp_trash_post($post->ID);
        }
        return rest_ensure_response($previous);
    }

    /** `POST products/batch`: create, update, delete; at most 100 objects in all. */
    public static function batch(WP_REST_Request $request)
    {
        $body = $request->get_json_params() ?: $request->get_body_params();
        $total = 0;
        foreach (['create', 'update', 'delete'] as $part) {
            if (isset($body[$part])) {
                if (!is_array($body[$part])) {
                    return new WP_Error('rest_invalid_param', sprintf('Invalid parameter(s): %s', $part), ['status' => 400, 'params' => [$part => $part . ' is not of type array.']]);
                }
                $total += count($body[$part]);
            }
        }
        if ($total > self::BATCH_LIMIT) {
            return new WP_Error('woocommerce_rest_request_entity_too_large', sprintf('Unable to accept more than %s items for this request.', self::BATCH_LIMIT), ['status' => 413]);
        }
        $out = [];
        $error = fn ($id, WP_Error $e) => ['id' => $id, 'error' => ['code' => $e->get_error_code(), 'message' => $e->get_error_message(), 'data' => $e->get_error_data()]];
        if (isset($body['create'])) {
            $out['create'] = [];
            foreach ($body['create'] as $item) {
                $id = is_array($item) ? self::save(0, $item) : new WP_Error('rest_invalid_param', 'Invalid parameter(s): create', ['status' => 400]);
                $out['create'][] = is_wp_error($id) ? $error(0, $id) : self::data(get_post($id));
            }
        }
        if (isset($body['update'])) {
            $out['update'] = [];
            foreach ($body['update'] as $item) {
                $id = is_array($item) ? (int) ($item['id'] ?? 0) : 0;
                $post = self::product($id);
                if (!$post) {
                    $out['update'][] = $error($id, self::invalidId());
                    continue;
                }
                if (!current_user_can('edit_product', $post->ID)) {
                    $out['update'][] = $error($id, new WP_Error('woocommerce_rest_cannot_edit', 'Sorry, you are not allowed to edit this resource.', ['status' => rest_authorization_required_code()]));
                    continue;
                }
                unset($item['id']);
                $saved = self::save($post->ID, $item);
                $out['update'][] = is_wp_error($saved) ? $error($id, $saved) : self::data(get_post($saved));
            }
        }
        if (isset($body['delete'])) {
            $out['delete'] = [];
            foreach ($body['delete'] as $id) {
                $id = (int) $id;
                if ($id === 0) {
                    continue;
                }
                $post = self::product($id);
                if (!$post) {
                    $out['delete'][] = $error($id, self::invalidId());
                    continue;
                }
                $previous = self::data($post);
                wp_delete_post($id, true);
                $out['delete'][] = $previous;
            }
        }
        return rest_ensure_response($out);
    }
}

/** A scalar as a trimmed string (WooCommerce's wc_clean for a scalar). */
function wc_clean_scalar($value): string
{
    return is_scalar($value) ? sanitize_text_field((string) $value) : '';
}
