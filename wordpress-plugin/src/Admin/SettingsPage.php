<?php

namespace Proseo\Admin;

use Proseo\Capabilities;
use Proseo\Settings;

/**
 * Settings → proseo: edge API URL and key (write-only: the page shows a hint, never the key),
 * default template, brand voice (tone, banned words), language, target score, and a "Test
 * connection" button (REST `proseo/v1/settings/test`, which calls the API server-side).
 */
final class SettingsPage
{
    public const SLUG = 'proseo';

    private Settings $settings;

    public function __construct(Settings $settings, Assets $assets)
    {
        $this->settings = $settings;
        $assets->forScreen(static function (\WP_Screen $screen): bool {
            return $screen->id === 'settings_page_' . self::SLUG;
        }, 'settings', static function (): array {
            return [];
        });
    }

    public function menu(): void
    {
        add_options_page(
            __('proseo', 'proseo'),
            __('proseo', 'proseo'),
            Capabilities::MANAGE,
            self::SLUG,
            [$this, 'render']
        );
    }

    public function register(): void
    {
        register_setting('proseo', Settings::OPTION, [
            'type' => 'object',
            'sanitize_callback' => [$this, 'sanitize'],
            'default' => Settings::defaults(),
        ]);
    }

    /** Sanitizes the settings form; the new API key (if one was typed) is stored on the side. */
    public function sanitize($input): array
    {
        // options.php has verified the form's nonce (option_page "proseo") before this runs.
        if (
            isset($_POST['option_page'], $_POST['proseo_api_key_new'])
            && $_POST['option_page'] === 'proseo'
            && current_user_can(Capabilities::MANAGE)
        ) {
            $this->settings->setApiKey(sanitize_text_field(wp_unslash($_POST['proseo_api_key_new'])));
        }
        return Settings::clean(is_array($input) ? $input : []);
    }

    /** @param string[] $links */
    public function actionLinks(array $links): array
    {
        $url = admin_url('options-general.php?page=' . self::SLUG);
        array_unshift($links, '<a href="' . esc_url($url) . '">' . esc_html__('Settings', 'proseo') . '</a>');
        return $links;
    }

    public function notices(): void
    {
        $screen = get_current_screen();
        if (!$screen || !current_user_can(Capabilities::MANAGE) || $this->settings->isConfigured()) {
            return;
        }
        if (!in_array($screen->id, ['product', 'edit-product', 'plugins', 'product_page_proseo-bulk'], true)) {
            return;
        }
        $url = admin_url('admin.php?page=' . Onboarding::SLUG);
        echo '<div class="notice notice-warning"><p>'
            . esc_html__('proseo is not connected to its API yet.', 'proseo') . ' <a href="' . esc_url($url) . '">'
            . esc_html__('Connect it now', 'proseo') . '</a></p></div>';
    }

