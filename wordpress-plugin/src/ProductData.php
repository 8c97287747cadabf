<?php

namespace Proseo;

/**
 * A WooCommerce product as proseo's `Product` JSON (the core's wire shape: name, sku, gtin,
 * description, short_description, regular_price, sale_price, currency, categories, tags,
 * attributes, images, url, language (the product's own, see Language), keyphrase). Uses
 * WooCommerce's API (wc_get_product) when it is loaded, and WordPress's post, term and meta APIs
 * for the `product` post type otherwise: both read the same data.
 */
final class ProductData
{
    private Settings $settings;
    private Language $language;

    public function __construct(Settings $settings, Language $language)
    {
        $this->settings = $settings;
        $this->language = $language;
    }

    public static function isProduct(int $postId): bool
    {
        return get_post_type($postId) === 'product';
    }

    /** @return array<string, mixed>|null null when the post is not a product. */
    public function product(int $postId, string $keyphrase = ''): ?array
    {
        if (!self::isProduct($postId)) {
            return null;
        }
        $wc = function_exists('wc_get_product') ? wc_get_product($postId) : null;
        $product = $wc ? $this->fromWooCommerce($wc) : $this->fromPost($postId);
        $product['id'] = (string) $postId;
        $product['currency'] = self::currency();
        $product['language'] = $this->language->tag($postId);
        if ($keyphrase !== '') {
            $product['keyphrase'] = $keyphrase;
        }
        return self::compact($product);
    }

    /** @param object $p a WC_Product */
    private function fromWooCommerce($p): array
    {
        $attributes = [];
        foreach ($p->get_attributes() as $attribute) {
            if (!is_object($attribute)) {
                continue;
            }
            $values = $attribute->get_options();
            if ($attribute->is_taxonomy()) {
                $values = array_map(static function ($id): string {
                    $term = get_term((int) $id);
                    return $term && !is_wp_error($term) ? $term->name : '';
                }, $values);
                $name = function_exists('wc_attribute_label')
                    ? wc_attribute_label($attribute->get_name())
                    : $attribute->get_name();
            } else {
                $name = $attribute->get_name();
            }
            $attributes[] = self::attribute($name, $values, $attribute->get_visible(), $attribute->get_variation());
        }
        $imageIds = array_merge([(int) $p->get_image_id()], array_map('intval', $p->get_gallery_image_ids()));
        return [
            'name' => $p->get_name(),
            'sku' => $p->get_sku(),
            'gtin' => method_exists($p, 'get_global_unique_id') ? $p->get_global_unique_id() : '',
            'description' => $p->get_description(),
            'short_description' => $p->get_short_description(),
            'regular_price' => $p->get_regular_price(),
            'sale_price' => $p->get_sale_price(),
            'categories' => self::termNames($p->get_category_ids()),
            'tags' => self::termNames($p->get_tag_ids()),
            'attributes' => $attributes,
            'images' => self::images($imageIds),
            'url' => $p->get_permalink(),
            'weight' => $p->get_weight(),
            'in_stock' => $p->get_stock_status() !== 'outofstock',
        ];
    }

