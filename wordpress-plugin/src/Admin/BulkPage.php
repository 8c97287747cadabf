<?php

namespace Proseo\Admin;

use Proseo\Capabilities;
use Proseo\Settings;

/**
 * Products → Generate with proseo: choose products (category, missing/short description,
 * search; paginated, with their current score computed in the browser), create a job on the
 * edge API, watch its progress, review before/after and accept or reject per row or "all with
 * a score of at least N" (assets/js/bulk.js); or have WP-Cron write the results scoring at
 * least N in the background (BulkWriteback), with its progress and errors shown when the page
 * is opened again, and cancel. Also the product list's bulk action.
 */
final class BulkPage
{
    public const SLUG = 'proseo-bulk';
    public const ACTION = 'proseo_generate';

    private Settings $settings;

    public function __construct(Assets $assets, Settings $settings)
    {
        $this->settings = $settings;
        $assets->forScreen(static function (\WP_Screen $screen): bool {
            return $screen->id === 'product_page_' . self::SLUG;
        }, 'bulk', [$this, 'config']);
    }

    public function menu(): void
    {
        add_submenu_page(
            'edit.php?post_type=product',
            __('Generate with proseo', 'proseo'),
            __('Generate with proseo', 'proseo'),
            Capabilities::GENERATE,
            self::SLUG,
            [$this, 'render']
        );
    }

    public function config(): array
    {
        // phpcs:ignore WordPress.Security.NonceVerification -- preselection from the bulk action's redirect.
        $raw = isset($_GET['products']) ? sanitize_text_field(wp_unslash($_GET['products'])) : '';
        $preselected = array_values(array_filter(array_map('intval', explode(',', $raw))));
        return [
            'preselected' => $preselected,
            'targetScore' => (int) $this->settings->get('target_score'),
            'configured' => $this->settings->isConfigured(),
        ];
    }

    /** @param array<string, string> $actions */
    public function addBulkAction(array $actions): array
    {
        if (current_user_can(Capabilities::GENERATE)) {
            $actions[self::ACTION] = __('Generate descriptions with proseo', 'proseo');
        }
        return $actions;
    }

    /** @param int[] $postIds */
    public function handleBulkAction(string $redirect, string $action, array $postIds): string
    {
        if ($action !== self::ACTION || !current_user_can(Capabilities::GENERATE)) {
            return $redirect;
        }
        return add_query_arg([
            'post_type' => 'product',
            'page' => self::SLUG,
            'products' => implode(',', array_map('intval', $postIds)),
        ], admin_url('edit.php'));
    }

