<?php

namespace ProseoTest;

use Proseo\BulkJobs;
use Proseo\BulkWriteback;
use Proseo\ContentWriter;

/**
 * The background write-back of bulk jobs, driving the WP-Cron callback against the live edge
 * API's queue: a job started with `background` is approved on the edge API and written by the
 * cron run with no page open (description, short description, SEO meta, alt texts), as the
 * user who started it; the run re-schedules itself while work is left, is bounded, keeps a
 * second run out with its lock, never writes an item twice, records errors, and cancel stops
 * it. Jobs without `background` are left to the page.
 */
final class BulkWritebackTest extends TestCase
{
    private int $saves = 0;

    protected function setUp(): void
    {
        parent::setUp();
        // Only this test's jobs (jobs other runs left on the site are back after the rollback).
        delete_option(BulkJobs::OPTION);
        $this->saves = 0;
        add_action('proseo_content_saved', [$this, 'countSave']);
    }

    protected function tearDown(): void
    {
        remove_action('proseo_content_saved', [$this, 'countSave']);
        remove_all_filters('proseo_writeback_items_per_run');
        parent::tearDown();
    }

    public function countSave(): void
    {
        $this->saves++;
    }

    /** @return int[] */
    private function products(int $n): array
    {
        $ids = [];
        for ($i = 1; $i <= $n; $i++) {
            $meta = ['_sku' => "CRON-$i", '_regular_price' => '25'];
            $ids[] = $this->product("Cron Kettle $i", '<p>Old.</p>', '', $meta);
        }
        return $ids;
    }

    private function startJob(array $ids, ?int $background = 0): array
    {
        $created = $this->rest('POST', '/jobs', ['product_ids' => $ids, 'background' => $background]);
        $this->assertSame(200, $created->get_status(), wp_json_encode($created->get_data()));
        return $created->get_data();
    }

    /** Waits (up to a minute) until the edge API generated every item of the job. */
    private function waitForEdge(string $jobId): array
    {
        for ($i = 0; $i < 240; $i++) {
            $job = $this->rest('GET', '/jobs/' . $jobId)->get_data();
            if (($job['pending'] ?? 1) === 0) {
                return $job;
            }
            usleep(250000);
        }
        $this->fail('the edge API did not finish job ' . $jobId);
    }

    /** The cron callback as WP-Cron runs it: no user logged in. */
    private function cron(): array
    {
        wp_set_current_user(0);
        $summary = self::plugin()->writeback->run();
        wp_cache_flush();
        return $summary;
    }

