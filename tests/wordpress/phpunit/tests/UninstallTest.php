<?php

namespace ProseoTest;

use Proseo\Logger;
use Proseo\Plugin;
use Proseo\Settings;

/**
 * uninstall.php removes the options, the logs table and the plugin's post meta. Runs alone (the
 * `uninstall` group, last): DROP TABLE commits, so the test puts the site back afterwards
 * (activation recreates the table; the settings and key are restored).
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
        update_post_meta($id, '_sku', 'KEEP-1');
        Plugin::instance()->logger->log('generate', 'ok', ['product_id' => $id]);
        update_option('proseo_jobs', ['job_1' => ['id' => 'job_1']]);

        try {
            define('WP_UNINSTALL_PLUGIN', 'proseo/proseo.php');
            include dirname(__DIR__, 4) . '/wordpress-plugin/uninstall.php';

            $this->assertSame(
                [],
                $wpdb->get_col("SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE 'proseo\\_%'")
            );
            $this->assertNull($wpdb->get_var($wpdb->prepare('SHOW TABLES LIKE %s', Logger::table())));
            $this->assertSame(
                '0',
                $wpdb->get_var("SELECT COUNT(*) FROM {$wpdb->postmeta} WHERE meta_key LIKE '\\_proseo\\_%'")
            );
            $this->assertSame('KEEP-1', get_post_meta($id, '_sku', true), 'other meta stays');
        } finally {
            // Put the test site back.
            wp_delete_post($id, true);
            Plugin::activate();
            update_option(Settings::OPTION, $settings);
            add_option(Settings::KEY_OPTION, $key, '', 'no');
            update_option(Settings::ONBOARDING_OPTION, $onboarding);
        }
        $this->assertNotNull($wpdb->get_var($wpdb->prepare('SHOW TABLES LIKE %s', Logger::table())), 'restored');
    }
}
