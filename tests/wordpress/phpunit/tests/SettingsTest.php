<?php

namespace ProseoTest;

use Proseo\Settings;

/** The API key stays server-side: never printed in full, never in the browser's config. */
final class SettingsTest extends TestCase
{
    public function testKeyIsNeverPrintedOrSentToTheBrowser(): void
    {
        $this->actAs('administrator');
        $key = self::plugin()->settings->apiKey();
        $this->assertStringStartsWith('psk_', $key);
        ob_start();
        self::plugin()->settingsPage->render();
        $html = (string) ob_get_clean();
        $this->assertStringNotContainsString($key, $html);
        $this->assertStringContainsString(self::plugin()->settings->keyHint(), $html);
        $this->assertStringNotContainsString(substr($key, 0, 20), $html);

        $id = $this->product('Config mug', '<p>x</p>');
        $GLOBALS['post'] = get_post($id);
        $config = wp_json_encode(self::plugin()->panel->config() + self::plugin()->bulkPage->config());
        unset($GLOBALS['post']);
        $this->assertStringNotContainsString(substr($key, 4, 12), (string) $config);
        $options = $GLOBALS['wpdb']->options;
        $this->assertSame(
            'no',
            $GLOBALS['wpdb']->get_var("SELECT autoload FROM {$options} WHERE option_name = 'proseo_api_key'")
        );
    }

    public function testSettingsAreCleaned(): void
    {
        $clean = Settings::clean([
            'api_url' => 'javascript:alert(1)',
            'template' => 'nope',
            'tone' => 'professional',
            'banned_words' => ' cheap, <b>best</b> ,, cheap ',
            'target_score' => 250,
        ]);
        $this->assertSame('', $clean['api_url']);
        $this->assertSame('long_description', $clean['template']);
        $this->assertSame('professional', $clean['tone']);
        $this->assertSame('cheap, best', $clean['banned_words']);
        $this->assertSame(100, $clean['target_score']);
    }

    public function testPromptOptionsCarryTheBrandVoice(): void
    {
        self::plugin()->settings->update(['tone' => 'luxurious', 'banned_words' => 'cheap, bargain']);
        $options = self::plugin()->settings->promptOptions('silk scarf');
        $this->assertSame(['tone' => 'luxurious', 'banned_words' => ['cheap', 'bargain']], $options['voice']);
        $this->assertSame('silk scarf', $options['keyphrase']);
    }
}
