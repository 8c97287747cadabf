<?php

namespace Proseo\Admin;

use Proseo\ApiClient;
use Proseo\Capabilities;
use Proseo\EdgeUrl;
use Proseo\SeoMeta;
use Proseo\Settings;

/**
 * The first-run wizard (shown once after activation, reachable from the settings page):
 * 1 connect (API URL + key, checked against the API), 2 brand voice, 3 SEO plugin detection,
 * 4 try it on one product.
 */
final class Onboarding
{
    public const SLUG = 'proseo-setup';
    public const STEPS = 4;

    private Settings $settings;
    private SeoMeta $seo;
    private ApiClient $api;

    public function __construct(Settings $settings, SeoMeta $seo, ApiClient $api)
    {
        $this->settings = $settings;
        $this->seo = $seo;
        $this->api = $api;
    }

    public function menu(): void
    {
        // A page without a menu entry: registered under options.php, which has no submenu.
        add_submenu_page(
            'options.php',
            __('Set up proseo', 'proseo'),
            __('Set up proseo', 'proseo'),
            Capabilities::MANAGE,
            self::SLUG,
            [$this, 'render']
        );
    }

    public static function url(int $step, string $error = ''): string
    {
        $args = ['page' => self::SLUG, 'step' => $step];
        if ($error !== '') {
            $args['proseo_error'] = rawurlencode($error);
        }
        return add_query_arg($args, admin_url('admin.php'));
    }

    /** Sends the activating admin to the wizard once. */
    public function maybeRedirect(): void
    {
        if (
            get_option(Settings::ONBOARDING_OPTION) !== 'redirect'
            || wp_doing_ajax()
            || !current_user_can(Capabilities::MANAGE)
        ) {
            return;
        }
        update_option(Settings::ONBOARDING_OPTION, 'started');
        // phpcs:ignore WordPress.Security.NonceVerification -- only reads whether this is a bulk activation.
        if (isset($_GET['activate-multi'])) {
            return;
        }
        wp_safe_redirect(self::url(1));
        exit;
    }

    /** admin-post.php?action=proseo_onboarding */
    public function save(): void
    {
        if (!current_user_can(Capabilities::MANAGE)) {
            wp_die(esc_html__('You are not allowed to do this.', 'proseo'), 403);
        }
        check_admin_referer('proseo_onboarding');
        $step = isset($_POST['step']) ? (int) $_POST['step'] : 1;
        $post = static function (string $key): string {
            return isset($_POST[$key]) ? sanitize_text_field(wp_unslash($_POST[$key])) : '';
        };
        if ($step === 1) {
            $url = Settings::clean(['api_url' => $post('api_url')])['api_url'];
            $refused = $post('api_url') !== '' ? EdgeUrl::policy($url) : null;
            if ($refused) {
                wp_safe_redirect(self::url(1, $refused->get_error_message()));
                exit;
            }
            $this->settings->update(['api_url' => $url]);
            $this->settings->setApiKey($post('api_key'));
            $check = $this->api->request('GET', '/usage');
            if (is_wp_error($check)) {
                wp_safe_redirect(self::url(1, $check->get_error_message()));
                exit;
            }
        } elseif ($step === 2) {
            $this->settings->update([
                'tone' => $post('tone'),
                'banned_words' => $post('banned_words'),
                'language' => $post('language'),
            ]);
        } elseif ($step >= self::STEPS) {
            update_option(Settings::ONBOARDING_OPTION, 'done');
            wp_safe_redirect(admin_url('edit.php?post_type=product'));
            exit;
        }
        wp_safe_redirect(self::url(min(self::STEPS, $step + 1)));
        exit;
    }

    public function render(): void
    {
        if (!current_user_can(Capabilities::MANAGE)) {
            return;
        }
        // phpcs:disable WordPress.Security.NonceVerification -- display only.
        $step = isset($_GET['step']) ? max(1, min(self::STEPS, (int) $_GET['step'])) : 1;
        $error = isset($_GET['proseo_error']) ? sanitize_text_field(wp_unslash($_GET['proseo_error'])) : '';
        // phpcs:enable
        $titles = [
            1 => __('Connect to proseo', 'proseo'),
            2 => __('Your brand voice', 'proseo'),
            3 => __('Your SEO plugin', 'proseo'),
            4 => __('Try it on a product', 'proseo'),
        ];
        $s = $this->settings->all();
        ?>
        <div class="wrap proseo-wizard">
            <h1><?php esc_html_e('Set up proseo', 'proseo'); ?></h1>
            <ol class="proseo-steps">
                <?php foreach ($titles as $n => $title) : ?>
                    <li class="<?php echo esc_attr($n === $step ? 'current' : ($n < $step ? 'done' : '')); ?>"><?php
                        echo esc_html($title);
                    ?></li>
                <?php endforeach; ?>
            </ol>
            <?php if ($error !== '') : ?>
                <div class="notice notice-error inline"><p><?php echo esc_html($error); ?></p></div>
            <?php endif; ?>
            <form
                method="post"
                action="<?php echo esc_url(admin_url('admin-post.php')); ?>"
                class="proseo-wizard-step"
                data-step="<?php echo esc_attr((string) $step); ?>"
            >
                <input type="hidden" name="action" value="proseo_onboarding">
                <input type="hidden" name="step" value="<?php echo esc_attr((string) $step); ?>">
                <?php wp_nonce_field('proseo_onboarding'); ?>
                <h2><?php echo esc_html($titles[$step]); ?></h2>
                <?php $this->renderStep($step, $s); ?>
                <p><button type="submit" class="button button-primary" id="proseo-wizard-next"><?php
                    echo esc_html($step < self::STEPS ? __('Continue', 'proseo') : __('Finish', 'proseo'));
                ?></button></p>
            </form>
        </div>
        <?php
    }

