<?php

namespace ProseoTest;

use MO;
use PO;
use Plural_Forms;
use Proseo\ApiClient;
use Proseo\Logger;
use Proseo\Settings;

/**
 * The plugin speaks its promised languages: every string of languages/proseo.pot is translated
 * in every shipped locale (every plural form, placeholders kept, right-to-left punctuation and
 * arrows in Arabic, Persian and Hebrew), the built .mo and script JSON files hold exactly the
 * .po's translations, and WordPress loads them — PHP strings after switch_to_locale(), script
 * strings through wp_set_script_translations() for a user whose admin language is set.
 */
final class TranslationsTest extends TestCase
{
    /** The shipped locales and their number of plural forms (as WordPress's own translations). */
    private const LOCALES = [
        'es_ES' => 2, 'de_DE' => 2, 'fr_FR' => 2, 'it_IT' => 2, 'pt_BR' => 2, 'nl_NL' => 2,
        'pl_PL' => 3, 'ja' => 1, 'ko_KR' => 1, 'zh_CN' => 1, 'ar' => 6, 'fa_IR' => 1, 'he_IL' => 2,
    ];
    private const RTL = ['ar', 'fa_IR', 'he_IL'];

    public static function setUpBeforeClass(): void
    {
        require_once ABSPATH . WPINC . '/pomo/po.php';
        require_once ABSPATH . WPINC . '/pomo/mo.php';
    }

    private static function languages(): string
    {
        return dirname(PROSEO_FILE) . '/languages';
    }

    private static function read(string $file): PO
    {
        $po = new PO();
        if (!$po->import_from_file($file)) {
            throw new \RuntimeException("cannot read $file");
        }
        return $po;
    }

    /** @return array<string, array{string}> */
    public function locales(): array
    {
        $out = [];
        foreach (array_keys(self::LOCALES) as $locale) {
            $out[$locale] = [$locale];
        }
        return $out;
    }

    public function testExactlyThePromisedLocalesAreShipped(): void
    {
        $shipped = array_map(static function (string $file): string {
            return substr(basename($file, '.po'), strlen('proseo-'));
        }, glob(self::languages() . '/proseo-*.po'));
        sort($shipped);
        $promised = array_keys(self::LOCALES);
        sort($promised);
        $this->assertSame($promised, $shipped);
    }

    /** @dataProvider locales */
    public function testEveryStringIsTranslatedWithItsPlaceholders(string $locale): void
    {
        $pot = self::read(self::languages() . '/proseo.pot');
        $po = self::read(self::languages() . "/proseo-$locale.po");
        $this->assertSame($locale, $po->get_header('Language'));
        [$nplurals, $expression] = $po->nplurals_and_expression_from_header($po->get_header('Plural-Forms'));
        $this->assertSame(self::LOCALES[$locale], $nplurals, 'Plural-Forms of ' . $locale);
        $single = self::singleValuedForms($expression, $nplurals);

        $this->assertGreaterThan(150, count($pot->entries));
        $obsolete = array_diff(array_keys($po->entries), array_keys($pot->entries));
        $this->assertSame([], array_values($obsolete), 'obsolete');
        foreach ($pot->entries as $key => $source) {
            $this->assertArrayHasKey($key, $po->entries, "$locale lacks: $key");
            $entry = $po->entries[$key];
            $this->assertNotContains('fuzzy', $entry->flags, "$locale: fuzzy: $key");
            $this->assertSame($source->is_plural, $entry->is_plural, $key);
            $this->assertCount($entry->is_plural ? $nplurals : 1, $entry->translations, "$locale: forms of $key");
            $expected = self::placeholders($source->singular);
            if ($source->is_plural) {
                $this->assertSame($expected, self::placeholders($source->plural), "the .pot's own $key");
            }
            foreach ($entry->translations as $form => $text) {
                $this->assertNotSame('', trim($text), "$locale: empty form $form of $key");
                $found = self::placeholders($text);
                if ($found === $expected) {
                    continue;
                }
                // A form that stands for one number only may leave that number out ("منتج واحد").
                $this->assertTrue(
                    $entry->is_plural && in_array($form, $single, true) && self::dropsOneNumber($expected, $found),
                    "$locale: placeholders of form $form of \"$key\": " . json_encode($found) . ' ≠ '
                        . json_encode($expected) . " in \"$text\""
                );
            }
        }
    }

