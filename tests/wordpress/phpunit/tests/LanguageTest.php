<?php

namespace ProseoTest;

use Proseo\Language;

/**
 * The language a product is scored and written in when neither WPML nor Polylang is present:
 * the site's (get_locale()), or the plugin's Language setting where the merchant chose another
 * language — never the admin's own (user) language. The same locale reaches the editor panel's
 * in-browser scoring, the bulk page's, and the edge API's requests. (With WPML or Polylang:
 * MultilingualTest.)
 */
final class LanguageTest extends TestCase
{
    /** @var callable|null */
    private $siteLocale = null;

    protected function tearDown(): void
    {
        if ($this->siteLocale) {
            remove_filter('locale', $this->siteLocale);
        }
        parent::tearDown();
    }

    private function siteLocale(string $locale): void
    {
        $this->siteLocale = static function () use ($locale): string {
            return $locale;
        };
        add_filter('locale', $this->siteLocale);
    }

    private static function language(): Language
    {
        return self::plugin()->language;
    }

    public function testNeitherMultilingualPluginIsHere(): void
    {
        $this->assertFalse(has_filter('wpml_post_language_details'), 'WPML stand-in off in the main suite');
        $this->assertFalse(function_exists('pll_get_post_language'), 'Polylang stand-in off in the main suite');
        $id = $this->product('Plain mug', '<p>x</p>');
        $this->assertNull(Language::fromWpml($id));
        $this->assertNull(Language::fromPolylang($id));
    }

    public function testTheSiteLocaleReachesTheBrowserAndTheEdgeApi(): void
    {
        $this->actAs('administrator');
        $this->siteLocale('de_DE');
        self::plugin()->settings->update(['language' => 'de']);
        $id = $this->product('Becher', '<p>Ein Becher.</p>');

        $this->assertSame('de_DE', self::language()->locale($id));
        $GLOBALS['post'] = get_post($id);
        $config = self::plugin()->panel->config();
        unset($GLOBALS['post']);
        $this->assertSame('de_DE', $config['locale'], 'the panel scores in the site language');
        ob_start();
        self::plugin()->panel->render(get_post($id));
        $this->assertStringContainsString('data-locale="de_DE"', (string) ob_get_clean());

        $body = self::plugin()->generator->requestBody($id, 'Becher');
        $this->assertSame('de-DE', $body['product']['language'], 'the edge API scores in it');
        $this->assertSame('de-DE', $body['options']['language'], 'and writes in it');

        $list = $this->rest('GET', '/products', ['search' => 'Becher'])->get_data();
        $this->assertSame(['de_DE'], array_column($list['items'], 'locale'), 'the bulk page scores in it');
    }

    public function testAnotherWritingLanguageInTheSettingsWins(): void
    {
        $this->siteLocale('de_DE');
        self::plugin()->settings->update(['language' => 'fr']);
        $id = $this->product('Tasse', '<p>Une tasse.</p>');
        $this->assertSame('fr', self::language()->locale($id));
        $this->assertSame('fr', self::plugin()->generator->requestBody($id, '')['product']['language']);

        self::plugin()->settings->update(['language' => 'de']);
        $this->assertSame('de_DE', self::language()->locale($id), 'the same language keeps the site locale');
    }

    public function testTheAdminsOwnLanguagePlaysNoPart(): void
    {
        $user = $this->actAs('administrator');
        update_user_meta($user, 'locale', 'ar');
        self::plugin()->settings->update(['language' => 'en']);
        $id = $this->product('Mug', '<p>A mug.</p>');
        $this->assertSame('ar', get_user_locale($user));
        $this->assertSame('en_US', self::language()->locale($id), 'an Arabic-speaking admin of an English shop');
    }

    public function testAFilterMayChooseTheLocale(): void
    {
        $id = $this->product('Caneca', '<p>x</p>');
        $filter = static function (string $locale, int $postId) use ($id): string {
            return $postId === $id ? 'pt-br' : $locale;
        };
        add_filter('proseo_product_locale', $filter, 10, 2);
        $bad = static function (): string {
            return '<script>';
        };
        try {
            $this->assertSame('pt_BR', self::language()->locale($id));
            add_filter('proseo_product_locale', $bad, 20);
            $this->assertSame(self::language()->siteLocale(), self::language()->locale($id), 'not a locale: ignored');
        } finally {
            remove_filter('proseo_product_locale', $filter, 10);
            remove_filter('proseo_product_locale', $bad, 20);
        }
    }

    public function testLocalesAreNormalized(): void
    {
        $cases = [
            'fr_FR' => 'fr_FR', 'fr-fr' => 'fr_FR', 'PT_br' => 'pt_BR', 'de' => 'de', ' he_IL ' => 'he_IL',
            'zh-hans-cn' => 'zh_Hans_CN', 'de_DE_formal' => 'de_DE_formal', 'es-419' => 'es_419',
            '' => '', 'e' => '', 'fr_' => '', '../../etc' => '', 'fr FR' => '', 'ar' => 'ar',
        ];
        foreach ($cases as $in => $out) {
            $this->assertSame($out, Language::normalize((string) $in), "normalize('$in')");
        }
        $this->assertSame('pt-BR', Language::toTag('pt_BR'));
    }
}
