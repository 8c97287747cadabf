<?php

namespace Proseo;

use WP_Error;

/**
 * Writes accepted content into a product, and undoes that.
 *
 * Accept writes the long description (post_content, through wp_kses_post), the short
 * description (post_excerpt, same), and the SEO title, meta description and focus keyphrase
 * into the active SEO plugin's meta (SeoMeta). Shortcodes and embedded media of the current
 * description that the new one lacks are appended to it, and reported. The values it replaces
 * are kept in the post meta `_proseo_revision`; undo() puts them back exactly (a meta key that
 * did not exist is deleted again).
 *
 * Generated image alt texts go to the media library (each attachment's
 * `_wp_attachment_image_alt`): the n-th alt text to the image that was n-th in the generation
 * input (featured image, then gallery), found by its URL among the product's current images,
 * so a reordered or removed image never gets another image's text. An alt text the merchant
 * wrote is kept unless they chose to replace it (the `overwrite_alt` setting, or the choice
 * given with an accept); each attachment is written only if the user may edit it. Undo puts
 * the previous alt texts back too.
 */
final class ContentWriter
{
    public const SUGGESTION = '_proseo_suggestion';
    public const REVISION = '_proseo_revision';
    public const ALT_META = '_wp_attachment_image_alt';
    /** The core's bound on alt texts in one GeneratedContent (`content::MAX_IMAGE_ALTS`). */
    public const MAX_IMAGE_ALTS = 1000;

    private SeoMeta $seo;

    public function __construct(SeoMeta $seo)
    {
        $this->seo = $seo;
    }

    /** @return array<string, mixed>|null */
    public function suggestion(int $postId): ?array
    {
        $suggestion = get_post_meta($postId, self::SUGGESTION, true);
        return is_array($suggestion) ? $suggestion : null;
    }

    public function saveSuggestion(int $postId, array $suggestion): void
    {
        update_post_meta($postId, self::SUGGESTION, wp_slash($suggestion));
    }

    public function discard(int $postId): bool
    {
        return delete_post_meta($postId, self::SUGGESTION);
    }

    public function hasRevision(int $postId): bool
    {
        return is_array(get_post_meta($postId, self::REVISION, true));
    }

    /**
     * The content fields proseo writes, sanitized: description and short_description with
     * wp_kses_post (no scripts, event attributes or javascript: URLs), the rest as plain text.
     *
     * image_alt is a list of plain-text strings (at most MAX_IMAGE_ALTS, the core's bound).
     *
     * @param array<string, mixed> $content GeneratedContent (or a part of it)
     * @return array{description: string, short_description: string, seo_title: string,
     *     meta_description: string, image_alt: string[]}
     */
    public static function sanitize(array $content): array
    {
        $alts = is_array($content['image_alt'] ?? null) ? array_values($content['image_alt']) : [];
        return [
            'description' => trim(wp_kses_post((string) ($content['description'] ?? ''))),
            'short_description' => trim(wp_kses_post((string) ($content['short_description'] ?? ''))),
            'seo_title' => sanitize_text_field((string) ($content['seo_title'] ?? '')),
            'meta_description' => sanitize_text_field((string) ($content['meta_description'] ?? '')),
            'image_alt' => array_map(static function ($alt): string {
                return is_scalar($alt) ? sanitize_text_field((string) $alt) : '';
            }, array_slice($alts, 0, self::MAX_IMAGE_ALTS)),
        ];
    }

    /**
     * The image URLs of a generation input (`product.images[].src`), in order.
     *
     * @param mixed $product proseo's Product JSON
     * @return string[]
     */
    public static function imageSources($product): array
    {
        $images = is_array($product) && is_array($product['images'] ?? null) ? $product['images'] : [];
        $srcs = [];
        foreach (array_slice(array_values($images), 0, self::MAX_IMAGE_ALTS) as $image) {
            $srcs[] = is_array($image) && is_string($image['src'] ?? null) ? $image['src'] : '';
        }
        return $srcs;
    }