    public function testABackgroundJobIsWrittenByCronWithThePageClosed(): void
    {
        $owner = $this->actAs('shop_manager');
        $ids = $this->products(3);
        $image = wp_insert_attachment([
            'post_title' => 'k',
            'post_mime_type' => 'image/jpeg',
            'post_status' => 'inherit',
        ]);
        update_attached_file($image, '2026/12/cron-kettle.jpg');
        set_post_thumbnail($ids[0], $image);

        // A run planned for older jobs an hour from now is brought forward for the new one.
        wp_clear_scheduled_hook(BulkWriteback::HOOK);
        wp_schedule_single_event(time() + 3600, BulkWriteback::HOOK);
        $job = $this->startJob($ids, 0);
        $this->assertSame(0, $job['approve_min_score'], 'the edge API approves what it generates');
        $this->assertLessThanOrEqual(time(), wp_next_scheduled(BulkWriteback::HOOK), 'the first run is due at once');
        $this->waitForEdge($job['id']);

        $first = $this->cron();
        $this->assertSame(['locked' => false, 'written' => 3, 'failed' => 0, 'rescheduled' => true], $first);
        $this->assertSame(0, get_current_user_id(), 'the run restores the (absent) user');
        $items = self::plugin()->api->request('GET', '/jobs/' . $job['id'] . '/items', null, ['per_page' => 100]);
        $this->assertCount(3, $items['items']);
        foreach ($items['items'] as $item) {
            $this->assertSame(['approved', 'synced'], [$item['status'], $item['sync_status']]);
            $id = (int) $item['external_id'];
            $post = get_post($id);
            $this->assertSame(trim(wp_kses_post($item['content']['description'])), $post->post_content);
            $this->assertNotSame('<p>Old.</p>', $post->post_content);
            $this->assertSame(
                sanitize_text_field($item['content']['seo_title']),
                get_post_meta($id, '_proseo_seo_title', true)
            );
            $this->assertSame(
                sanitize_text_field($item['content']['meta_description']),
                get_post_meta($id, '_proseo_meta_description', true)
            );
            if ($item['content']['short_description'] !== '') {
                $this->assertNotSame('', $post->post_excerpt);
            }
            $this->assertSame((int) $owner, (int) get_post_meta($id, ContentWriter::REVISION, true)['user_id']);
            if ($id === $ids[0]) {
                $this->assertSame(
                    sanitize_text_field($item['content']['image_alt'][0]),
                    get_post_meta($image, ContentWriter::ALT_META, true)
                );
            }
        }

        $second = $this->cron();
        $this->assertSame(0, $second['written']);
        $this->assertFalse($second['rescheduled'], 'a clean pass over a finished job ends it');
        $this->assertSame(3, $this->saves, 'each item written once');
        $this->actAs('shop_manager');
        $listed = $this->rest('GET', '/jobs')->get_data()[0];
        $this->assertSame($job['id'], $listed['id']);
        $this->assertSame('done', $listed['writeback']['state']);
        $this->assertSame(3, $listed['writeback']['written']);
        $this->assertSame([], $listed['writeback']['errors']);
        $this->assertNull($listed['writeback']['next_run']);
    }

    public function testAnItemWrittenOnceIsNotWrittenAgainWhenTheEdgeMissedIt(): void
    {
        $this->actAs('administrator');
        $ids = $this->products(1);
        $job = $this->startJob($ids, 0);
        $this->waitForEdge($job['id']);
        $this->assertSame(1, $this->cron()['written']);
        // The edge API lost the sync (a PATCH that never arrived): the item looks unwritten.
        $item = self::plugin()->api->request('GET', '/jobs/' . $job['id'] . '/items')['items'][0];
        self::plugin()->api->request('PATCH', '/items/' . $item['id'], ['sync_status' => 'pending']);
        update_post_meta($ids[0], '_proseo_seo_title', 'Edited by the merchant since');
        $again = $this->cron();
        $this->assertSame(0, $again['written']);
        $this->assertSame(1, $this->saves, 'not written twice');
        $this->assertSame('Edited by the merchant since', get_post_meta($ids[0], '_proseo_seo_title', true));
        $this->assertSame('synced', self::plugin()->api->request('GET', '/items/' . $item['id'])['sync_status']);
        $this->assertContains($item['id'], get_post_meta($ids[0], BulkJobs::WRITTEN, true));
    }

    public function testWorkPerRunIsBoundedAndTheRunReschedulesItself(): void
    {
        $this->actAs('administrator');
        $job = $this->startJob($this->products(3), 0);
        $this->waitForEdge($job['id']);
        add_filter('proseo_writeback_items_per_run', static function (): int {
            return 1;
        });
        wp_clear_scheduled_hook(BulkWriteback::HOOK);
        $runs = [];
        for ($i = 0; $i < 5; $i++) {
            $runs[] = $this->cron();
        }
        $this->assertSame([1, 1, 1, 0, 0], array_column($runs, 'written'));
        $this->assertSame([true, true, true, false, false], array_column($runs, 'rescheduled'));
        $this->assertSame(3, $this->saves);
        $this->assertSame('done', BulkWriteback::progress($job['id'])['state']);
    }

