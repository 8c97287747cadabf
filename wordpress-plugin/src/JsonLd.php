<?php

namespace Proseo;

use WP_Error;

/**
 * schema.org Product JSON-LD on the front-end product page, built by proseo's core (the npm
 * package's `proseo/prompt` `jsonLd()`, run in the merchant's browser by the product panel when
 * the product is opened after a save, or after an accept/undo) and stored in the post meta
 * `_proseo_jsonld` with the rich-result checks and a fingerprint of the product data it was
 * built from.
 *
 * Why the browser and not the edge API: the edge API's JSON-LD routes are not on main yet, and
 * the browser already runs the core for the panel's scores; it needs no API key or quota, and
 * the page view never waits for a remote call. The price of it: JSON-LD is rebuilt only when the
 * product is opened in the editor. So the page outputs it only while the fingerprint still
 * matches the product (name, description, price, stock, images, URL…): a product changed
 * elsewhere (an import, the REST API, stock going down with a sale) shows none until it is
 * opened again, rather than a stale price, which Google treats as a mismatch.
 *
 * Output only when the `jsonld` setting is on and no other plugin outputs Product schema
 * (Yoast WooCommerce SEO, Rank Math, WooCommerce's own structured data; filter
 * `proseo_jsonld_emitter`), escaped so nothing in the data can end the script element
 * (JSON_HEX_TAG: `<` and `>` as \u003C and \u003E) or start an HTML comment.
 */
final class JsonLd
{
    public const META = '_proseo_jsonld';
    /** Largest JSON-LD stored (encoded bytes), and deepest nesting. */
    public const MAX_BYTES = 65536;
    public const MAX_DEPTH = 12;
    public const FLAGS = JSON_HEX_TAG | JSON_HEX_AMP | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE;

    private Settings $settings;
    private ProductData $products;

    public function __construct(Settings $settings, ProductData $products)
    {
        $this->settings = $settings;
        $this->products = $products;
    }

    /**
     * The core's input for this product: proseo's Product JSON (without the keyphrase, which
     * the markup does not use) and JsonLdOptions.
     *
     * @return array{product: array<string, mixed>, options: array<string, string>}
     */
    public function input(int $postId): array
    {
        $product = (array) $this->products->product($postId);
        unset($product['keyphrase']);
        $options = array_filter([
            'url' => (string) get_permalink($postId),
            'currency' => (string) ($product['currency'] ?? ''),
        ], 'strlen');
        return ['product' => $product, 'options' => $options];
    }

    /** SHA-256 of the core's input: stored JSON-LD is current while this stays the same. */
    public static function fingerprint(array $input): string
    {
        return hash('sha256', (string) wp_json_encode($input));
    }

    /**
     * The plugin that already outputs Product schema on product pages, or '' when none does.
     */
    public function emitter(): string
    {
        $emitter = '';
        if (defined('WPSEO_WOO_VERSION') || class_exists('Yoast_WooCommerce_SEO')) {
            $emitter = 'Yoast WooCommerce SEO';
        } elseif (defined('RANK_MATH_VERSION') || class_exists('RankMath')) {
            // Rank Math's schema module outputs Product for WooCommerce products (free version too).
            $emitter = 'Rank Math';
        } elseif (self::wooCommerceEmits()) {
            $emitter = 'WooCommerce';
        }
        /**
         * Filters which plugin already outputs Product structured data ('' = none, and proseo
         * outputs its own).
         *
         * @param string $emitter Detected plugin name, or ''.
         */
        return (string) apply_filters('proseo_jsonld_emitter', $emitter);
    }

