<?php

namespace ProseoTest;

/**
 * A bulk job end to end through the REST routes and the live edge API's queue: create, wait for
 * it, page its items, accept two and reject one (one chunk), repeat the chunk (nothing written
 * twice), and check the products and the edge API's item states.
 */
final class BulkJobsTest extends TestCase
{
    public function testCreateReviewAcceptReject(): void
    {
        $this->actAs('shop_manager');
        $ids = [];
        foreach (['Oak Board', 'Steel Pan', 'Glass Jar'] as $name) {
            $ids[] = $this->product($name, '<p>Short.</p>');
        }
        $created = $this->rest('POST', '/jobs', ['product_ids' => $ids]);
        $this->assertSame(
            201 === $created->get_status() ? 201 : 200,
            $created->get_status(),
            wp_json_encode($created->get_data())
        );
        $job = $created->get_data();
        $this->assertSame(3, $job['total']);

        // The job runs on the edge API's queue: wait for it (up to a minute).
        for ($i = 0; $i < 240 && $job['pending'] > 0; $i++) {
            usleep(250000);
            $job = $this->rest('GET', '/jobs/' . $job['id'])->get_data();
        }
        $this->assertSame(100, $job['progress'], wp_json_encode($job));
        $this->assertSame('completed', $job['status']);

        $items = $this->rest('GET', '/jobs/' . $job['id'] . '/items')->get_data()['items'];
        $this->assertCount(3, $items);
        $byProduct = array_column($items, null, 'product_id');
        $this->assertSame($ids, array_map('intval', array_keys($byProduct)) === $ids
            ? $ids
            : array_values(array_intersect($ids, array_keys($byProduct))));
        foreach ($items as $item) {
            $this->assertSame('generated', $item['status']);
            $this->assertSame('<p>Short.</p>', $item['before']);
            $this->assertNotSame('', $item['after']);
        }

        [$a, $b, $c] = [$byProduct[$ids[0]], $byProduct[$ids[1]], $byProduct[$ids[2]]];
        $apply = '/jobs/' . $job['id'] . '/apply';
        $accept = $this->rest('POST', $apply, ['item_ids' => [$a['id'], $b['id']], 'decision' => 'accept']);
        $this->assertSame(
            ['accepted', 'accepted'],
            array_column($accept->get_data(), 'result'),
            wp_json_encode($accept->get_data())
        );
        $reject = $this->rest('POST', $apply, ['item_ids' => [$c['id']], 'decision' => 'reject']);
        $this->assertSame(['rejected'], array_column($reject->get_data(), 'result'));

        wp_cache_flush();
        $this->assertSame(self::html($a['after']), self::html(get_post($ids[0])->post_content));
        $this->assertSame(self::html($b['after']), self::html(get_post($ids[1])->post_content));
        $this->assertSame('<p>Short.</p>', get_post($ids[2])->post_content);

        $again = $this->rest('POST', $apply, ['item_ids' => [$a['id']], 'decision' => 'accept']);
        $this->assertSame('accepted', $again->get_data()[0]['result']);
        $this->assertFalse(
            self::plugin()->writer->hasRevision($ids[0])
                && get_post_meta($ids[0], '_proseo_revision', true)['post_content'] !== '<p>Short.</p>',
            'not written twice'
        );

        $after = array_column($this->rest('GET', '/jobs/' . $job['id'] . '/items')->get_data()['items'], null, 'id');
        $this->assertSame(['approved', 'synced'], [$after[$a['id']]['status'], $after[$a['id']]['sync_status']]);
        $this->assertSame('rejected', $after[$c['id']]['status']);

        $jobs = $this->rest('GET', '/jobs')->get_data();
        $this->assertSame($job['id'], $jobs[0]['id'], 'the site remembers the job (resume)');
        $this->assertArrayNotHasKey('product_ids', $jobs[0]);
    }

    public function testItemsOfAnotherJobAreRefused(): void
    {
        $this->actAs('administrator');
        $this->assertSame('proseo_unknown_job', self::errorCode($this->rest('GET', '/jobs/job_not_ours')));
        $foreign = $this->rest('POST', '/jobs/job_not_ours/apply', ['item_ids' => ['itm_1'], 'decision' => 'accept']);
        $this->assertSame(404, $foreign->get_status());
    }

    public function testProductFilters(): void
    {
        $this->actAs('administrator');
        $long = $this->product('Filter Long', '<p>' . str_repeat('A well described product. ', 40) . '</p>');
        $short = $this->product('Filter Short', '');
        wp_set_object_terms($short, ['Filtered'], 'product_cat');
        $term = get_term_by('name', 'Filtered', 'product_cat');
        $listed = $this->rest('GET', '/products', ['missing' => true, 'search' => 'Filter', 'per_page' => 100]);
        $missing = wp_list_pluck($listed->get_data()['items'], 'id');
        $this->assertContains($short, $missing);
        $this->assertNotContains($long, $missing);
        $inCategory = $this->rest('GET', '/products', ['category' => $term->term_id])->get_data();
        $this->assertSame([$short], wp_list_pluck($inCategory['items'], 'id'));
        $this->assertSame(1, $inCategory['total']);
    }

    /** Normalizes HTML whitespace for comparing what was generated with what was saved. */
    private static function html(string $html): string
    {
        return trim(preg_replace('/\s+/', ' ', $html));
    }
}
