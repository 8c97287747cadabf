<?php

namespace ProseoTest;

use Proseo\Capabilities;
use Proseo\Logger;
use Proseo\Plugin;
use Proseo\Settings;

/**
 * Uninstalling (WordPress's uninstall_plugin(), which runs uninstall.php) removes the options,
 * transients, the logs table, the plugin's post meta, the capabilities a role editor gave out
 * and the scheduled events, and leaves everything else. Runs alone (the `uninstall` group):
 * DROP TABLE commits, so the test puts the site back afterwards (activation recreates the table;
 * the settings and key are restored). The same on every site of a network: MultisiteUninstallTest.
 *
 * @group uninstall
 */
final class UninstallTest extends \PHPUnit\Framework\TestCase
{
    public function testUninstallRemovesEverything(): void
    {
        global $wpdb;
        $settings = get_option(Settings::OPTION);
        $key = get_option(Settings::KEY_OPTION);
        $onboarding = get_option(Settings::ONBOARDING_OPTION);
        $user = get_user_by('login', 'admin');
        wp_set_current_user($user->ID);
        $id = wp_insert_post([
            'post_type' => 'product',
            'post_title' => 'Uninstall mug',
            'post_status' => 'publish',
            'post_content' => 'x',
        ]);
        update_post_meta($id, '_proseo_suggestion', ['content' => ['description' => 'y']]);
        update_post_meta($id, '_proseo_revision', ['post_content' => 'x']);
        update_post_meta($id, '_proseo_keyphrase', 'mug');
        update_post_meta($id, '_proseo_written_items', ['itm_1']);
        update_post_meta($id, '_proseo_jsonld', ['json_ld' => ['@type' => 'Product'], 'hash' => 'x']);
        $image = wp_insert_attachment([
            'post_title' => 'i',
            'post_mime_type' => 'image/jpeg',
            'post_status' => 'inherit',
        ]);
        update_post_meta($image, '_wp_attachment_image_alt', 'Written by proseo');
        update_post_meta($id, '_sku', 'KEEP-1');
        Plugin::instance()->logger->log('generate', 'ok', ['product_id' => $id]);
        update_option('proseo_jobs', ['job_1' => ['id' => 'job_1', 'background' => true]]);
        update_option('proseo_writeback_job_1', ['state' => 'running', 'written' => 1]);
        update_option('proseo_writeback_lock', 'token|' . (time() + 60));
        wp_schedule_single_event(time() + 60, 'proseo_bulk_writeback');
        set_transient('proseo_probe', 'x', HOUR_IN_SECONDS);
        set_site_transient('proseo_probe', 'x', HOUR_IN_SECONDS);
        get_role('editor')->add_cap(Capabilities::GENERATE);
        $author = get_user_by('login', 'author');
        $author->add_cap(Capabilities::MANAGE);
        wp_schedule_single_event(time() + HOUR_IN_SECONDS, 'proseo_probe_event', [1]);
        wp_schedule_event(time() + HOUR_IN_SECONDS, 'daily', 'proseo_probe_daily');
        wp_schedule_single_event(time() + HOUR_IN_SECONDS, 'other_plugin_event');
        update_option('other_plugin_option', 'stays');
        $this->assertNotFalse(get_transient('proseo_probe'), 'seeded');
        $this->assertTrue(get_role('editor')->has_cap(Capabilities::GENERATE), 'seeded');

        try {
            $this->assertTrue(uninstall_plugin('proseo/proseo.php'));
            wp_cache_flush();

            $this->assertSame(
                [],
                $wpdb->get_col("SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE '%proseo%'"),
                'options, transients and site transients'
            );
            $this->assertNull($wpdb->get_var($wpdb->prepare('SHOW TABLES LIKE %s', Logger::table())));
            $this->assertSame(
                '0',
                $wpdb->get_var("SELECT COUNT(*) FROM {$wpdb->postmeta} WHERE meta_key LIKE '\\_proseo\\_%'")
            );
            $this->assertSame('KEEP-1', get_post_meta($id, '_sku', true), 'other meta stays');
            $this->assertSame(
                'Written by proseo',
                get_post_meta($image, '_wp_attachment_image_alt', true),
                'alt texts belong to the media library'
            );

            $roles = get_option($wpdb->get_blog_prefix() . 'user_roles');
            $this->assertArrayNotHasKey(Capabilities::GENERATE, $roles['editor']['capabilities']);
            $this->assertTrue($roles['editor']['capabilities']['edit_posts'], 'other capabilities stay');
            $caps = get_user_meta($author->ID, $wpdb->get_blog_prefix() . 'capabilities', true);
            $this->assertSame(['author' => true], $caps, 'the user keeps their role, not proseo_manage');

            $hooks = [];
            foreach ((array) _get_cron_array() as $events) {
                $hooks = array_merge($hooks, array_keys($events));
            }
            $this->assertSame([], preg_grep('/^proseo_/', $hooks), 'scheduled events');
            $this->assertContains('other_plugin_event', $hooks, 'other events stay');
            $this->assertSame('stays', get_option('other_plugin_option'));
        } finally {
            // Put the test site back.
            wp_delete_post($id, true);
            delete_option('other_plugin_option');
            wp_clear_scheduled_hook('other_plugin_event');
            get_role('editor')->remove_cap(Capabilities::GENERATE);
            $author->remove_cap(Capabilities::MANAGE);
            Plugin::activate();
            update_option(Settings::OPTION, $settings);
            add_option(Settings::KEY_OPTION, $key, '', 'no');
            update_option(Settings::ONBOARDING_OPTION, $onboarding);
            \ProseoTest\install_roles();
        }
        $this->assertNotNull($wpdb->get_var($wpdb->prepare('SHOW TABLES LIKE %s', Logger::table())), 'restored');
    }
}