    public function render(): void
    {
        if (!current_user_can(Capabilities::MANAGE)) {
            return;
        }
        $s = $this->settings->all();
        $name = Settings::OPTION;
        $hint = $this->settings->keyHint();
        $keyNote = $hint !== ''
            ? sprintf(
                /* translators: %s: the first and last characters of the stored key */
                __('A key is stored (%s). Leave empty to keep it.', 'proseo'),
                $hint
            )
            : __('No key stored yet.', 'proseo');
        $targetNote = __(
            'proseo revises a description until its score (the lower of SEO and readability) reaches this.',
            'proseo'
        );
        ?>
        <div class="wrap proseo-settings">
            <h1><?php esc_html_e('proseo settings', 'proseo'); ?></h1>
            <form method="post" action="options.php" autocomplete="off">
                <?php settings_fields('proseo'); ?>
                <table class="form-table" role="presentation">
                    <tr>
                        <th scope="row">
                            <label for="proseo-api-url"><?php esc_html_e('API URL', 'proseo'); ?></label>
                        </th>
                        <td>
                            <input
                                type="url"
                                class="regular-text"
                                id="proseo-api-url"
                                name="<?php echo esc_attr($name); ?>[api_url]"
                                value="<?php echo esc_attr($s['api_url']); ?>"
                                placeholder="https://api.example.com"
                            >
                            <p class="description">
                                <?php esc_html_e('The proseo edge API, without /api/v1.', 'proseo'); ?>
                            </p>
                        </td>
                    </tr>
                    <tr>
                        <th scope="row">
                            <label for="proseo-api-key"><?php esc_html_e('API key', 'proseo'); ?></label>
                        </th>
                        <td>
                            <input
                                type="password"
                                class="regular-text"
                                id="proseo-api-key"
                                name="proseo_api_key_new"
                                value=""
                                autocomplete="new-password"
                                placeholder="<?php echo esc_attr($hint !== '' ? $hint : 'psk_…'); ?>"
                            >
                            <p class="description"><?php echo esc_html($keyNote); ?></p>
                        </td>
                    </tr>
                    <tr>
                        <th scope="row">
                            <label for="proseo-template"><?php esc_html_e('Default template', 'proseo'); ?></label>
                        </th>
                        <td>
                            <select id="proseo-template" name="<?php echo esc_attr($name); ?>[template]">
                                <?php foreach (Settings::TEMPLATES as $template) : ?>
                                    <option
                                        value="<?php echo esc_attr($template); ?>"
                                        <?php selected($s['template'], $template); ?>
                                    ><?php echo esc_html($template); ?></option>
                                <?php endforeach; ?>
                            </select>
                        </td>
                    </tr>
                    <tr>
                        <th scope="row">
                            <label for="proseo-tone"><?php esc_html_e('Tone of voice', 'proseo'); ?></label>
                        </th>
                        <td>
                            <select id="proseo-tone" name="<?php echo esc_attr($name); ?>[tone]">
                                <?php foreach (Settings::TONES as $tone) : ?>
                                    <option
                                        value="<?php echo esc_attr($tone); ?>"
                                        <?php selected($s['tone'], $tone); ?>
                                    ><?php echo esc_html($tone); ?></option>
                                <?php endforeach; ?>
                            </select>
                        </td>
                    </tr>
                    <tr>
                        <th scope="row">
                            <label for="proseo-banned"><?php esc_html_e('Banned words', 'proseo'); ?></label>
                        </th>
                        <td>
                            <input
                                type="text"
                                class="large-text"
                                id="proseo-banned"
                                name="<?php echo esc_attr($name); ?>[banned_words]"
                                value="<?php echo esc_attr($s['banned_words']); ?>"
                            >
                            <p class="description">
                                <?php esc_html_e('Comma-separated words the descriptions must never use.', 'proseo'); ?>
                            </p>
                        </td>
                    </tr>
                    <tr>
                        <th scope="row">
                            <label for="proseo-language"><?php esc_html_e('Language', 'proseo'); ?></label>
                        </th>
                        <td>
                            <input
                                type="text"
                                class="small-text"
                                id="proseo-language"
                                name="<?php echo esc_attr($name); ?>[language]"
                                value="<?php echo esc_attr($s['language']); ?>"
                            >
                            <p class="description">
                                <?php esc_html_e('ISO 639-1 code, e.g. en, de, fr.', 'proseo'); ?>
                            </p>
                        </td>
                    </tr>
                    <tr>
                        <th scope="row">
                            <label for="proseo-target"><?php esc_html_e('Target score', 'proseo'); ?></label>
                        </th>
                        <td>
                            <input
                                type="number"
                                min="0"
                                max="100"
                                class="small-text"
                                id="proseo-target"
                                name="<?php echo esc_attr($name); ?>[target_score]"
                                value="<?php echo esc_attr((string) $s['target_score']); ?>"
                            >
                            <p class="description"><?php echo esc_html($targetNote); ?></p>
                        </td>
                    </tr>
                </table>
                <?php submit_button(); ?>
            </form>
            <h2><?php esc_html_e('Connection', 'proseo'); ?></h2>
            <p>
                <button type="button" class="button" id="proseo-test-connection"><?php
                    esc_html_e('Test connection', 'proseo');
                ?></button>
                <span id="proseo-test-result" role="status"></span>
            </p>
            <p>
                <a href="<?php echo esc_url(admin_url('admin.php?page=' . Onboarding::SLUG)); ?>"><?php
                    esc_html_e('Run the setup wizard again', 'proseo');
                ?></a>
            </p>
        </div>
        <?php
    }
}
