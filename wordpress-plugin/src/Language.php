<?php

namespace Proseo;

/**
 * The language a product is written and scored in, as a WordPress locale (`fr_FR`, `de`):
 *
 * 1. WPML's language of the post (its public filter `wpml_post_language_details`), or
 * 2. Polylang's (its public function `pll_get_post_language()`), else
 * 3. the site's: the plugin's Language setting when the merchant chose one other than the
 *    site locale's language, else `get_locale()` (the setting defaults to that language).
 *
 * Only the multilingual plugins' public APIs are used, so each works without the other and
 * without either. The in-browser scoring gets the locale (editor and bulk page config), the
 * edge API gets it as the product's BCP 47 `language` (`fr-FR`). The admin's own language (the
 * user locale, which the plugin's screens are translated into) plays no part: an Arabic-speaking
 * manager of an English shop scores English.
 */
final class Language
{
    private Settings $settings;

    public function __construct(Settings $settings)
    {
        $this->settings = $settings;
    }

    /** The product's locale (see the class comment), through the `proseo_product_locale` filter. */
    public function locale(int $postId): string
    {
        $locale = self::fromWpml($postId) ?? self::fromPolylang($postId) ?? $this->siteLocale();
        /**
         * Filters the locale proseo writes and scores a product in.
         *
         * @param string $locale WordPress locale (`fr_FR`) or language code (`fr`).
         * @param int    $postId Product ID.
         */
        $filtered = self::normalize((string) apply_filters('proseo_product_locale', $locale, $postId));
        return $filtered !== '' ? $filtered : $locale;
    }

    /** The product's language as the BCP 47 tag the edge API takes (`fr-FR`). */
    public function tag(int $postId): string
    {
        return self::toTag($this->locale($postId));
    }

    /** WPML's language of the post, or null (no WPML, or the post has no language there). */
    public static function fromWpml(int $postId): ?string
    {
        // WPML answers with an array (language_code, locale, display_name, …), or a WP_Error
        // when the post is unknown to it; without WPML the default (null) comes back.
        $details = apply_filters('wpml_post_language_details', null, $postId);
        if (!is_array($details)) {
            return null;
        }
        $locale = self::normalize((string) ($details['locale'] ?? ''));
        if ($locale === '') {
            $locale = self::normalize((string) ($details['language_code'] ?? ''));
        }
        return $locale !== '' ? $locale : null;
    }

    /** Polylang's language of the post, or null (no Polylang, or the post has no language). */
    public static function fromPolylang(int $postId): ?string
    {
        if (!function_exists('pll_get_post_language')) {
            return null;
        }
        $locale = self::normalize((string) pll_get_post_language($postId, 'locale'));
        return $locale !== '' ? $locale : null;
    }

    /**
     * The site's locale for products without a language of their own: the Language setting when
     * it names another language than get_locale() (the merchant writes in it), else get_locale().
     */
    public function siteLocale(): string
    {
        $site = self::normalize((string) get_locale());
        if ($site === '') {
            $site = 'en_US';
        }
        $setting = self::normalize((string) $this->settings->get('language'));
        if ($setting !== '' && self::primary($setting) !== self::primary($site)) {
            return $setting;
        }
        return $site;
    }

    /**
     * A locale or language tag in WordPress's form: `fr-fr` → `fr_FR`, `PT_br` → `pt_BR`,
     * `zh-hans-cn` → `zh_Hans_CN`, `de_DE_formal` stays; '' when it is not one.
     */
    public static function normalize(string $locale): string
    {
        $locale = trim($locale);
        if (!preg_match('/^[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$/', $locale)) {
            return '';
        }
        $parts = preg_split('/[_-]/', $locale);
        $out = [strtolower((string) array_shift($parts))];
        foreach ($parts as $part) {
            if (preg_match('/^[A-Za-z]{2}$|^\d{3}$/', $part)) {
                $out[] = strtoupper($part); // region
            } elseif (preg_match('/^[A-Za-z]{4}$/', $part)) {
                $out[] = ucfirst(strtolower($part)); // script
            } else {
                $out[] = strtolower($part); // variant (formal, ao90)
            }
        }
        return implode('_', $out);
    }

    /** `fr_FR` → `fr-FR`. */
    public static function toTag(string $locale): string
    {
        return str_replace('_', '-', $locale);
    }

    private static function primary(string $locale): string
    {
        return (string) strtok($locale, '_');
    }
}