    public function render(): void
    {
        if (!current_user_can(Capabilities::GENERATE)) {
            return;
        }
        $categories = get_terms(['taxonomy' => 'product_cat', 'hide_empty' => false]);
        ?>
        <div class="wrap proseo-bulk" id="proseo-bulk">
            <h1><?php esc_html_e('Generate descriptions with proseo', 'proseo'); ?></h1>
            <p class="proseo-engine-status" id="proseo-engine-status"></p>

            <section class="proseo-card" id="proseo-choose">
                <h2><?php esc_html_e('1. Choose products', 'proseo'); ?></h2>
                <div class="proseo-filters">
                    <label>
                        <?php esc_html_e('Search', 'proseo'); ?>
                        <input type="search" id="proseo-filter-search">
                    </label>
                    <label><?php esc_html_e('Category', 'proseo'); ?>
                        <select id="proseo-filter-category">
                            <option value="0"><?php esc_html_e('All categories', 'proseo'); ?></option>
                            <?php foreach (is_array($categories) ? $categories : [] as $term) : ?>
                                <option value="<?php echo esc_attr((string) $term->term_id); ?>"><?php
                                    echo esc_html($term->name);
                                ?></option>
                            <?php endforeach; ?>
                        </select>
                    </label>
                    <label>
                        <input type="checkbox" id="proseo-filter-missing">
                        <?php esc_html_e('Missing or short description', 'proseo'); ?>
                    </label>
                    <button type="button" class="button" id="proseo-filter-apply"><?php
                        esc_html_e('Filter', 'proseo');
                    ?></button>
                </div>
                <table class="widefat striped proseo-table" id="proseo-products">
                    <thead><tr>
                        <td class="check-column"><input
                            type="checkbox"
                            id="proseo-select-page"
                            aria-label="<?php esc_attr_e('Select this page', 'proseo'); ?>"
                        ></td>
                        <th><?php esc_html_e('Product', 'proseo'); ?></th>
                        <th><?php esc_html_e('Words', 'proseo'); ?></th>
                        <th><?php esc_html_e('SEO', 'proseo'); ?></th>
                        <th><?php esc_html_e('Readability', 'proseo'); ?></th>
                    </tr></thead>
                    <tbody></tbody>
                </table>
                <p class="proseo-pager">
                    <?php /* ‹ and › are bidi-mirrored characters: right-to-left pages show them reversed. */ ?>
                    <button
                        type="button"
                        class="button"
                        id="proseo-prev"
                        aria-label="<?php esc_attr_e('Previous page', 'proseo'); ?>"
                    >‹</button>
                    <span id="proseo-page-info"></span>
                    <button
                        type="button"
                        class="button"
                        id="proseo-next"
                        aria-label="<?php esc_attr_e('Next page', 'proseo'); ?>"
                    >›</button>
                    <button type="button" class="button-link" id="proseo-select-all"></button>
                </p>
                <p class="proseo-background">
                    <label>
                        <input type="checkbox" id="proseo-background" checked>
                        <?php esc_html_e('Write results with a score of at least', 'proseo'); ?>
                    </label>
                    <input
                        type="number"
                        id="proseo-background-score"
                        min="0"
                        max="100"
                        class="small-text"
                        aria-label="<?php esc_attr_e('Lowest score written in the background', 'proseo'); ?>"
                    >
                    <?php esc_html_e('to the products in the background. You can close this page.', 'proseo'); ?>
                </p>
                <p><button type="button" class="button button-primary" id="proseo-create-job" disabled></button></p>
            </section>

            <section class="proseo-card" id="proseo-jobs-card">
                <h2><?php esc_html_e('2. Jobs', 'proseo'); ?></h2>
                <ul id="proseo-jobs"></ul>
            </section>

            <section class="proseo-card" id="proseo-job" hidden>
                <h2 id="proseo-job-title"></h2>
                <div class="proseo-progress">
                    <progress id="proseo-progress" max="100" value="0"></progress>
                    <b id="proseo-progress-text">0 %</b>
                </div>
                <p id="proseo-job-counts"></p>
                <div class="proseo-writeback" id="proseo-writeback" hidden>
                    <p id="proseo-writeback-status" role="status"></p>
                    <ul class="proseo-writeback-errors" id="proseo-writeback-errors"></ul>
                </div>
                <p>
                    <button type="button" class="button" id="proseo-cancel-job" hidden><?php
                        esc_html_e('Cancel job', 'proseo');
                    ?></button>
                </p>
                <div id="proseo-review" hidden>
                    <h3><?php esc_html_e('3. Review', 'proseo'); ?></h3>
                    <p class="proseo-accept-all">
                        <label><?php esc_html_e('Accept all with a score of at least', 'proseo'); ?>
                        <input type="number" id="proseo-min-score" min="0" max="100" class="small-text"></label>
                        <button type="button" class="button button-primary" id="proseo-accept-all"><?php
                            esc_html_e('Accept all', 'proseo');
                        ?></button>
                        <span id="proseo-apply-status" role="status"></span>
                    </p>
                    <table class="widefat striped proseo-table" id="proseo-items">
                        <thead><tr>
                            <th><?php esc_html_e('Product', 'proseo'); ?></th>
                            <th><?php esc_html_e('Before', 'proseo'); ?></th>
                            <th><?php esc_html_e('After', 'proseo'); ?></th>
                            <th><?php esc_html_e('Score', 'proseo'); ?></th>
                            <th><?php esc_html_e('Status', 'proseo'); ?></th>
                            <th><?php esc_html_e('Decision', 'proseo'); ?></th>
                        </tr></thead>
                        <tbody></tbody>
                    </table>
                </div>
            </section>
        </div>
        <?php
    }
}
