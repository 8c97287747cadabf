<?php

/**
 * Plugin Name: proseo test stand-in for WPML and Polylang
 * Description: Test-only. The public APIs the proseo plugin reads a product's language from, as
 * the real plugins provide them (neither is obtainable on the test machines): WPML's filter
 * `wpml_post_language_details` (an array with language_code, locale, text_direction,
 * display_name, native_name and different_language; a WP_Error for a post WPML does not know)
 * and Polylang's function `pll_get_post_language($post_id, $field = 'slug')` (the language's
 * slug, locale or name; false for a post without a language).
 *
 * Which one answers: PROSEO_TEST_MULTILINGUAL in the environment (`wpml` or `polylang`: the
 * PHPUnit groups of the same names), else the option `test_multilingual_standin` (the browser
 * tests set it with fixtures.php). A post's language is the post meta `_test_standin_language`,
 * a language slug of LANGUAGES (the real plugins keep it in their own tables).
 */

namespace ProseoTest\Multilingual;

if (!defined('ABSPATH')) {
    exit;
}

const META = '_test_standin_language';
const OPTION = 'test_multilingual_standin';

/** The site's languages, as a multilingual plugin would have them configured. */
const LANGUAGES = [
    'en' => ['locale' => 'en_US', 'name' => 'English', 'rtl' => false],
    'fr' => ['locale' => 'fr_FR', 'name' => 'Français', 'rtl' => false],
    'de' => ['locale' => 'de_DE', 'name' => 'Deutsch', 'rtl' => false],
    'es' => ['locale' => 'es_ES', 'name' => 'Español', 'rtl' => false],
    'pl' => ['locale' => 'pl_PL', 'name' => 'Polski', 'rtl' => false],
    'he' => ['locale' => 'he_IL', 'name' => 'עברית', 'rtl' => true],
    'ar' => ['locale' => 'ar', 'name' => 'العربية', 'rtl' => true],
];
const DEFAULT_LANGUAGE = 'en';

function active(): string
{
    $env = getenv('PROSEO_TEST_MULTILINGUAL');
    return $env !== false && $env !== '' ? $env : (string) get_option(OPTION, '');
}

/** The post's language slug, or null when the post has none. */
function post_language(int $postId): ?string
{
    $slug = (string) get_post_meta($postId, META, true);
    return isset(LANGUAGES[$slug]) ? $slug : null;
}

/** Gives a post a language (what the multilingual plugin's language box does). */
function set_post_language(int $postId, string $slug): void
{
    update_post_meta($postId, META, $slug);
}

if (active() === 'wpml') {
    // WPML: apply_filters('wpml_post_language_details', null, $post_id).
    add_filter('wpml_post_language_details', static function ($details, $postId = null) {
        $postId = (int) ($postId ?: get_the_ID());
        $slug = $postId ? post_language($postId) : null;
        if ($slug === null) {
            return new \WP_Error('invalid_post', 'The post has no language information.');
        }
        $language = LANGUAGES[$slug];
        return [
            'language_code' => $slug,
            'locale' => $language['locale'],
            'text_direction' => $language['rtl'],
            'display_name' => $language['name'],
            'native_name' => $language['name'],
            'different_language' => $slug !== DEFAULT_LANGUAGE,
        ];
    }, 10, 2);
}

if (active() === 'polylang' && !function_exists('pll_get_post_language')) {
    require __DIR__ . '/proseo-multilingual-standin/polylang-api.php';
}
