<?php

namespace Proseo;

use WP_Error;

/**
 * Bulk generation through the edge API's jobs: one job per selection of products (each
 * product's `id` is its post ID, which comes back as the items' `external_id`). The job runs
 * on the edge (Queues), so nothing here can time out; the browser polls its progress, pages
 * through its items and applies decisions in small chunks. The site remembers its jobs (the
 * option `proseo_jobs`), and the edge remembers each item's status and sync_status, so a
 * closed page resumes where it stopped.
 */
final class BulkJobs
{
    public const OPTION = 'proseo_jobs';
    public const MAX_REMEMBERED = 20;
    public const CHUNK = 10;
    /** Post meta: the job items written into this product (the last MAX_WRITTEN). */
    public const WRITTEN = '_proseo_written_items';
    public const MAX_WRITTEN = 50;

    private Settings $settings;
    private ApiClient $api;
    private Generator $generator;
    private ContentWriter $writer;
    private SeoMeta $seo;
    private Logger $logger;
    private Language $language;

    public function __construct(
        Settings $settings,
        ApiClient $api,
        Generator $generator,
        ContentWriter $writer,
        SeoMeta $seo,
        Logger $logger,
        Language $language
    ) {
        $this->settings = $settings;
        $this->api = $api;
        $this->generator = $generator;
        $this->writer = $writer;
        $this->seo = $seo;
        $this->logger = $logger;
        $this->language = $language;
    }

    /** @return array<string, array<string, mixed>> the site's jobs, newest first */
    public function jobs(): array
    {
        $jobs = get_option(self::OPTION, []);
        return is_array($jobs) ? $jobs : [];
    }

    /** @return array<string, mixed>|null */
    public function job(string $jobId): ?array
    {
        return $this->jobs()[$jobId] ?? null;
    }

    /**
     * Forgets the job's cached copy in this process and reads it again: a cron run must see a
     * cancel made by another request meanwhile (the option is not autoloaded).
     *
     * @return array<string, mixed>|null
     */
    public function fresh(string $jobId): ?array
    {
        wp_cache_delete(self::OPTION, 'options');
        return $this->job($jobId);
    }

    /**
     * @param int[] $postIds
     * @param int|null $background write results scoring at least this back by WP-Cron (the
     *        edge API approves them: `approve_min_score`); null: review in the page only
     * @return array<string, mixed>|WP_Error the edge API's Job
     */
    public function create(array $postIds, string $name = '', ?int $background = null)
    {
        $products = [];
        $ids = [];
        foreach (array_unique(array_map('intval', $postIds)) as $postId) {
            if (!ProductData::isProduct($postId) || !current_user_can('edit_post', $postId)) {
                continue;
            }
            $body = $this->generator->requestBody($postId, $this->seo->keyphrase($postId));
            if (!empty($body['product'])) {
                $products[] = $body['product'];
                $ids[] = $postId;
            }
        }
        if (!$products) {
            return new WP_Error(
                'proseo_no_products',
                __('None of the chosen products can be edited by you.', 'proseo'),
                ['status' => 422]
            );
        }
        if ($name === '') {
            $name = sprintf(
                /* translators: 1: number of products, 2: date and time */
                _n('%1$d product, %2$s', '%1$d products, %2$s', count($products), 'proseo'),
                count($products),
                wp_date('Y-m-d H:i')
            );
        }
        $started = microtime(true);
        $job = $this->api->request('POST', '/jobs', [
            'name' => $name,
            'source' => 'woocommerce',
            // Each product is written in its own `language` (WPML/Polylang, else the site's).
            'options' => $this->settings->promptOptions('', ''),
            'target_score' => (int) $this->settings->get('target_score'),
            'products' => $products,
        ] + ($background === null ? [] : ['approve_min_score' => max(0, min(100, $background))]));
        $latency = (int) round((microtime(true) - $started) * 1000);
        if (is_wp_error($job)) {
            $this->logger->log('bulk_create', 'error', ['latency_ms' => $latency, 'error' => $job]);
            return $job;
        }
        $jobs = [(string) $job['id'] => [
            'id' => (string) $job['id'],
            'name' => $name,
            'total' => count($ids),
            'product_ids' => $ids,
            'user_id' => get_current_user_id(),
            'created_at' => gmdate('c'),
            'background' => $background !== null,
            'approve_min_score' => $background,
            'cancelled' => false,
        ]] + $this->jobs();
        update_option(self::OPTION, array_slice($jobs, 0, self::MAX_REMEMBERED, true), false);
        if ($background !== null) {
            BulkWriteback::schedule(0);
        }
        $this->logger->log('bulk_create', 'ok', ['latency_ms' => $latency, 'job_id' => (string) $job['id']]);
        return $job;
    }