    private function renderStep(int $step, array $s): void
    {
        if ($step === 1) {
            $hint = $this->settings->keyHint();
            ?>
            <p><label for="proseo-wizard-url"><?php esc_html_e('API URL', 'proseo'); ?></label><br>
            <input
                type="url"
                class="regular-text"
                id="proseo-wizard-url"
                name="api_url"
                value="<?php echo esc_attr($s['api_url']); ?>"
                required
            ></p>
            <p><label for="proseo-wizard-key"><?php esc_html_e('API key', 'proseo'); ?></label><br>
            <input
                type="password"
                class="regular-text"
                id="proseo-wizard-key"
                name="api_key"
                value=""
                autocomplete="new-password"
                placeholder="<?php echo esc_attr($hint !== '' ? $hint : 'psk_…'); ?>"
            ></p>
            <p class="description"><?php esc_html_e('Continue checks the connection.', 'proseo'); ?></p>
            <?php
        } elseif ($step === 2) {
            ?>
            <p><label for="proseo-wizard-tone"><?php esc_html_e('Tone of voice', 'proseo'); ?></label><br>
            <select id="proseo-wizard-tone" name="tone">
                <?php foreach (Settings::toneLabels() as $tone => $toneLabel) : ?>
                    <option
                        value="<?php echo esc_attr($tone); ?>"
                        <?php selected($s['tone'], $tone); ?>
                    ><?php echo esc_html($toneLabel); ?></option>
                <?php endforeach; ?>
            </select></p>
            <p><label for="proseo-wizard-banned"><?php
                esc_html_e('Words to avoid (comma-separated)', 'proseo');
            ?></label><br>
            <input
                type="text"
                class="large-text"
                id="proseo-wizard-banned"
                name="banned_words"
                value="<?php echo esc_attr($s['banned_words']); ?>"
            ></p>
            <p><label for="proseo-wizard-language"><?php esc_html_e('Language', 'proseo'); ?></label><br>
            <input
                type="text"
                class="small-text"
                id="proseo-wizard-language"
                name="language"
                value="<?php echo esc_attr($s['language']); ?>"
            ></p>
            <?php
        } elseif ($step === 3) {
            $target = $this->seo->target();
            if ($target === 'proseo') {
                $text = __('No Yoast SEO or Rank Math found:', 'proseo') . ' ' . __(
                    'proseo keeps the SEO title, meta description and focus keyphrase in its own fields.',
                    'proseo'
                );
            } else {
                $text = sprintf(
                    /* translators: %s: Yoast SEO or Rank Math */
                    __(
                        '%s found: proseo writes the SEO title, meta description and focus keyphrase into its fields.',
                        'proseo'
                    ),
                    SeoMeta::LABELS[$target]
                );
            }
            ?>
            <p class="proseo-detected" id="proseo-wizard-detected"><?php echo esc_html($text); ?></p>
            <?php
        } else {
            $first = get_posts([
                'post_type' => 'product',
                'numberposts' => 1,
                'orderby' => 'ID',
                'order' => 'ASC',
                'fields' => 'ids',
            ]);
            if ($first) {
                $intro = __('Open a product, type a focus keyphrase, watch the score, and press Generate.', 'proseo');
                ?>
                <p><?php echo esc_html($intro); ?></p>
                <p><a
                    class="button"
                    id="proseo-wizard-try"
                    href="<?php echo esc_url((string) get_edit_post_link((int) $first[0], 'raw')); ?>"
                ><?php esc_html_e('Open a product', 'proseo'); ?></a></p>
                <?php
            } else {
                ?>
                <p><?php esc_html_e('Add your first product, then press Generate in its proseo box.', 'proseo'); ?></p>
                <?php
            }
        }
    }
}