    private function fromPost(int $postId): array
    {
        $post = get_post($postId);
        $meta = static function (string $key) use ($postId): string {
            return (string) get_post_meta($postId, $key, true);
        };
        $attributes = [];
        $raw = get_post_meta($postId, '_product_attributes', true);
        foreach (is_array($raw) ? $raw : [] as $data) {
            if (!is_array($data)) {
                continue;
            }
            $name = (string) ($data['name'] ?? '');
            if (!empty($data['is_taxonomy'])) {
                $terms = wp_get_post_terms($postId, $name, ['fields' => 'names']);
                $values = is_wp_error($terms) ? [] : $terms;
                $taxonomy = get_taxonomy($name);
                $name = $taxonomy ? $taxonomy->labels->singular_name : preg_replace('/^pa_/', '', $name);
            } else {
                $values = explode('|', (string) ($data['value'] ?? ''));
            }
            $attributes[] = self::attribute($name, $values, !empty($data['is_visible']), !empty($data['is_variation']));
        }
        $gallery = array_filter(array_map('intval', explode(',', $meta('_product_image_gallery'))));
        $stock = $meta('_stock_status');
        return [
            'name' => $post->post_title,
            'sku' => $meta('_sku'),
            'gtin' => $meta('_global_unique_id'),
            'description' => $post->post_content,
            'short_description' => $post->post_excerpt,
            'regular_price' => $meta('_regular_price'),
            'sale_price' => $meta('_sale_price'),
            'categories' => self::termNames(wp_get_post_terms($postId, 'product_cat', ['fields' => 'ids'])),
            'tags' => self::termNames(wp_get_post_terms($postId, 'product_tag', ['fields' => 'ids'])),
            'attributes' => $attributes,
            'images' => self::images(array_merge([(int) get_post_thumbnail_id($postId)], $gallery)),
            'url' => (string) get_permalink($postId),
            'weight' => $meta('_weight'),
            'in_stock' => $stock === '' ? null : $stock !== 'outofstock',
        ];
    }

    private static function attribute(string $name, array $values, bool $visible, bool $variation): array
    {
        $values = array_values(array_filter(array_map(static function ($v): string {
            return trim(wp_strip_all_tags((string) $v));
        }, $values), 'strlen'));
        return ['name' => trim($name), 'values' => $values, 'visible' => $visible, 'variation' => $variation];
    }

    /** @param mixed $ids */
    private static function termNames($ids): array
    {
        if (!is_array($ids)) {
            return [];
        }
        $names = [];
        foreach ($ids as $id) {
            $term = get_term((int) $id);
            if ($term && !is_wp_error($term)) {
                $names[] = html_entity_decode($term->name, ENT_QUOTES, 'UTF-8');
            }
        }
        return $names;
    }

    /**
     * The product's image attachments in the order proseo lists them to the edge API (and the
     * model writes alt texts in): the featured image, then the gallery; each once, only those
     * with a file URL. Keyed by that URL, which is how a generated alt text finds its image.
     *
     * @return array<string, int> attachment URL => attachment ID
     */
    public static function imageAttachments(int $postId): array
    {
        $wc = function_exists('wc_get_product') ? wc_get_product($postId) : null;
        if ($wc) {
            $ids = array_merge([(int) $wc->get_image_id()], array_map('intval', $wc->get_gallery_image_ids()));
        } else {
            $gallery = (string) get_post_meta($postId, '_product_image_gallery', true);
            $ids = array_merge([(int) get_post_thumbnail_id($postId)], array_map('intval', explode(',', $gallery)));
        }
        $out = [];
        foreach (array_unique(array_filter($ids)) as $id) {
            $src = wp_get_attachment_url($id);
            if ($src && !isset($out[$src])) {
                $out[$src] = (int) $id;
            }
        }
        return $out;
    }

    /** @param int[] $ids */
    private static function images(array $ids): array
    {
        $images = [];
        foreach (array_unique(array_filter($ids)) as $id) {
            $src = wp_get_attachment_url($id);
            if ($src) {
                $alt = (string) get_post_meta($id, '_wp_attachment_image_alt', true);
                $images[] = $alt !== '' ? ['src' => $src, 'alt' => $alt] : ['src' => $src];
            }
        }
        return $images;
    }

    private static function currency(): string
    {
        if (function_exists('get_woocommerce_currency')) {
            return (string) get_woocommerce_currency();
        }
        return (string) get_option('woocommerce_currency', '');
    }

    /** Drops empty strings, empty lists and nulls: the core treats absent and empty alike. */
    private static function compact(array $product): array
    {
        return array_filter($product, static function ($value): bool {
            return !($value === null || $value === '' || $value === []);
        });
    }
}
