<?php

namespace Proseo;

/**
 * What uninstall.php does: removes everything proseo stored, on every site of a network (and
 * on the one site otherwise), and on every network:
 *
 * - per site: the options `proseo_*`, the transients `proseo_*`, the table `{prefix}proseo_logs`,
 *   the post meta `_proseo_*`, the capabilities `proseo_generate` / `proseo_manage` where a role
 *   editor gave them to a role or a user, and every scheduled event of a `proseo_*` hook;
 * - per network: the network options and site transients `proseo_*`.
 *
 * Yoast SEO / Rank Math meta that proseo wrote belongs to those plugins now and stays, and so do
 * the image alt texts it wrote into the media library. Sites
 * are visited 100 at a time, so a large network is not loaded into memory at once.
 */
final class Uninstaller
{
    public const PREFIX = 'proseo_';
    public const CAPABILITIES = [Capabilities::GENERATE, Capabilities::MANAGE];
    private const BATCH = 100;

    public static function run(): void
    {
        if (!is_multisite()) {
            self::cleanSite();
            wp_cache_flush();
            return;
        }
        for ($offset = 0;; $offset += self::BATCH) {
            $sites = get_sites([
                'fields' => 'ids',
                'number' => self::BATCH,
                'offset' => $offset,
                'orderby' => 'id',
                'update_site_meta_cache' => false,
            ]);
            foreach ($sites as $siteId) {
                switch_to_blog((int) $siteId);
                try {
                    self::cleanSite();
                } finally {
                    restore_current_blog();
                }
            }
            if (count($sites) < self::BATCH) {
                break;
            }
        }
        foreach (get_networks(['fields' => 'ids', 'number' => 0]) as $networkId) {
            self::cleanNetwork((int) $networkId);
        }
        wp_cache_flush();
    }

    /** Everything of the current site (switch_to_blog() first on a network). */
    public static function cleanSite(): void
    {
        global $wpdb;
        $like = static function (string $prefix) use ($wpdb): string {
            return $wpdb->esc_like($prefix . self::PREFIX) . '%';
        };
        // Options and transients; on a single site, network options and site transients live
        // in the same table.
        $patterns = ['', '_transient_', '_transient_timeout_'];
        if (!is_multisite()) {
            array_push($patterns, '_site_transient_', '_site_transient_timeout_');
        }
        $where = implode(' OR ', array_fill(0, count($patterns), 'option_name LIKE %s'));
        $options = $wpdb->get_col($wpdb->prepare(
            "SELECT option_name FROM {$wpdb->options} WHERE {$where}",
            array_map($like, $patterns)
        ));
        foreach ($options as $option) {
            delete_option($option);
        }

        $wpdb->query("DROP TABLE IF EXISTS {$wpdb->prefix}proseo_logs");
        $wpdb->query($wpdb->prepare("DELETE FROM {$wpdb->postmeta} WHERE meta_key LIKE %s", $like('_')));

        foreach (wp_roles()->role_objects as $role) {
            foreach (self::CAPABILITIES as $capability) {
                if (isset($role->capabilities[$capability])) {
                    $role->remove_cap($capability);
                }
            }
        }
        $users = $wpdb->get_col($wpdb->prepare(
            "SELECT user_id FROM {$wpdb->usermeta} WHERE meta_key = %s AND meta_value LIKE %s",
            $wpdb->get_blog_prefix() . 'capabilities',
            '%' . $wpdb->esc_like(self::PREFIX) . '%'
        ));
        foreach ($users as $userId) {
            $user = new \WP_User((int) $userId);
            foreach (self::CAPABILITIES as $capability) {
                if (isset($user->caps[$capability])) {
                    $user->remove_cap($capability);
                }
            }
        }

        $hooks = [];
        foreach ((array) _get_cron_array() as $events) {
            foreach (array_keys((array) $events) as $hook) {
                if (strpos((string) $hook, self::PREFIX) === 0) {
                    $hooks[$hook] = true;
                }
            }
        }
        foreach (array_keys($hooks) as $hook) {
            wp_unschedule_hook($hook);
        }
    }

    /** The network options and site transients of one network. */
    public static function cleanNetwork(int $networkId): void
    {
        global $wpdb;
        $keys = $wpdb->get_col($wpdb->prepare(
            "SELECT meta_key FROM {$wpdb->sitemeta} WHERE site_id = %d"
            . ' AND (meta_key LIKE %s OR meta_key LIKE %s OR meta_key LIKE %s)',
            $networkId,
            $wpdb->esc_like(self::PREFIX) . '%',
            $wpdb->esc_like('_site_transient_' . self::PREFIX) . '%',
            $wpdb->esc_like('_site_transient_timeout_' . self::PREFIX) . '%'
        ));
        foreach ($keys as $key) {
            delete_network_option($networkId, $key);
        }
    }
}