    /**
     * WooCommerce's own structured data: WC_Structured_Data::generate_product_data hooked to
     * the single product summary (its default; SEO plugins that replace it unhook it).
     */
    private static function wooCommerceEmits(): bool
    {
        global $wp_filter;
        $hook = $wp_filter['woocommerce_single_product_summary'] ?? null;
        if (!$hook instanceof \WP_Hook) {
            return false;
        }
        foreach ($hook->callbacks as $callbacks) {
            foreach ($callbacks as $callback) {
                $fn = $callback['function'] ?? null;
                if (is_array($fn) && ($fn[1] ?? '') === 'generate_product_data') {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return array<string, mixed>|null the stored JSON-LD: json_ld, checks, eligible, hash, time */
    public function stored(int $postId): ?array
    {
        $stored = get_post_meta($postId, self::META, true);
        return is_array($stored) && is_array($stored['json_ld'] ?? null) ? $stored : null;
    }

    /** What the product panel needs: the setting, the other emitter, the input and the stored markup. */
    public function state(int $postId): array
    {
        $input = $this->input($postId);
        $hash = self::fingerprint($input);
        $stored = $this->stored($postId);
        return [
            'enabled' => (bool) $this->settings->get('jsonld'),
            'emitter' => $this->emitter(),
            'input' => $input,
            'hash' => $hash,
            'stored' => $stored,
            'fresh' => $stored !== null && hash_equals((string) ($stored['hash'] ?? ''), $hash),
        ];
    }

    /**
     * Stores JSON-LD the core built from the input whose fingerprint is $hash; refused when the
     * product changed since (409), or when it is not a schema.org Product within the bounds.
     *
     * @param mixed $jsonLd
     * @param mixed $checks
     * @return array<string, mixed>|WP_Error the new state
     */
    public function store(int $postId, $jsonLd, $checks, bool $eligible, string $hash)
    {
        $invalid = self::validate($jsonLd);
        if ($invalid) {
            return $invalid;
        }
        if (!hash_equals(self::fingerprint($this->input($postId)), $hash)) {
            return new WP_Error(
                'proseo_jsonld_stale',
                __('The product changed while its structured data was built. Reload the page.', 'proseo'),
                ['status' => 409]
            );
        }
        $issues = is_array($checks) && is_array($checks['issues'] ?? null) ? $checks['issues'] : [];
        $clean = [];
        foreach (array_slice($issues, 0, 50) as $issue) {
            if (is_array($issue)) {
                $clean[] = [
                    'code' => sanitize_key((string) ($issue['code'] ?? '')),
                    'severity' => sanitize_key((string) ($issue['severity'] ?? '')),
                    'message' => sanitize_text_field((string) ($issue['message'] ?? '')),
                    'path' => sanitize_text_field((string) ($issue['path'] ?? '')),
                ];
            }
        }
        update_post_meta($postId, self::META, wp_slash([
            'json_ld' => $jsonLd,
            'checks' => ['issues' => $clean],
            'eligible' => $eligible,
            'hash' => $hash,
            'time' => gmdate('c'),
        ]));
        return $this->state($postId);
    }

    /** @param mixed $jsonLd */
    public static function validate($jsonLd): ?WP_Error
    {
        $encoded = is_array($jsonLd) ? wp_json_encode($jsonLd, self::FLAGS, self::MAX_DEPTH) : false;
        $context = is_array($jsonLd) ? (string) ($jsonLd['@context'] ?? '') : '';
        $ok = $encoded !== false
            && strlen($encoded) <= self::MAX_BYTES
            && preg_match('#^https?://schema\.org/?$#', $context)
            && ($jsonLd['@type'] ?? '') === 'Product';
        return $ok ? null : new WP_Error(
            'proseo_jsonld_invalid',
            __('This is not a schema.org Product within proseo\'s limits.', 'proseo'),
            ['status' => 422]
        );
    }

    /** `wp_head`: the product page's JSON-LD, when proseo should output it and it is current. */
    public function output(): void
    {
        if (!is_singular('product') || !$this->settings->get('jsonld') || $this->emitter() !== '') {
            return;
        }
        $postId = (int) get_queried_object_id();
        $stored = $this->stored($postId);
        if (!$stored || !hash_equals((string) ($stored['hash'] ?? ''), self::fingerprint($this->input($postId)))) {
            return;
        }
        if (wp_json_encode($stored['json_ld'], self::FLAGS, self::MAX_DEPTH) === false) {
            return;
        }
        // JSON with `<`, `>` and `&` as \u escapes: nothing in it can end the element.
        echo '<script type="application/ld+json">'
            . wp_json_encode($stored['json_ld'], self::FLAGS, self::MAX_DEPTH)
            . '</script>';
    }
}
