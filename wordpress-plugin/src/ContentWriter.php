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
 */
final class ContentWriter
{
    public const SUGGESTION = '_proseo_suggestion';
    public const REVISION = '_proseo_revision';

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
     * @param array<string, mixed> $content GeneratedContent (or a part of it)
     * @return array{description: string, short_description: string, seo_title: string, meta_description: string}
     */
    public static function sanitize(array $content): array
    {
        return [
            'description' => trim(wp_kses_post((string) ($content['description'] ?? ''))),
            'short_description' => trim(wp_kses_post((string) ($content['short_description'] ?? ''))),
            'seo_title' => sanitize_text_field((string) ($content['seo_title'] ?? '')),
            'meta_description' => sanitize_text_field((string) ($content['meta_description'] ?? '')),
        ];
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
     * @param array<string, mixed> $content GeneratedContent fields
     * @return array{fields: array<string, string>, preserved: string[]}|WP_Error
     */
    public function accept(int $postId, array $content, string $keyphrase = '')
    {
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
        $previous = [
            'post_content' => $post->post_content,
            'post_excerpt' => $post->post_excerpt,
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
        return ['fields' => $fields, 'preserved' => $preserved];
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
