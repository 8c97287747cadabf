<?php

/**
 * Test-only: the slice of WooCommerce's product API that the proseo plugin calls
 * (wc_get_product() and WC_Product's getters), read from the same post data and meta keys
 * WooCommerce uses. Loaded by the stand-in mu-plugin when PROSEO_TEST_WC_API=1.
 */

if (!defined('ABSPATH')) {
    exit;
}

class WC_Product_Attribute
{
    private array $data;

    public function __construct(array $data)
    {
        $this->data = $data;
    }

    public function get_name(): string
    {
        return (string) ($this->data['name'] ?? '');
    }

    public function get_options(): array
    {
        $value = (string) ($this->data['value'] ?? '');
        return array_values(array_filter(array_map('trim', explode('|', $value)), 'strlen'));
    }

    public function get_visible(): bool
    {
        return !empty($this->data['is_visible']);
    }

    public function get_variation(): bool
    {
        return !empty($this->data['is_variation']);
    }

    public function is_taxonomy(): bool
    {
        return !empty($this->data['is_taxonomy']);
    }
}

class WC_Product
{
    private WP_Post $post;

    public function __construct(WP_Post $post)
    {
        $this->post = $post;
    }

    private function meta(string $key): string
    {
        return (string) get_post_meta($this->post->ID, $key, true);
    }

    public function get_id(): int
    {
        return $this->post->ID;
    }

    public function get_name(): string
    {
        return $this->post->post_title;
    }

    public function get_type(): string
    {
        return 'simple';
    }

    public function get_sku(): string
    {
        return $this->meta('_sku');
    }

    public function get_global_unique_id(): string
    {
        return $this->meta('_global_unique_id');
    }

    public function get_description(): string
    {
        return $this->post->post_content;
    }

    public function get_short_description(): string
    {
        return $this->post->post_excerpt;
    }

    public function get_regular_price(): string
    {
        return $this->meta('_regular_price');
    }

    public function get_sale_price(): string
    {
        return $this->meta('_sale_price');
    }

    public function get_category_ids(): array
    {
        return wp_get_post_terms($this->post->ID, 'product_cat', ['fields' => 'ids']);
    }

    public function get_tag_ids(): array
    {
        return wp_get_post_terms($this->post->ID, 'product_tag', ['fields' => 'ids']);
    }

    public function get_image_id(): int
    {
        return (int) get_post_thumbnail_id($this->post);
    }

    public function get_gallery_image_ids(): array
    {
        return array_values(array_filter(array_map('intval', explode(',', $this->meta('_product_image_gallery')))));
    }

    public function get_weight(): string
    {
        return $this->meta('_weight');
    }

    public function get_stock_status(): string
    {
        return $this->meta('_stock_status') ?: 'instock';
    }

    public function get_permalink(): string
    {
        return (string) get_permalink($this->post);
    }

    /** @return WC_Product_Attribute[] */
    public function get_attributes(): array
    {
        $raw = get_post_meta($this->post->ID, '_product_attributes', true);
        $out = [];
        foreach (is_array($raw) ? $raw : [] as $key => $data) {
            $out[$key] = new WC_Product_Attribute($data);
        }
        return $out;
    }
}

function wc_get_product($id)
{
    $post = get_post($id);
    return $post && $post->post_type === 'product' ? new WC_Product($post) : false;
}