    /** @dataProvider locales */
    public function testPunctuationAndArrowsFollowTheWritingDirection(string $locale): void
    {
        $po = self::read(self::languages() . "/proseo-$locale.po");
        $rtl = in_array($locale, self::RTL, true);
        $arrows = 0;
        foreach ($po->entries as $key => $entry) {
            foreach ($entry->translations as $text) {
                if (strpos($entry->singular, '→') !== false) {
                    $arrows++;
                    // A path or a change reads in the language's direction: "الإعدادات ← proseo".
                    $this->assertStringContainsString($rtl ? '←' : '→', $text, "$locale: $key");
                    $this->assertStringNotContainsString($rtl ? '→' : '←', $text, "$locale: $key");
                }
                if ($locale === 'ar' || $locale === 'fa_IR') {
                    // Arabic script takes the Arabic comma, semicolon and question mark.
                    $western = '/\p{Arabic}\s*[,;?]|[,;?]\s*\p{Arabic}/u';
                    $this->assertDoesNotMatchRegularExpression($western, $text, "$locale: $key");
                }
                if (!in_array($locale, ['ar', 'fa_IR'], true)) {
                    $this->assertDoesNotMatchRegularExpression('/[،؛؟٪]/u', $text, "$locale: $key");
                }
                if ($locale === 'fa_IR') {
                    // Persian letters, not their Arabic look-alikes (ي ك).
                    $this->assertDoesNotMatchRegularExpression('/[\x{064A}\x{0643}]/u', $text, "$locale: $key");
                }
            }
        }
        $this->assertGreaterThanOrEqual(5, $arrows, 'strings with an arrow were checked');
    }

    /** @dataProvider locales */
    public function testTheBuiltMoAndScriptJsonHoldThePoTranslations(string $locale): void
    {
        $pot = self::read(self::languages() . '/proseo.pot');
        $po = self::read(self::languages() . "/proseo-$locale.po");
        $mo = new MO();
        $this->assertTrue($mo->import_from_file(self::languages() . "/proseo-$locale.mo"), 'bin/build-languages ran');
        $this->assertSame(count($po->entries), count($mo->entries));
        foreach ($po->entries as $key => $entry) {
            $this->assertSame($entry->translations, $mo->entries[$key]->translations, "$locale .mo: $key");
        }

        // One JSON per script with strings, named as load_script_textdomain() looks for it.
        $scripts = [];
        foreach ($pot->entries as $key => $entry) {
            foreach ($entry->references as $ref) {
                $path = preg_replace('/:\d+$/', '', $ref);
                if (substr($path, -3) === '.js') {
                    $scripts[$path][$key] = true;
                }
            }
        }
        $this->assertEqualsCanonicalizing(
            ['assets/js/bulk.js', 'assets/js/editor.js', 'assets/js/engine.js', 'assets/js/settings.js'],
            array_keys($scripts)
        );
        foreach ($scripts as $path => $keys) {
            $file = self::languages() . "/proseo-$locale-" . md5($path) . '.json';
            $this->assertFileExists($file, $path);
            $json = json_decode((string) file_get_contents($file), true);
            $messages = $json['locale_data']['messages'];
            $this->assertSame($path, $json['source']);
            $this->assertSame($po->get_header('Plural-Forms'), $messages['']['plural-forms']);
            $this->assertSame($locale, $messages['']['lang']);
            unset($messages['']);
            $this->assertEqualsCanonicalizing(array_keys($keys), array_keys($messages), "$locale: strings of $path");
            foreach ($messages as $key => $translations) {
                $this->assertSame($po->entries[$key]->translations, $translations, "$locale $path: $key");
            }
        }
    }

    public function testThePluginsPhpStringsFollowTheLocale(): void
    {
        $this->actAs('administrator');
        $id = $this->product('Switch mug', '<p>x</p>');
        try {
            $this->assertTrue(switch_to_locale('de_DE'));
            $this->assertSame('Erzeugen', __('Generate', 'proseo'));
            $this->assertSame('Verbindungstest', Logger::actionLabels()['test_connection'], '_x with its context');
            $this->assertSame('Tonalität', __('Tone of voice', 'proseo'));

            $this->assertTrue(switch_to_locale('pl_PL'));
            $this->assertSame('Profesjonalny', Settings::toneLabels()['professional']);
            $forms = [1 => 'produkt', 3 => 'produkty', 5 => 'produktów', 12 => 'produktów', 22 => 'produkty'];
            foreach ($forms as $n => $noun) {
                $this->assertSame(
                    "$n $noun, x",
                    sprintf(_n('%1$d product, %2$s', '%1$d products, %2$s', $n, 'proseo'), $n, 'x'),
                    "Polish, $n"
                );
            }

            $this->assertTrue(switch_to_locale('ar'));
            $this->assertTrue(is_rtl(), "WordPress's Arabic (wordpress-l10n) is right-to-left");
            $arabic = [0 => 'لا منتجات، x', 1 => 'منتج واحد، x', 2 => 'منتجان، x', 7 => '7 منتجات، x',
                11 => '11 منتجًا، x', 100 => '100 منتج، x'];
            foreach ($arabic as $n => $expected) {
                $this->assertSame(
                    $expected,
                    sprintf(_n('%1$d product, %2$s', '%1$d products, %2$s', $n, 'proseo'), $n, 'x'),
                    "Arabic, $n"
                );
            }

            $this->assertTrue(switch_to_locale('he_IL'));
            ob_start();
            self::plugin()->panel->render(get_post($id));
            $html = (string) ob_get_clean();
            $this->assertStringContainsString('ביטוי מפתח ממוקד', $html, 'the panel renders in Hebrew');
            $this->assertStringContainsString('בדיקות קריאוּת', $html);
        } finally {
            restore_current_locale();
        }
        $this->assertSame('Generate', __('Generate', 'proseo'), 'back to English');
    }

