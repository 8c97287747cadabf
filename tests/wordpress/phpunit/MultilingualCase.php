<?php

namespace ProseoTest;

use ProseoTest\Multilingual as Standin;

/**
 * With WPML or Polylang (their stand-in, tests/wordpress/mu-plugins/proseo-multilingual-standin.php,
 * speaking each one's public API), a product is scored and written in its own language: in the
 * editor panel, on the bulk page, in /generate and in bulk jobs on the edge API. Products
 * without a language fall back to the site's. The same tests run once per plugin (WpmlTest,
 * PolylangTest), each with the stand-in of its plugin only:
 *   PROSEO_TEST_MULTILINGUAL=wpml phpunit --group wpml
 *   PROSEO_TEST_MULTILINGUAL=polylang phpunit --group polylang
 */
abstract class MultilingualCase extends TestCase
{
    /** `wpml` or `polylang`. */
    abstract protected function multilingualPlugin(): string;

    protected function setUp(): void
    {
        parent::setUp();
        $plugin = $this->multilingualPlugin();
        $this->assertSame($plugin, getenv('PROSEO_TEST_MULTILINGUAL'), "run with PROSEO_TEST_MULTILINGUAL=$plugin");
        // Only the one plugin is there, as on a real site.
        $this->assertSame($plugin === 'wpml', (bool) has_filter('wpml_post_language_details'));
        $this->assertSame($plugin === 'polylang', function_exists('pll_get_post_language'));
        self::plugin()->settings->update(['language' => 'en']);
    }

    /** @return int[] products in French, Hebrew and without a language */
    private function products(string $title): array
    {
        $fr = $this->product("$title FR", '<p>Une tasse en céramique.</p>');
        $he = $this->product("$title HE", '<p>ספל קרמיקה.</p>');
        $none = $this->product("$title none", '<p>A ceramic mug.</p>');
        Standin\set_post_language($fr, 'fr');
        Standin\set_post_language($he, 'he');
        return [$fr, $he, $none];
    }

    public function testEachProductIsScoredAndWrittenInItsOwnLanguage(): void
    {
        $this->actAs('administrator');
        [$fr, $he, $none] = $this->products('Multi mug');
        $language = self::plugin()->language;
        $this->assertSame('fr_FR', $language->locale($fr));
        $this->assertSame('he_IL', $language->locale($he));
        $this->assertSame(get_locale(), $language->locale($none), 'no language of its own: the site\'s');

        foreach ([$fr => 'fr_FR', $he => 'he_IL'] as $id => $locale) {
            $GLOBALS['post'] = get_post($id);
            $config = self::plugin()->panel->config();
            unset($GLOBALS['post']);
            $this->assertSame($locale, $config['locale'], "panel of $locale");
            $body = self::plugin()->generator->requestBody($id, 'tasse');
            $tag = str_replace('_', '-', $locale);
            $this->assertSame($tag, $body['product']['language'], "edge API scores in $tag");
            $this->assertSame($tag, $body['options']['language'], "and writes in $tag");
        }

        $list = $this->rest('GET', '/products', ['search' => 'Multi mug'])->get_data();
        $this->assertSame([$fr, $he, $none], array_column($list['items'], 'id'));
        $this->assertSame(['fr_FR', 'he_IL', get_locale()], array_column($list['items'], 'locale'), 'bulk page');
    }

    public function testTheProductsLanguageWinsOverTheSitesAndTheSetting(): void
    {
        [$fr, , $none] = $this->products('Setting mug');
        self::plugin()->settings->update(['language' => 'es']);
        $this->assertSame('fr_FR', self::plugin()->language->locale($fr));
        $this->assertSame('es', self::plugin()->language->locale($none));
    }

    public function testABulkJobCarriesEachProductsLanguageToTheEdge(): void
    {
        $this->actAs('administrator');
        [$fr, $he, $none] = $this->products('Job mug');
        $response = $this->rest('POST', '/jobs', ['product_ids' => [$fr, $he, $none]]);
        $this->assertSame(200, $response->get_status(), (string) wp_json_encode($response->get_data()));
        $job = $response->get_data();
        // What the edge API stored for each product (the job's items).
        $path = '/jobs/' . rawurlencode($job['id']) . '/items';
        $items = self::plugin()->api->request('GET', $path, null, ['per_page' => 100]);
        $this->assertIsArray($items, is_wp_error($items) ? $items->get_error_message() : '');
        $languages = [];
        foreach ($items['items'] as $item) {
            $languages[(int) $item['external_id']] = $item['product']['language'] ?? null;
        }
        ksort($languages);
        $expected = [$fr => 'fr-FR', $he => 'he-IL', $none => str_replace('_', '-', get_locale())];
        ksort($expected);
        $this->assertSame($expected, $languages);
    }
}