    /**
     * Cancels the job: pending items on the edge API (a finished job has none: its 409 is not
     * an error here), and the background write-back, which writes nothing more for it.
     *
     * @return array<string, mixed>|WP_Error the job as the site remembers it
     */
    public function cancel(string $jobId)
    {
        $job = $this->fresh($jobId);
        if (!$job) {
            return self::unknown();
        }
        $edge = $this->api->request('POST', '/jobs/' . rawurlencode($jobId) . '/cancel');
        if (is_wp_error($edge) && $edge->get_error_code() !== 'proseo_invalid_state') {
            return $edge;
        }
        $jobs = $this->jobs();
        $jobs[$jobId]['cancelled'] = true;
        update_option(self::OPTION, $jobs, false);
        $this->logger->log('bulk_cancel', 'ok', ['job_id' => $jobId]);
        return $jobs[$jobId];
    }

    /** @return array<string, mixed>|WP_Error */
    public function status(string $jobId)
    {
        if (!$this->job($jobId)) {
            return self::unknown();
        }
        return $this->api->request('GET', '/jobs/' . rawurlencode($jobId));
    }

    /**
     * One page (100) of the job's items, with each product's current text for before/after.
     *
     * @return array<string, mixed>|WP_Error
     */
    public function items(string $jobId, int $page)
    {
        $job = $this->job($jobId);
        if (!$job) {
            return self::unknown();
        }
        $result = $this->api->request(
            'GET',
            '/jobs/' . rawurlencode($jobId) . '/items',
            null,
            ['per_page' => 100, 'page' => max(1, $page)]
        );
        if (is_wp_error($result)) {
            return $result;
        }
        $rows = [];
        foreach ((array) ($result['items'] ?? []) as $item) {
            $postId = (int) ($item['external_id'] ?? 0);
            if (!in_array($postId, $job['product_ids'], true)) {
                continue;
            }
            $post = get_post($postId);
            $content = is_array($item['content'] ?? null) ? $item['content'] : [];
            $rows[] = [
                'id' => (string) $item['id'],
                'product_id' => $postId,
                'name' => $post ? $post->post_title : '',
                'edit_link' => (string) get_edit_post_link($postId, 'raw'),
                'status' => (string) ($item['status'] ?? ''),
                'sync_status' => (string) ($item['sync_status'] ?? ''),
                'score' => isset($item['score']) ? (int) $item['score'] : null,
                'before' => $post ? $post->post_content : '',
                'keyphrase' => $this->seo->keyphrase($postId),
                'locale' => $this->language->locale($postId),
                'after' => (string) ($content['description'] ?? ''),
                'error' => $item['error']['message'] ?? null,
            ];
        }
        return ['items' => $rows, 'pagination' => $result['pagination'] ?? null];
    }

    /**
     * Accepts or rejects up to CHUNK items of the job. Accept: approve on the edge, write the
     * item's content into its product, mark it synced (or failed, with the reason). Items
     * already written are skipped, so repeating a chunk is harmless.
     *
     * @param string[] $itemIds
     * @return array<int, array{id: string, product_id: int, result: string, message?: string}>|WP_Error
     */
    public function apply(string $jobId, array $itemIds, string $decision)
    {
        $job = $this->job($jobId);
        if (!$job) {
            return self::unknown();
        }
        $results = [];
        foreach (array_slice(array_values(array_unique($itemIds)), 0, self::CHUNK) as $itemId) {
            $results[] = $this->applyOne($job, (string) $itemId, $decision);
        }
        return $results;
    }