    public function testTheApisEnglishIsIsolatedInRightToLeftSentences(): void
    {
        $english = ApiClient::error('invalid_state', 'Item is generating.', [], 0)->get_error_message();
        $this->assertSame('That is not possible in this state: Item is generating.', $english);
        try {
            $this->assertTrue(switch_to_locale('ar'));
            $this->assertSame(
                "هذا غير ممكن في هذه الحالة: \u{2068}Item is generating.\u{2069}",
                ApiClient::error('invalid_state', 'Item is generating.', [], 0)->get_error_message()
            );
        } finally {
            restore_current_locale();
        }
    }

    public function testScriptsGetTheAdminsLanguage(): void
    {
        $user = $this->actAs('administrator');
        update_user_meta($user, 'locale', 'ja');
        $id = $this->product('Script mug', '<p>x</p>');
        $GLOBALS['post'] = get_post($id);
        set_current_screen('product');
        try {
            self::plugin()->assets->enqueue('post.php');
            $strings = [
                'proseo-editor' => ['Not assessed.', '評価されていません。'],
                'proseo-engine' => ['Something went wrong. Please try again.', '問題が発生しました。もう一度お試しください。'],
            ];
            foreach ($strings as $handle => [$english, $japanese]) {
                $inline = (string) wp_scripts()->print_translations($handle, false);
                $this->assertMatchesRegularExpression('/\(\s*"proseo",\s*(\{.*\})\s*\);/s', $inline, $handle);
                preg_match('/\(\s*"proseo",\s*(\{.*\})\s*\);/s', $inline, $m);
                $json = json_decode($m[1], true);
                $this->assertSame([$japanese], $json['locale_data']['messages'][$english], $handle);
                $this->assertSame('ja', $json['locale_data']['messages']['']['lang']);
            }
        } finally {
            foreach (['proseo-editor', 'proseo-engine'] as $handle) {
                wp_dequeue_script($handle);
                wp_deregister_script($handle);
            }
            wp_dequeue_style('proseo-admin');
            unset($GLOBALS['post'], $GLOBALS['current_screen']);
        }
    }

    /**
     * The placeholders of a printf format, as PHP and @wordpress/i18n read them: numbered ones
     * sorted (translations may reorder them), unnumbered ones in order; `%%` left out.
     *
     * @return string[]
     */
    private static function placeholders(string $format): array
    {
        preg_match_all('/%(?:(\d+)\$)?[-+ 0]*\d*(?:\.\d+)?([bcdeEfFgGosuxX%])/', $format, $m, PREG_SET_ORDER);
        $numbered = [];
        $plain = [];
        foreach ($m as $directive) {
            if ($directive[2] === '%') {
                continue;
            }
            if ($directive[1] !== '') {
                $numbered[] = $directive[1] . '$' . $directive[2];
            } else {
                $plain[] = $directive[2];
            }
        }
        sort($numbered);
        return array_merge($numbered, $plain);
    }

    /** True when $found is $expected without one integer placeholder. */
    private static function dropsOneNumber(array $expected, array $found): bool
    {
        foreach ($expected as $i => $directive) {
            if (substr($directive, -1) !== 'd') {
                continue;
            }
            $without = $expected;
            array_splice($without, $i, 1);
            if ($without === $found) {
                return true;
            }
        }
        return false;
    }

    /** @return int[] the plural forms that exactly one number (of 0–1000) selects */
    private static function singleValuedForms(string $expression, int $nplurals): array
    {
        $plural = new Plural_Forms(rtrim(trim($expression), ';'));
        $counts = array_fill(0, $nplurals, 0);
        for ($n = 0; $n <= 1000; $n++) {
            $counts[$plural->get($n)]++;
        }
        return array_keys(array_filter($counts, static function (int $count): bool {
            return $count === 1;
        }));
    }
}