    public function testTheLockKeepsASecondRunOutUntilItExpires(): void
    {
        global $wpdb;
        $this->actAs('administrator');
        $job = $this->startJob($this->products(1), 0);
        $this->waitForEdge($job['id']);
        $wpdb->insert($wpdb->options, [
            'option_name' => BulkWriteback::LOCK,
            'option_value' => 'other-run|' . (time() + 60),
            'autoload' => 'no',
        ]);
        $this->assertSame(['locked' => true, 'written' => 0, 'failed' => 0, 'rescheduled' => false], $this->cron());
        $this->assertSame(0, $this->saves);
        $this->assertSame('other-run|', substr((string) $wpdb->get_var($wpdb->prepare(
            "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s",
            BulkWriteback::LOCK
        )), 0, 10), "a run that did not get the lock leaves the holder's lock alone");

        // A run that died leaves an expired lock: the next run takes it over, and frees it.
        $expired = ['option_value' => 'dead-run|' . (time() - 1)];
        $wpdb->update($wpdb->options, $expired, ['option_name' => BulkWriteback::LOCK]);
        $this->assertSame(1, $this->cron()['written']);
        $this->assertNull($wpdb->get_var($wpdb->prepare(
            "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s",
            BulkWriteback::LOCK
        )));
    }

    public function testCancelStopsTheWriteBack(): void
    {
        $this->actAs('shop_manager');
        $ids = $this->products(2);
        $job = $this->startJob($ids, 0);
        $cancelled = $this->rest('POST', '/jobs/' . $job['id'] . '/cancel');
        $this->assertSame(200, $cancelled->get_status(), wp_json_encode($cancelled->get_data()));
        $this->assertTrue($cancelled->get_data()['cancelled']);
        $this->assertSame('cancelled', $cancelled->get_data()['writeback']['state']);
        $this->waitForEdge($job['id']);
        $run = $this->cron();
        $this->assertSame(0, $run['written']);
        $this->assertFalse($run['rescheduled']);
        $this->assertSame(0, $this->saves);
        foreach ($ids as $id) {
            $this->assertSame('<p>Old.</p>', get_post($id)->post_content);
        }
        $this->assertSame('cancelled', BulkWriteback::progress($job['id'])['state']);
        $this->actAs('subscriber');
        $this->assertSame(403, $this->rest('POST', '/jobs/' . $job['id'] . '/cancel')->get_status());
    }

    public function testJobsWithoutBackgroundAreLeftToThePage(): void
    {
        $this->actAs('administrator');
        $ids = $this->products(1);
        $job = $this->startJob($ids, null);
        $this->assertNull($job['approve_min_score']);
        $this->waitForEdge($job['id']);
        $item = self::plugin()->api->request('GET', '/jobs/' . $job['id'] . '/items')['items'][0];
        self::plugin()->api->request('POST', '/items/' . $item['id'] . '/approve');
        $this->assertSame(0, $this->cron()['written']);
        $this->assertSame('<p>Old.</p>', get_post($ids[0])->post_content);
        $this->actAs('administrator');
        $this->assertNull($this->rest('GET', '/jobs')->get_data()[0]['writeback']);
    }

    public function testFailuresAreRecordedAndShown(): void
    {
        $this->actAs('shop_manager');
        $ids = $this->products(2);
        $job = $this->startJob($ids, 0);
        $this->waitForEdge($job['id']);
        wp_delete_post($ids[1], true); // gone before the write-back
        $run = $this->cron();
        $this->assertSame(1, $run['written']);
        $this->assertSame(1, $run['failed']);
        $this->assertFalse($this->cron()['rescheduled'], 'a failed item is not retried forever');
        $this->actAs('shop_manager');
        $writeback = $this->rest('GET', '/jobs/' . $job['id'])->get_data()['writeback'];
        $this->assertSame(['done', 1, 1], [$writeback['state'], $writeback['written'], $writeback['failed']]);
        $this->assertSame($ids[1], $writeback['errors'][0]['product_id']);
        $this->assertNotSame('', $writeback['errors'][0]['message']);
        $items = array_column(
            self::plugin()->api->request('GET', '/jobs/' . $job['id'] . '/items')['items'],
            'sync_status',
            'external_id'
        );
        $this->assertSame('failed', $items[(string) $ids[1]]);
    }
}