    private function applyOne(array $job, string $itemId, string $decision): array
    {
        $path = '/items/' . rawurlencode($itemId);
        $item = $this->api->request('GET', $path);
        if (is_wp_error($item)) {
            return ['id' => $itemId, 'product_id' => 0, 'result' => 'error', 'message' => $item->get_error_message()];
        }
        $postId = (int) ($item['external_id'] ?? 0);
        $row = ['id' => $itemId, 'product_id' => $postId];
        if (($item['job_id'] ?? '') !== $job['id'] || !in_array($postId, $job['product_ids'], true)) {
            return $row + ['result' => 'error', 'message' => __('This item belongs to another job.', 'proseo')];
        }
        if (!current_user_can('edit_post', $postId)) {
            return $row + ['result' => 'error', 'message' => __('You cannot edit this product.', 'proseo')];
        }
        $status = (string) ($item['status'] ?? '');
        if ($decision === 'reject') {
            if ($status === 'rejected') {
                return $row + ['result' => 'rejected'];
            }
            $rejected = $this->api->request('POST', $path . '/reject');
            $this->logger->log('bulk_reject', is_wp_error($rejected) ? 'error' : 'ok', [
                'product_id' => $postId, 'job_id' => $job['id'], 'error' => is_wp_error($rejected) ? $rejected : null,
            ]);
            return $row + (is_wp_error($rejected)
                ? ['result' => 'error', 'message' => $rejected->get_error_message()]
                : ['result' => 'rejected']);
        }
        if ($status === 'approved' && ($item['sync_status'] ?? '') === 'synced') {
            return $row + ['result' => 'accepted'];
        }
        if ($status !== 'approved') {
            $approved = $this->api->request('POST', $path . '/approve');
            if (is_wp_error($approved)) {
                $this->logger->log('bulk_accept', 'error', [
                    'product_id' => $postId,
                    'job_id' => $job['id'],
                    'error' => $approved,
                ]);
                return $row + ['result' => 'error', 'message' => $approved->get_error_message()];
            }
        }
        return $this->write($job, $item);
    }

    /**
     * Writes an approved item's content into its product (description, short description, SEO
     * meta, image alt texts) and marks it synced on the edge API, or failed with the reason.
     * Once only: an item written before (the product's `_proseo_written_items`, set before the
     * edge API hears of it) is only marked synced again, so a write whose PATCH was lost is not
     * repeated. Used by the page's Accept and by the background write-back (BulkWriteback).
     *
     * @param array<string, mixed> $job  as the site remembers it
     * @param array<string, mixed> $item the edge API's Item (approved)
     * @return array{id: string, product_id: int, result: string, message?: string, preserved?: int, repeat?: bool}
     */
    public function write(array $job, array $item): array
    {
        $itemId = (string) ($item['id'] ?? '');
        $postId = (int) ($item['external_id'] ?? 0);
        $path = '/items/' . rawurlencode($itemId);
        $row = ['id' => $itemId, 'product_id' => $postId];
        if (($item['job_id'] ?? '') !== $job['id'] || !in_array($postId, $job['product_ids'], true)) {
            return $row + ['result' => 'error', 'message' => __('This item belongs to another job.', 'proseo')];
        }
        if (!current_user_can('edit_post', $postId)) {
            return $row + ['result' => 'error', 'message' => __('You cannot edit this product.', 'proseo')];
        }
        $done = get_post_meta($postId, self::WRITTEN, true);
        $done = is_array($done) ? $done : [];
        if (!in_array($itemId, $done, true)) {
            $keyphrase = (string) ($item['product']['keyphrase'] ?? $this->seo->keyphrase($postId));
            $suggestion = $this->generator->suggestionFrom($postId, $item, $keyphrase, 'job:' . $job['id']);
            $written = $this->writer->accept($postId, $suggestion['content'], $keyphrase, $suggestion['images']);
            if (is_wp_error($written)) {
                $this->api->request('PATCH', $path, [
                    'sync_status' => 'failed',
                    'sync_error' => $written->get_error_message(),
                ]);
                $this->logger->log('bulk_accept', 'error', [
                    'product_id' => $postId,
                    'job_id' => $job['id'],
                    'error' => $written,
                ]);
                return $row + ['result' => 'error', 'message' => $written->get_error_message()];
            }
            $done[] = $itemId;
            update_post_meta($postId, self::WRITTEN, array_slice($done, -self::MAX_WRITTEN));
            $tokens = (int) ($item['usage']['input_tokens'] ?? 0) + (int) ($item['usage']['output_tokens'] ?? 0);
            $this->logger->log('bulk_accept', 'ok', [
                'product_id' => $postId,
                'job_id' => $job['id'],
                'tokens' => $tokens,
            ]);
            if ($written['preserved']) {
                $row['preserved'] = count($written['preserved']);
            }
        } else {
            $row['repeat'] = true; // written before; only the edge API's sync_status was behind
        }
        $synced = $this->api->request('PATCH', $path, ['sync_status' => 'synced']);
        $row['result'] = 'accepted';
        if (is_wp_error($synced)) {
            $row['message'] = $synced->get_error_message();
        }
        return $row;
    }

    private static function unknown(): WP_Error
    {
        return new WP_Error('proseo_unknown_job', __('This site did not start that job.', 'proseo'), ['status' => 404]);
    }
}