    /**
     * What writing $alts would do to the product's images: for each alt text of an image that
     * is still the product's, its attachment and whether it would be written or kept.
     *
     * @param string[] $alts   sanitized alt texts, in the generation input's image order
     * @param string[] $srcs   the generation input's image URLs, same order
     * @return array<int, array{attachment: int, alt: string, current: string, action: string}>
     *         action: `write`, `kept` (the merchant's alt text stays), `forbidden` (no
     *         permission), `same` (already that text)
     */
    public static function altPlan(int $postId, array $alts, array $srcs, bool $overwrite): array
    {
        $attachments = ProductData::imageAttachments($postId);
        $plan = [];
        foreach ($alts as $n => $alt) {
            $src = $srcs[$n] ?? '';
            if ($alt === '' || $src === '' || !isset($attachments[$src])) {
                continue;
            }
            $id = $attachments[$src];
            $current = (string) get_post_meta($id, self::ALT_META, true);
            if ($current === $alt) {
                $action = 'same';
            } elseif (!current_user_can('edit_post', $id)) {
                $action = 'forbidden';
            } elseif (trim($current) !== '' && !$overwrite) {
                $action = 'kept';
            } else {
                $action = 'write';
            }
            $plan[] = ['attachment' => $id, 'alt' => $alt, 'current' => $current, 'action' => $action];
        }
        return $plan;
    }

    /**
     * Shortcodes and embedded media (img, video, audio, iframe, embed, object, figure, a URL on
     * its own line for oEmbed) in $old that $new does not contain.
     *
     * @return string[]
     */
    public static function missingEmbeds(string $old, string $new): array
    {
        $found = [];
        if (preg_match_all('/' . get_shortcode_regex() . '/s', $old, $m)) {
            $found = array_merge($found, $m[0]);
        }
        $withoutFigures = preg_replace('#<figure\b.*?</figure>#is', '', $old);
        if (preg_match_all('#<figure\b.*?</figure>#is', $old, $m)) {
            $found = array_merge($found, $m[0]);
        }
        $media = '#<(video|audio|iframe|object)\b.*?</\1>|<(img|embed)\b[^>]*>#is';
        if (preg_match_all($media, (string) $withoutFigures, $m)) {
            $found = array_merge($found, $m[0]);
        }
        if (preg_match_all('#^\s*(https?://[^\s<>"]+)\s*$#m', $old, $m)) {
            $found = array_merge($found, $m[1]);
        }
        return array_values(array_filter(array_unique($found), static function (string $item) use ($new): bool {
            return strpos($new, $item) === false;
        }));
    }

