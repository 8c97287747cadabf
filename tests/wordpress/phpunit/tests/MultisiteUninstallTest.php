<?php

namespace ProseoTest;

use Proseo\Capabilities;
use Proseo\Logger;
use Proseo\Plugin;
use Proseo\Settings;

/**
 * Uninstalling proseo from a network removes what it stored on every site (options, transients,
 * logs table, post meta, capabilities, scheduled events) and its network options, and leaves
 * everything else. Runs on the real multisite network tests/wordpress/up builds next to the
 * test site (three sites, proseo network-activated), in its own PHPUnit process:
 * WORDPRESS_CONFIG=$MS_CONFIG WP_URL=http://$MS_DOMAIN phpunit --group multisite.
 *
 * @group multisite
 */
final class MultisiteUninstallTest extends \PHPUnit\Framework\TestCase
{
    private const MEMBER = 'msmember';

    public function testUninstallCleansEverySiteAndTheNetwork(): void
    {
        global $wpdb;
        $this->assertTrue(is_multisite(), 'booted the test network');
        $this->assertTrue(is_plugin_active_for_network('proseo/proseo.php'), 'proseo is network-activated');
        $sites = array_map('intval', get_sites(['fields' => 'ids', 'number' => 0]));
        $this->assertGreaterThanOrEqual(3, count($sites));
        wp_set_current_user(get_user_by('login', 'admin')->ID);
        $member = get_user_by('login', self::MEMBER);
        $memberId = $member ? $member->ID : wp_insert_user([
            'user_login' => self::MEMBER,
            'user_pass' => wp_generate_password(),
            'user_email' => self::MEMBER . '@example.test',
        ]);
        $this->assertIsInt($memberId);

        $products = [];
        foreach ($sites as $siteId) {
            switch_to_blog($siteId);
            Plugin::activate(); // what network activation leaves to each site: the logs table
            update_option(Settings::OPTION, ['api_url' => 'https://api.example.com'] + Settings::defaults());
            update_option(Settings::KEY_OPTION, 'psk_site_' . $siteId, false);
            update_option('proseo_jobs', ['job_' . $siteId => ['id' => 'job_' . $siteId]], false);
            Plugin::instance()->logger->log('generate', 'ok', ['product_id' => 1]);
            set_transient('proseo_probe', 'x', HOUR_IN_SECONDS);
            $products[$siteId] = wp_insert_post([
                'post_type' => 'product',
                'post_title' => "Network mug $siteId",
                'post_status' => 'publish',
            ]);
            update_post_meta($products[$siteId], '_proseo_suggestion', ['content' => ['description' => 'y']]);
            update_post_meta($products[$siteId], '_proseo_keyphrase', 'mug');
            update_post_meta($products[$siteId], '_sku', "KEEP-$siteId");
            get_role('editor')->add_cap(Capabilities::GENERATE);
            add_user_to_blog($siteId, $memberId, 'author');
            (new \WP_User($memberId))->add_cap(Capabilities::MANAGE);
            wp_schedule_single_event(time() + HOUR_IN_SECONDS, 'proseo_probe_event', [$siteId]);
            wp_schedule_single_event(time() + HOUR_IN_SECONDS, 'other_plugin_event');
            update_option('other_plugin_option', 'stays');
            restore_current_blog();
        }
        update_site_option('proseo_network_probe', 'x');
        set_site_transient('proseo_probe', 'x', HOUR_IN_SECONDS);
        update_site_option('other_plugin_network_option', 'stays');
        foreach ($sites as $siteId) {
            switch_to_blog($siteId);
            $this->assertSame('https://api.example.com', get_option(Settings::OPTION)['api_url'], "seeded $siteId");
            $this->assertNotNull($wpdb->get_var($wpdb->prepare('SHOW TABLES LIKE %s', Logger::table())));
            restore_current_blog();
        }

        try {
            $this->assertTrue(uninstall_plugin('proseo/proseo.php'));
            wp_cache_flush();

            foreach ($sites as $siteId) {
                switch_to_blog($siteId);
                $prefix = $wpdb->get_blog_prefix();
                $this->assertSame(
                    [],
                    $wpdb->get_col("SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE '%proseo%'"),
                    "site $siteId: options and transients"
                );
                $this->assertNull(
                    $wpdb->get_var($wpdb->prepare('SHOW TABLES LIKE %s', $prefix . 'proseo_logs')),
                    "site $siteId: logs table"
                );
                $this->assertSame(
                    '0',
                    $wpdb->get_var("SELECT COUNT(*) FROM {$wpdb->postmeta} WHERE meta_key LIKE '\\_proseo\\_%'"),
                    "site $siteId: post meta"
                );
                $this->assertSame("KEEP-$siteId", get_post_meta($products[$siteId], '_sku', true));
                $roles = get_option($prefix . 'user_roles');
                $this->assertArrayNotHasKey(Capabilities::GENERATE, $roles['editor']['capabilities'], "site $siteId");
                $this->assertTrue($roles['editor']['capabilities']['edit_posts']);
                $this->assertSame(
                    ['author' => true],
                    get_user_meta($memberId, $prefix . 'capabilities', true),
                    "site $siteId: the member keeps their role, not proseo_manage"
                );
                $hooks = [];
                foreach ((array) _get_cron_array() as $events) {
                    $hooks = array_merge($hooks, array_keys($events));
                }
                $this->assertSame([], preg_grep('/^proseo_/', $hooks), "site $siteId: scheduled events");
                $this->assertContains('other_plugin_event', $hooks);
                $this->assertSame('stays', get_option('other_plugin_option'));
                restore_current_blog();
            }
            $this->assertSame(
                [],
                $wpdb->get_col("SELECT meta_key FROM {$wpdb->sitemeta} WHERE meta_key LIKE '%proseo%'"),
                'network options and site transients'
            );
            $this->assertSame('stays', get_site_option('other_plugin_network_option'));
        } finally {
            foreach ($sites as $siteId) {
                switch_to_blog($siteId);
                wp_delete_post($products[$siteId], true);
                delete_option('other_plugin_option');
                wp_clear_scheduled_hook('other_plugin_event');
                restore_current_blog();
            }
            delete_site_option('other_plugin_network_option');
        }
    }
}
