<?php

namespace Proseo\Admin;

use Proseo\Capabilities;
use Proseo\EdgeUrl;
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

    /**
     * Sanitizes the settings form; the new API key (if one was typed) is stored on the side. An
     * API URL that EdgeUrl::policy() refuses (http:// to another host, loopback where it is not
     * allowed, …) is not saved: the previous one stays and the reason is shown.
     */
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
        $input = is_array($input) ? $input : [];
        $clean = Settings::clean($input);
        $typed = trim((string) ($input['api_url'] ?? ''));
        // Something typed that does not survive cleaning (javascript:…, ftp://…) is refused too.
        $refused = $typed !== '' ? EdgeUrl::policy($clean['api_url']) : null;
        if ($refused) {
            add_settings_error('proseo', $refused->get_error_code(), $refused->get_error_message());
            $clean['api_url'] = (string) $this->settings->get('api_url');
        }
        return $clean;
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
                    <?php
                    $this->inputRow('proseo-api-url', __('API URL', 'proseo'), [
                        'type' => 'url',
                        'class' => 'regular-text',
                        'name' => $name . '[api_url]',
                        'value' => $s['api_url'],
                        'placeholder' => 'https://api.example.com',
                    ], __('The proseo edge API, without /api/v1.', 'proseo'));
                    $this->inputRow('proseo-api-key', __('API key', 'proseo'), [
                        'type' => 'password',
                        'class' => 'regular-text',
                        'name' => 'proseo_api_key_new',
                        'value' => '',
                        'autocomplete' => 'new-password',
                        'placeholder' => $hint !== '' ? $hint : 'psk_…',
                    ], $keyNote);
                    $this->selectRow(
                        'proseo-template',
                        __('Default template', 'proseo'),
                        $name . '[template]',
                        Settings::templateLabels(),
                        (string) $s['template']
                    );
                    $this->selectRow(
                        'proseo-tone',
                        __('Tone of voice', 'proseo'),
                        $name . '[tone]',
                        Settings::toneLabels(),
                        (string) $s['tone']
                    );
                    $this->inputRow('proseo-banned', __('Banned words', 'proseo'), [
                        'type' => 'text',
                        'class' => 'large-text',
                        'name' => $name . '[banned_words]',
                        'value' => $s['banned_words'],
                    ], __('Comma-separated words the descriptions must never use.', 'proseo'));
                    $this->inputRow('proseo-language', __('Language', 'proseo'), [
                        'type' => 'text',
                        'class' => 'small-text',
                        'name' => $name . '[language]',
                        'value' => $s['language'],
                    ], __('ISO 639-1 code, e.g. en, de, fr.', 'proseo') . ' ' . __(
                        'Products with a language from WPML or Polylang are written and scored in that language.',
                        'proseo'
                    ));
                    $this->inputRow('proseo-target', __('Target score', 'proseo'), [
                        'type' => 'number',
                        'min' => '0',
                        'max' => '100',
                        'class' => 'small-text',
                        'name' => $name . '[target_score]',
                        'value' => (string) $s['target_score'],
                    ], $targetNote);
                    $this->checkboxRow(
                        'proseo-overwrite-alt',
                        __('Image alt texts', 'proseo'),
                        $name . '[overwrite_alt]',
                        (bool) $s['overwrite_alt'],
                        __('Replace alt texts that are already written', 'proseo'),
                        __('Generated alt texts fill images that have none.', 'proseo') . ' '
                            . __('With this, they also replace alt texts you wrote.', 'proseo')
                    );
                    $this->checkboxRow(
                        'proseo-jsonld',
                        __('Structured data', 'proseo'),
                        $name . '[jsonld]',
                        (bool) $s['jsonld'],
                        __('Output Product JSON-LD on product pages', 'proseo'),
                        __(
                            'Not when Yoast WooCommerce SEO, Rank Math or WooCommerce itself already outputs it.',
                            'proseo'
                        )
                    );
                    ?>
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

    /**
     * One settings row with an <input>; every attribute value is escaped here.
     *
     * @param array<string, string> $attrs
     */
    private function inputRow(string $id, string $label, array $attrs, string $description): void
    {
        echo '<tr><th scope="row"><label for="' . esc_attr($id) . '">' . esc_html($label) . '</label></th><td>';
        echo '<input id="' . esc_attr($id) . '"';
        foreach ($attrs as $attr => $value) {
            echo ' ' . esc_attr($attr) . '="' . esc_attr($value) . '"';
        }
        echo '>';
        echo '<p class="description">' . esc_html($description) . '</p></td></tr>';
    }

    /** One settings row with a checkbox (value 1); escaped here. */
    private function checkboxRow(
        string $id,
        string $label,
        string $name,
        bool $checked,
        string $text,
        string $description
    ): void {
        echo '<tr><th scope="row">' . esc_html($label) . '</th><td><label for="' . esc_attr($id) . '">';
        echo '<input type="checkbox" value="1" id="' . esc_attr($id) . '" name="' . esc_attr($name) . '"';
        checked($checked);
        echo '> ' . esc_html($text) . '</label>';
        echo '<p class="description">' . esc_html($description) . '</p></td></tr>';
    }

    /**
     * One settings row with a <select> of `$choices` (value => label).
     *
     * @param array<string, string> $choices
     */
    private function selectRow(string $id, string $label, string $name, array $choices, string $current): void
    {
        echo '<tr><th scope="row"><label for="' . esc_attr($id) . '">' . esc_html($label) . '</label></th><td>';
        echo '<select id="' . esc_attr($id) . '" name="' . esc_attr($name) . '">';
        foreach ($choices as $choice => $choiceLabel) {
            echo '<option value="' . esc_attr($choice) . '"';
            selected($current, $choice);
            echo '>' . esc_html($choiceLabel) . '</option>';
        }
        echo '</select></td></tr>';
    }
}
