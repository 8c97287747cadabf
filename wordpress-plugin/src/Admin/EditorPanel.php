<?php

namespace Proseo\Admin;

use Proseo\Capabilities;
use Proseo\ContentWriter;
use Proseo\Language;
use Proseo\SeoMeta;
use Proseo\Settings;
use WP_Post;

/**
 * The "proseo" meta box on WooCommerce products: focus keyphrase, live SEO + readability score
 * and checks (computed in the browser by assets/js/editor.js), Generate → suggestion beside the
 * current text → Accept / Discard, and Undo.
 */
final class EditorPanel
{
    private Assets $assets;
    private ContentWriter $writer;
    private SeoMeta $seo;
    private Settings $settings;
    private Language $language;

    public function __construct(
        Assets $assets,
        ContentWriter $writer,
        SeoMeta $seo,
        Settings $settings,
        Language $language
    ) {
        $this->assets = $assets;
        $this->writer = $writer;
        $this->seo = $seo;
        $this->settings = $settings;
        $this->language = $language;
        $assets->forScreen(static function (\WP_Screen $screen): bool {
            return $screen->base === 'post'
                && $screen->post_type === 'product'
                && current_user_can(Capabilities::GENERATE);
        }, 'editor', [$this, 'config']);
    }

    public function add(WP_Post $post): void
    {
        if (!current_user_can(Capabilities::GENERATE)) {
            return;
        }
        add_meta_box(
            'proseo-panel',
            __('proseo: SEO & readability', 'proseo'),
            [$this, 'render'],
            'product',
            'normal',
            'high'
        );
    }

    /**
     * The editor script's configuration for the product being edited. `locale` (the analysis
     * locale: the product's WPML/Polylang language, else the site's) replaces the screens'
     * default, get_locale().
     */
    public function config(): array
    {
        $post = get_post();
        $postId = $post ? (int) $post->ID : 0;
        $keys = $this->seo->keys();
        return [
            'postId' => $postId,
            'locale' => $postId ? $this->language->locale($postId) : $this->language->siteLocale(),
            'seoTarget' => SeoMeta::LABELS[$this->seo->target()],
            'seoTitle' => (string) get_post_meta($postId, $keys['title'], true),
            'metaDescription' => (string) get_post_meta($postId, $keys['description'], true),
            'slug' => $post ? $post->post_name : '',
            'sku' => (string) get_post_meta($postId, '_sku', true),
            'suggestion' => $this->writer->suggestion($postId),
            'canUndo' => $this->writer->hasRevision($postId),
            'overwriteAlt' => (bool) $this->settings->get('overwrite_alt'),
            'configured' => $this->settings->isConfigured(),
            'settingsUrl' => admin_url('options-general.php?page=proseo'),
        ];
    }

