<?php

namespace Proseo\Admin;

use Proseo\Capabilities;
use Proseo\Logger;

/** Products → proseo logs: the activity log with filters (action, status, product, user). */
final class LogsPage
{
    public const SLUG = 'proseo-logs';

    private Logger $logger;

    public function __construct(Logger $logger)
    {
        $this->logger = $logger;
    }

    public function menu(): void
    {
        add_submenu_page(
            'edit.php?post_type=product',
            __('proseo logs', 'proseo'),
            __('proseo logs', 'proseo'),
            Capabilities::GENERATE,
            self::SLUG,
            [$this, 'render']
        );
    }

    public function render(): void
    {
        if (!current_user_can(Capabilities::GENERATE)) {
            return;
        }
        // phpcs:disable WordPress.Security.NonceVerification -- read-only filters.
        $filters = [
            'action' => isset($_GET['log_action']) ? sanitize_key(wp_unslash($_GET['log_action'])) : '',
            'status' => isset($_GET['log_status']) ? sanitize_key(wp_unslash($_GET['log_status'])) : '',
            'product_id' => isset($_GET['product_id']) ? absint($_GET['product_id']) : 0,
            'user_id' => isset($_GET['user_id']) ? absint($_GET['user_id']) : 0,
        ];
        $page = isset($_GET['paged']) ? max(1, absint($_GET['paged'])) : 1;
        // phpcs:enable
        $result = $this->logger->query($filters, $page);
        $pages = max(1, (int) ceil($result['total'] / 50));
        $actionLabels = Logger::actionLabels();
        $statusLabels = Logger::statusLabels();
        $users = [
            'name' => 'user_id',
            'selected' => $filters['user_id'],
            'show_option_all' => __('All', 'proseo'),
        ];
        ?>
        <div class="wrap proseo-logs">
            <h1><?php esc_html_e('proseo logs', 'proseo'); ?></h1>
            <form method="get" class="proseo-filters" id="proseo-log-filters">
                <input type="hidden" name="post_type" value="product">
                <input type="hidden" name="page" value="<?php echo esc_attr(self::SLUG); ?>">
                <label><?php esc_html_e('Action', 'proseo'); ?>
                    <select name="log_action">
                        <option value=""><?php esc_html_e('All', 'proseo'); ?></option>
                        <?php foreach (Logger::actionLabels() as $action => $actionLabel) : ?>
                            <option
                                value="<?php echo esc_attr($action); ?>"
                                <?php selected($filters['action'], $action); ?>
                            ><?php echo esc_html($actionLabel); ?></option>
                        <?php endforeach; ?>
                    </select>
                </label>
                <label><?php esc_html_e('Status', 'proseo'); ?>
                    <select name="log_status">
                        <option value=""><?php esc_html_e('All', 'proseo'); ?></option>
                        <?php foreach (Logger::statusLabels() as $status => $statusLabel) : ?>
                            <option
                                value="<?php echo esc_attr($status); ?>"
                                <?php selected($filters['status'], $status); ?>
                            ><?php echo esc_html($statusLabel); ?></option>
                        <?php endforeach; ?>
                    </select>
                </label>
                <label><?php esc_html_e('Product ID', 'proseo'); ?>
                    <input
                        type="number"
                        min="0"
                        class="small-text"
                        name="product_id"
                        value="<?php echo esc_attr($filters['product_id'] ? (string) $filters['product_id'] : ''); ?>"
                    >
                </label>
                <label><?php esc_html_e('User', 'proseo'); ?>
                    <?php wp_dropdown_users($users); ?>
                </label>
                <button type="submit" class="button"><?php esc_html_e('Filter', 'proseo'); ?></button>
            </form>
            <table class="widefat striped" id="proseo-log-table">
                <thead><tr>
                    <th><?php esc_html_e('Time (UTC)', 'proseo'); ?></th>
                    <th><?php esc_html_e('User', 'proseo'); ?></th>
                    <th><?php esc_html_e('Product', 'proseo'); ?></th>
                    <th><?php esc_html_e('Action', 'proseo'); ?></th>
                    <th><?php esc_html_e('Status', 'proseo'); ?></th>
                    <th><?php esc_html_e('Tokens', 'proseo'); ?></th>
                    <th><?php esc_html_e('Latency', 'proseo'); ?></th>
                    <th><?php esc_html_e('Error', 'proseo'); ?></th>
                </tr></thead>
                <tbody>
                <?php if (!$result['rows']) : ?>
                    <tr><td colspan="8"><?php esc_html_e('Nothing logged yet.', 'proseo'); ?></td></tr>
                <?php endif; ?>
                <?php foreach ($result['rows'] as $row) : ?>
                    <?php $user = get_userdata((int) $row->user_id); ?>
                    <tr
                        data-action="<?php echo esc_attr($row->action); ?>"
                        data-status="<?php echo esc_attr($row->status); ?>"
                    >
                        <td><?php echo esc_html($row->created_at); ?></td>
                        <td><?php echo esc_html($user ? $user->user_login : '–'); ?></td>
                        <td><?php if ((int) $row->product_id) : ?>
                            <a href="<?php echo esc_url((string) get_edit_post_link((int) $row->product_id)); ?>"><?php
                                echo esc_html(get_the_title((int) $row->product_id) ?: '#' . $row->product_id);
                            ?></a>
                            <?php else :
                                ?>–<?php
                            endif; ?></td>
                        <td><?php
                            $action = $actionLabels[$row->action] ?? $row->action;
                            echo esc_html($action . ($row->job_id !== '' ? ' (' . $row->job_id . ')' : ''));
                        ?></td>
                        <td><?php echo esc_html($statusLabels[$row->status] ?? $row->status); ?></td>
                        <td><?php echo esc_html(number_format_i18n((int) $row->tokens)); ?></td>
                        <td><?php
                            /* translators: %s: a duration in milliseconds */
                            echo esc_html(sprintf(__('%s ms', 'proseo'), number_format_i18n((int) $row->latency_ms)));
                        ?></td>
                        <td><?php echo esc_html(trim($row->error_code . ' ' . $row->error)); ?></td>
                    </tr>
                <?php endforeach; ?>
                </tbody>
            </table>
            <?php if ($pages > 1) : ?>
                <p class="proseo-pager"><?php
                echo wp_kses_post(paginate_links([
                    'base' => add_query_arg('paged', '%#%'),
                    'format' => '',
                    'current' => $page,
                    'total' => $pages,
                ]));
                                        ?></p>
            <?php endif; ?>
        </div>
        <?php
    }
}
