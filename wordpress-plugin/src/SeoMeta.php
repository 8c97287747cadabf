<?php

namespace Proseo;

/**
 * Where the SEO title, meta description and focus keyphrase of a product live: Yoast SEO's or
 * Rank Math's post meta when one of them is active (its meta keys are registered, or its
 * constant/class exists), else proseo's own meta.
 */
final class SeoMeta
{
    public const KEYS = [
        'yoast' => [
            'title' => '_yoast_wpseo_title',
            'description' => '_yoast_wpseo_metadesc',
            'keyphrase' => '_yoast_wpseo_focuskw',
        ],
        'rankmath' => [
            'title' => 'rank_math_title',
            'description' => 'rank_math_description',
            'keyphrase' => 'rank_math_focus_keyword',
        ],
        'proseo' => [
            'title' => '_proseo_seo_title',
            'description' => '_proseo_meta_description',
            'keyphrase' => '_proseo_keyphrase',
        ],
    ];

    public const LABELS = ['yoast' => 'Yoast SEO', 'rankmath' => 'Rank Math', 'proseo' => 'proseo'];

    /** `yoast`, `rankmath` or `proseo`. */
    public function target(): string
    {
        if (defined('WPSEO_VERSION') || self::registered(self::KEYS['yoast']['title'])) {
            $target = 'yoast';
        } elseif (
            defined('RANK_MATH_VERSION')
            || class_exists('RankMath')
            || self::registered(self::KEYS['rankmath']['title'])
        ) {
            $target = 'rankmath';
        } else {
            $target = 'proseo';
        }
        /**
         * Filters which SEO plugin's meta proseo writes: `yoast`, `rankmath` or `proseo`.
         *
         * @param string $target Detected target.
         */
        $target = (string) apply_filters('proseo_seo_target', $target);
        return isset(self::KEYS[$target]) ? $target : 'proseo';
    }

    /** @return array{title: string, description: string, keyphrase: string} */
    public function keys(): array
    {
        return self::KEYS[$this->target()];
    }

    public function keyphrase(int $postId): string
    {
        return (string) get_post_meta($postId, $this->keys()['keyphrase'], true);
    }

    private static function registered(string $key): bool
    {
        return registered_meta_key_exists('post', $key, 'product') || registered_meta_key_exists('post', $key, '');
    }
}
