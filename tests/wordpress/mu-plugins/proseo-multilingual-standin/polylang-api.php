<?php

/**
 * Test-only: Polylang's public function for a post's language, read from the stand-in's data.
 * Loaded by proseo-multilingual-standin.php when Polylang is the active stand-in.
 */

if (!defined('ABSPATH')) {
    exit;
}

/**
 * Polylang's pll_get_post_language(): the post's language as its slug, locale or name.
 *
 * @return string|false
 */
function pll_get_post_language($post_id, $field = 'slug')
{
    $slug = \ProseoTest\Multilingual\post_language((int) $post_id);
    if ($slug === null) {
        return false;
    }
    $language = \ProseoTest\Multilingual\LANGUAGES[$slug];
    switch ($field) {
        case 'locale':
            return $language['locale'];
        case 'name':
            return $language['name'];
        default:
            return $slug;
    }
}