    /**
     * Writes $content into the product.
     *
     * $images: the generation input's image URLs in order (ContentWriter::imageSources), which
     * the alt texts follow. $overwriteAlt: replace alt texts the merchant wrote (null: the
     * `overwrite_alt` setting).
     *
     * @param array<string, mixed> $content GeneratedContent fields
     * @param string[] $images
     * @return array{fields: array<string, mixed>, preserved: string[],
     *     alts: array{written: int, kept: int, forbidden: int}}|WP_Error
     */
    public function accept(
        int $postId,
        array $content,
        string $keyphrase = '',
        array $images = [],
        ?bool $overwriteAlt = null
    ) {
        $post = get_post($postId);
        if (!$post || $post->post_type !== 'product') {
            return new WP_Error('proseo_not_a_product', __('This is not a product.', 'proseo'), ['status' => 404]);
        }
        $fields = self::sanitize($content);
        if ($fields['description'] === '') {
            return new WP_Error(
                'proseo_empty_content',
                __('The suggestion has no description to write.', 'proseo'),
                ['status' => 422]
            );
        }
        $preserved = self::missingEmbeds($post->post_content, $fields['description']);
        if ($preserved) {
            $fields['description'] .= "\n\n" . implode("\n\n", $preserved);
        }
        $fields['keyphrase'] = sanitize_text_field($keyphrase);

        $keys = $this->seo->keys();
        $overwrite = $overwriteAlt ?? (bool) (new Settings())->get('overwrite_alt');
        $plan = self::altPlan($postId, $fields['image_alt'], $images, $overwrite);
        $previous = [
            'post_content' => $post->post_content,
            'post_excerpt' => $post->post_excerpt,
            'alts' => [],
            'meta' => [],
            'target' => $this->seo->target(),
            'user_id' => get_current_user_id(),
            'time' => time(),
        ];
        foreach ($keys as $key) {
            $previous['meta'][$key] = metadata_exists('post', $postId, $key)
                ? get_post_meta($postId, $key, true)
                : null;
        }

        /**
         * Fires before proseo writes accepted content into a product.
         *
         * @param int   $postId Product ID.
         * @param array $fields Sanitized fields: description, short_description, seo_title,
         *                      meta_description, keyphrase.
         */
        do_action('proseo_before_save', $postId, $fields);

        $update = ['ID' => $postId, 'post_content' => $fields['description']];
        if ($fields['short_description'] !== '') {
            $update['post_excerpt'] = $fields['short_description'];
        }
        $result = wp_update_post(wp_slash($update), true);
        if (is_wp_error($result)) {
            return new WP_Error('proseo_save_failed', $result->get_error_message(), ['status' => 500]);
        }
        $slots = ['seo_title' => 'title', 'meta_description' => 'description', 'keyphrase' => 'keyphrase'];
        foreach ($slots as $field => $slot) {
            if ($fields[$field] !== '') {
                update_post_meta($postId, $keys[$slot], wp_slash($fields[$field]));
            }
        }
        $alts = ['written' => 0, 'kept' => 0, 'forbidden' => 0];
        foreach ($plan as $step) {
            if ($step['action'] === 'write') {
                $previous['alts'][$step['attachment']] = metadata_exists('post', $step['attachment'], self::ALT_META)
                    ? $step['current']
                    : null;
                update_post_meta($step['attachment'], self::ALT_META, wp_slash($step['alt']));
                $alts['written']++;
            } elseif (isset($alts[$step['action']])) {
                $alts[$step['action']]++;
            }
        }
        update_post_meta($postId, self::REVISION, wp_slash($previous));
        delete_post_meta($postId, self::SUGGESTION);

        /**
         * Fires after proseo wrote accepted content into a product.
         *
         * @param int   $postId   Product ID.
         * @param array $fields   The fields written (see proseo_before_save).
         * @param array $previous The values replaced: post_content, post_excerpt, meta.
         */
        do_action('proseo_content_saved', $postId, $fields, $previous);
        return ['fields' => $fields, 'preserved' => $preserved, 'alts' => $alts];
    }

    /**
     * Restores the values the last accept replaced.
     *
     * @return array{post_content: string, post_excerpt: string}|WP_Error
     */
    public function undo(int $postId)
    {
        $previous = get_post_meta($postId, self::REVISION, true);
        if (!is_array($previous) || !isset($previous['post_content'])) {
            return new WP_Error(
                'proseo_nothing_to_undo',
                __('There is nothing to undo for this product.', 'proseo'),
                ['status' => 409]
            );
        }
        $result = wp_update_post(wp_slash([
            'ID' => $postId,
            'post_content' => (string) $previous['post_content'],
            'post_excerpt' => (string) $previous['post_excerpt'],
        ]), true);
        if (is_wp_error($result)) {
            return new WP_Error('proseo_save_failed', $result->get_error_message(), ['status' => 500]);
        }
        foreach ((array) ($previous['meta'] ?? []) as $key => $value) {
            if ($value === null) {
                delete_post_meta($postId, (string) $key);
            } else {
                update_post_meta($postId, (string) $key, wp_slash($value));
            }
        }
        foreach ((array) ($previous['alts'] ?? []) as $attachment => $alt) {
            $attachment = (int) $attachment;
            if (get_post_type($attachment) !== 'attachment' || !current_user_can('edit_post', $attachment)) {
                continue;
            }
            if ($alt === null) {
                delete_post_meta((int) $attachment, self::ALT_META);
            } else {
                update_post_meta((int) $attachment, self::ALT_META, wp_slash((string) $alt));
            }
        }
        delete_post_meta($postId, self::REVISION);

        /**
         * Fires after proseo's undo restored a product's previous content.
         *
         * @param int   $postId   Product ID.
         * @param array $previous The restored values: post_content, post_excerpt, meta.
         */
        do_action('proseo_content_restored', $postId, $previous);
        return [
            'post_content' => (string) $previous['post_content'],
            'post_excerpt' => (string) $previous['post_excerpt'],
        ];
    }
}