    public function render(WP_Post $post): void
    {
        wp_nonce_field('proseo_keyphrase', 'proseo_keyphrase_nonce');
        ?>
        <div
            id="proseo-root"
            class="proseo-panel"
            data-post-id="<?php echo esc_attr((string) $post->ID); ?>"
            data-locale="<?php echo esc_attr($this->language->locale((int) $post->ID)); ?>"
        >
            <p class="proseo-keyphrase">
                <label for="proseo-keyphrase"><strong><?php
                    esc_html_e('Focus keyphrase', 'proseo');
                ?></strong></label>
                <input
                    type="text"
                    id="proseo-keyphrase"
                    name="proseo_keyphrase"
                    class="regular-text"
                    dir="auto"
                    value="<?php echo esc_attr($this->seo->keyphrase((int) $post->ID)); ?>"
                    placeholder="<?php esc_attr_e('e.g. ceramic coffee mug', 'proseo'); ?>"
                >
            </p>
            <div class="proseo-scores" aria-live="polite">
                <span class="proseo-score" id="proseo-seo-score" data-rating="na"><?php
                    esc_html_e('SEO', 'proseo');
                ?> <b>–</b></span>
                <span class="proseo-score" id="proseo-readability-score" data-rating="na"><?php
                    esc_html_e('Readability', 'proseo');
                ?> <b>–</b></span>
                <span class="proseo-timing" id="proseo-timing"></span>
            </div>
            <p class="proseo-language" id="proseo-language"></p>
            <p class="proseo-engine-status" id="proseo-engine-status"><?php
                esc_html_e('Loading the scoring engine…', 'proseo');
            ?></p>
            <div class="proseo-columns">
                <div>
                    <h4><?php esc_html_e('SEO checks', 'proseo'); ?></h4>
                    <p class="proseo-coverage" id="proseo-seo-coverage"></p>
                    <ul class="proseo-checks" id="proseo-seo-checks"></ul>
                </div>
                <div>
                    <h4><?php esc_html_e('Readability checks', 'proseo'); ?></h4>
                    <p class="proseo-coverage" id="proseo-readability-coverage"></p>
                    <ul class="proseo-checks" id="proseo-readability-checks"></ul>
                </div>
            </div>
            <div class="proseo-highlight" id="proseo-highlight" hidden></div>
            <div class="proseo-jsonld" id="proseo-jsonld">
                <h4><?php esc_html_e('Structured data (Product rich results)', 'proseo'); ?></h4>
                <p id="proseo-jsonld-status" role="status"></p>
                <ul class="proseo-checks" id="proseo-jsonld-checks"></ul>
            </div>
            <p class="proseo-actions">
                <button type="button" class="button button-primary" id="proseo-generate"><?php
                    esc_html_e('Generate', 'proseo');
                ?></button>
                <button type="button" class="button" id="proseo-undo" hidden><?php
                    esc_html_e('Undo last accept', 'proseo');
                ?></button>
                <span class="proseo-message" id="proseo-message" role="status"></span>
            </p>
            <div class="proseo-suggestion" id="proseo-suggestion" hidden>
                <div class="proseo-compare">
                    <div>
                        <h4>
                            <?php esc_html_e('Current', 'proseo'); ?>
                            <span class="proseo-score" id="proseo-current-score"></span>
                        </h4>
                        <div class="proseo-preview" id="proseo-current" dir="auto"></div>
                    </div>
                    <div>
                        <h4>
                            <?php esc_html_e('Suggestion', 'proseo'); ?>
                            <span class="proseo-score" id="proseo-suggestion-score"></span>
                        </h4>
                        <div class="proseo-preview" id="proseo-suggested" dir="auto"></div>
                        <dl class="proseo-meta" id="proseo-suggested-meta"></dl>
                    </div>
                </div>
                <p class="proseo-keeps" id="proseo-keeps" hidden></p>
                <p class="proseo-alt-choice" id="proseo-alt-choice" hidden>
                    <label>
                        <input type="checkbox" id="proseo-overwrite-alt">
                        <?php esc_html_e('Also replace alt texts that are already written', 'proseo'); ?>
                    </label>
                </p>
                <p>
                    <button type="button" class="button button-primary" id="proseo-accept"><?php
                        esc_html_e('Accept', 'proseo');
                    ?></button>
                    <button type="button" class="button" id="proseo-discard"><?php
                        esc_html_e('Discard', 'proseo');
                    ?></button>
                </p>
            </div>
        </div>
        <?php
    }

    /** `save_post_product`: the keyphrase field, into the active SEO plugin's meta. */
    public function save(int $postId): void
    {
        $nonce = isset($_POST['proseo_keyphrase_nonce'])
            ? sanitize_text_field(wp_unslash($_POST['proseo_keyphrase_nonce']))
            : '';
        if (!isset($_POST['proseo_keyphrase']) || !wp_verify_nonce($nonce, 'proseo_keyphrase')) {
            return;
        }
        if (
            wp_is_post_autosave($postId)
            || !current_user_can('edit_post', $postId)
            || !current_user_can(Capabilities::GENERATE)
        ) {
            return;
        }
        $keyphrase = sanitize_text_field(wp_unslash($_POST['proseo_keyphrase']));
        $key = $this->seo->keys()['keyphrase'];
        if ($keyphrase === '') {
            delete_post_meta($postId, $key);
        } else {
            update_post_meta($postId, $key, wp_slash($keyphrase));
        }
    }
}
