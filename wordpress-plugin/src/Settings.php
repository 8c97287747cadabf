<?php

namespace Proseo;

/**
 * The plugin's options. The API key lives in its own option (not autoloaded) and leaves this
 * class only through apiKey() (for the server-side API client) and keyHint() (for screens).
 */
final class Settings
{
    public const OPTION = 'proseo_settings';
    public const KEY_OPTION = 'proseo_api_key';
    public const ONBOARDING_OPTION = 'proseo_onboarding';

    public const TEMPLATES = ['long_description', 'short_description', 'seo_title', 'meta_description'];
    public const TONES = ['friendly', 'professional', 'playful', 'luxurious', 'technical', 'concise'];

    /**
     * @return array{api_url: string, template: string, tone: string, banned_words: string, language: string,
     *     target_score: int, overwrite_alt: bool, jsonld: bool}
     */
    public function all(): array
    {
        $stored = get_option(self::OPTION, []);
        return self::clean(array_merge(self::defaults(), is_array($stored) ? $stored : []));
    }

    /** @return mixed */
    public function get(string $name)
    {
        return $this->all()[$name] ?? null;
    }

    public function update(array $values): void
    {
        update_option(self::OPTION, self::clean(array_merge($this->all(), $values)));
    }

    /** @return array<string, string> template → its name in the admin's language */
    public static function templateLabels(): array
    {
        return [
            'long_description' => __('Long description', 'proseo'),
            'short_description' => __('Short description', 'proseo'),
            'seo_title' => __('SEO title', 'proseo'),
            'meta_description' => __('Meta description', 'proseo'),
        ];
    }

    /** @return array<string, string> tone → its name in the admin's language */
    public static function toneLabels(): array
    {
        return [
            'friendly' => _x('Friendly', 'tone of voice', 'proseo'),
            'professional' => _x('Professional', 'tone of voice', 'proseo'),
            'playful' => _x('Playful', 'tone of voice', 'proseo'),
            'luxurious' => _x('Luxurious', 'tone of voice', 'proseo'),
            'technical' => _x('Technical', 'tone of voice', 'proseo'),
            'concise' => _x('Concise', 'tone of voice', 'proseo'),
        ];
    }

    public static function defaults(): array
    {
        return [
            'api_url' => '',
            'template' => 'long_description',
            'tone' => 'friendly',
            'banned_words' => '',
            'language' => self::siteLanguage(),
            'target_score' => 70,
            // Replace image alt texts the merchant wrote with generated ones.
            'overwrite_alt' => false,
            // Output Product JSON-LD on product pages (when no SEO plugin does).
            'jsonld' => true,
        ];
    }

    /** Normalizes the settings array (used for saving and reading). */
    public static function clean(array $in): array
    {
        $defaults = self::defaults();
        $template = (string) ($in['template'] ?? '');
        $tone = (string) ($in['tone'] ?? '');
        $language = strtolower(preg_replace('/[^A-Za-z-]/', '', (string) ($in['language'] ?? '')));
        return [
            'api_url' => untrailingslashit(esc_url_raw(trim((string) ($in['api_url'] ?? '')), ['http', 'https'])),
            'template' => in_array($template, self::TEMPLATES, true) ? $template : $defaults['template'],
            'tone' => in_array($tone, self::TONES, true) ? $tone : $defaults['tone'],
            'banned_words' => implode(', ', self::words((string) ($in['banned_words'] ?? ''))),
            'language' => $language !== '' ? substr($language, 0, 12) : $defaults['language'],
            'target_score' => max(0, min(100, (int) ($in['target_score'] ?? $defaults['target_score']))),
            'overwrite_alt' => self::flag($in['overwrite_alt'] ?? false),
            'jsonld' => self::flag($in['jsonld'] ?? false),
        ];
    }

    /** A checkbox's value (`'1'`, `true`, `'on'`) as a boolean. */
    private static function flag($value): bool
    {
        return in_array($value, [true, 1, '1', 'on', 'yes', 'true'], true);
    }

    /** @return string[] */
    public static function words(string $list): array
    {
        $words = array_map('sanitize_text_field', explode(',', $list));
        return array_values(array_unique(array_filter(array_map('trim', $words), 'strlen')));
    }

    public static function siteLanguage(): string
    {
        return strtolower(substr((string) get_locale(), 0, 2)) ?: 'en';
    }

    public function apiKey(): string
    {
        return (string) get_option(self::KEY_OPTION, '');
    }

    public function setApiKey(string $key): void
    {
        $key = trim(sanitize_text_field($key));
        if ($key === '') {
            return;
        }
        if (get_option(self::KEY_OPTION, null) === null) {
            add_option(self::KEY_OPTION, $key, '', 'no');
        } else {
            update_option(self::KEY_OPTION, $key, false);
        }
    }

    /** What screens may show of the key: its first 8 and last 4 characters. */
    public function keyHint(): string
    {
        $key = $this->apiKey();
        if ($key === '') {
            return '';
        }
        return strlen($key) > 16 ? substr($key, 0, 8) . '…' . substr($key, -4) : '…';
    }

    public function isConfigured(): bool
    {
        return $this->get('api_url') !== '' && $this->apiKey() !== '';
    }

    /**
     * The prompt options the edge API takes (PromptOptions), from these settings. $language is the
     * BCP 47 tag to write in; null means the Language setting, '' each product's own `language`
     * (what a bulk job of products in several languages needs).
     */
    public function promptOptions(string $keyphrase, ?string $language = null): array
    {
        $all = $this->all();
        $options = [
            'template' => $all['template'],
            'language' => $language ?? $all['language'],
            'voice' => [
                'tone' => $all['tone'],
                'banned_words' => self::words($all['banned_words']),
            ],
        ];
        if ($keyphrase !== '') {
            $options['keyphrase'] = $keyphrase;
        }
        return $options;
    }
}
