<?php

namespace Proseo;

use WP_Error;
use WP_REST_Request;
use WP_REST_Server;

/**
 * The plugin's REST routes under `proseo/v1`. Every route's permission_callback checks the
 * capability AND WordPress's REST nonce (`X-WP-Nonce`, action `wp_rest`); product routes also
 * check `edit_post` for that product. Arguments are validated by WordPress from each route's
 * JSON-schema `args`. Errors are WP_Error with stable `proseo_*` codes (ApiClient maps the edge
 * API's codes).
 */
final class Rest
{
    public const NAMESPACE = 'proseo/v1';

    private Settings $settings;
    private ApiClient $api;
    private Generator $generator;
    private ContentWriter $writer;
    private BulkJobs $jobs;
    private SeoMeta $seo;
    private Logger $logger;
    private Language $language;
    private JsonLd $jsonld;

    public function __construct(
        Settings $settings,
        ApiClient $api,
        Generator $generator,
        ContentWriter $writer,
        BulkJobs $jobs,
        SeoMeta $seo,
        Logger $logger,
        Language $language,
        JsonLd $jsonld
    ) {
        $this->settings = $settings;
        $this->api = $api;
        $this->generator = $generator;
        $this->writer = $writer;
        $this->jobs = $jobs;
        $this->seo = $seo;
        $this->logger = $logger;
        $this->language = $language;
        $this->jsonld = $jsonld;
    }

    /** Route table: [method, path, handler, permission, args]. Also read by the tests. */
    public function routes(): array
    {
        $id = ['type' => 'integer', 'minimum' => 1, 'required' => true];
        $jobId = ['type' => 'string', 'pattern' => '^[A-Za-z0-9_-]{1,64}$', 'required' => true];
        $text = static function (int $maxLength): array {
            return [
                'type' => 'string',
                'maxLength' => $maxLength,
                'default' => '',
                'sanitize_callback' => 'sanitize_text_field',
            ];
        };
        $keyphrase = $text(191);
        $product = '/products/(?P<id>\d+)';
        $job = '/jobs/(?P<job>[A-Za-z0-9_-]+)';
        return [
            ['GET', '/products', 'listProducts', 'canGenerate', [
                'page' => ['type' => 'integer', 'minimum' => 1, 'default' => 1],
                'per_page' => ['type' => 'integer', 'minimum' => 1, 'maximum' => 100, 'default' => 20],
                'search' => $text(200),
                'category' => ['type' => 'integer', 'minimum' => 0, 'default' => 0],
                'missing' => ['type' => 'boolean', 'default' => false],
            ]],
            ['POST', $product . '/generate', 'generate', 'canEditProduct', ['id' => $id, 'keyphrase' => $keyphrase]],
            ['POST', $product . '/accept', 'accept', 'canEditProduct', [
                'id' => $id,
                'keyphrase' => $keyphrase,
                // Replace alt texts the merchant wrote; absent: the `overwrite_alt` setting.
                'overwrite_alt' => ['type' => 'boolean'],
            ]],
            ['POST', $product . '/discard', 'discard', 'canEditProduct', ['id' => $id]],
            ['GET', $product . '/jsonld', 'jsonldState', 'canEditProduct', ['id' => $id]],
            ['POST', $product . '/jsonld', 'jsonldStore', 'canEditProduct', [
                'id' => $id,
                'json_ld' => ['type' => 'object', 'required' => true],
                'checks' => ['type' => 'object', 'default' => []],
                'eligible' => ['type' => 'boolean', 'required' => true],
                'hash' => ['type' => 'string', 'pattern' => '^[a-f0-9]{64}$', 'required' => true],
            ]],
            ['POST', $product . '/undo', 'undo', 'canEditProduct', ['id' => $id]],
            ['GET', '/jobs', 'listJobs', 'canGenerate', []],
            ['POST', '/jobs', 'createJob', 'canGenerate', [
                'product_ids' => [
                    'type' => 'array',
                    'required' => true,
                    'minItems' => 1,
                    'maxItems' => 5000,
                    'items' => ['type' => 'integer', 'minimum' => 1],
                ],
                'name' => $text(200),
                // Write results scoring at least this back by WP-Cron; absent/null: review only.
                'background' => ['type' => ['integer', 'null'], 'minimum' => 0, 'maximum' => 100, 'default' => null],
            ]],
            ['POST', $job . '/cancel', 'cancelJob', 'canGenerate', ['job' => $jobId]],
            ['GET', $job, 'jobStatus', 'canGenerate', ['job' => $jobId]],
            ['GET', $job . '/items', 'jobItems', 'canGenerate', [
                'job' => $jobId,
                'page' => ['type' => 'integer', 'minimum' => 1, 'default' => 1],
            ]],
            ['POST', $job . '/apply', 'applyJob', 'canGenerate', [
                'job' => $jobId,
                'decision' => ['type' => 'string', 'enum' => ['accept', 'reject'], 'required' => true],
                'item_ids' => [
                    'type' => 'array',
                    'required' => true,
                    'minItems' => 1,
                    'maxItems' => BulkJobs::CHUNK,
                    'items' => ['type' => 'string', 'pattern' => '^[A-Za-z0-9_-]{1,64}$'],
                ],
            ]],
            ['POST', '/settings/test', 'testConnection', 'canManage', []],
        ];
    }

    public function register(): void
    {
        foreach ($this->routes() as [$method, $path, $handler, $permission, $args]) {
            register_rest_route(self::NAMESPACE, $path, [
                'methods' => $method === 'GET' ? WP_REST_Server::READABLE : $method,
                'callback' => [$this, $handler],
                'permission_callback' => [$this, $permission],
                'args' => $args,
            ]);
        }
    }

    // Permissions: one line per check, capability and nonce together.

    /** @return true|WP_Error */
    public function canGenerate(WP_REST_Request $request)
    {
        return self::check(Capabilities::GENERATE, $request);
    }

    /** @return true|WP_Error */
    public function canManage(WP_REST_Request $request)
    {
        return self::check(Capabilities::MANAGE, $request);
    }

    /** @return true|WP_Error */
    public function canEditProduct(WP_REST_Request $request)
    {
        $allowed = self::check(Capabilities::GENERATE, $request);
        if ($allowed !== true) {
            return $allowed;
        }
        $postId = (int) $request['id'];
        if (!ProductData::isProduct($postId)) {
            return new WP_Error(
                'proseo_not_a_product',
                __('There is no product with this ID.', 'proseo'),
                ['status' => 404]
            );
        }
        if (!current_user_can('edit_post', $postId)) {
            return new WP_Error('proseo_forbidden', __('You cannot edit this product.', 'proseo'), ['status' => 403]);
        }
        return true;
    }

    /** @return true|WP_Error */
    private static function check(string $capability, WP_REST_Request $request)
    {
        if (!is_user_logged_in()) {
            return new WP_Error('proseo_not_logged_in', __('Log in to use proseo.', 'proseo'), ['status' => 401]);
        }
        if (!wp_verify_nonce((string) $request->get_header('X-WP-Nonce'), 'wp_rest')) {
            return new WP_Error(
                'proseo_invalid_nonce',
                __('Your session expired. Reload the page and try again.', 'proseo'),
                ['status' => 403]
            );
        }
        if (!current_user_can($capability)) {
            return new WP_Error('proseo_forbidden', __('You are not allowed to do this.', 'proseo'), ['status' => 403]);
        }
        return true;
    }

    // Handlers.

    public function listProducts(WP_REST_Request $request): array
    {
        $args = [
            'post_type' => 'product',
            'post_status' => ['publish', 'draft', 'pending', 'private', 'future'],
            'posts_per_page' => (int) $request['per_page'],
            'paged' => (int) $request['page'],
            'orderby' => 'ID',
            'order' => 'ASC',
            's' => (string) $request['search'],
        ];
        if ((int) $request['category'] > 0) {
            $args['tax_query'] = [
                ['taxonomy' => 'product_cat', 'field' => 'term_id', 'terms' => (int) $request['category']],
            ];
        }
        $short = null;
        if ($request['missing']) {
            /**
             * Filters under how many characters of text a description counts as "short" in
             * the bulk generator's "missing or short description" filter.
             *
             * @param int $chars Default 400.
             */
            $chars = (int) apply_filters('proseo_short_description_chars', 400);
            $short = static function (string $where) use ($chars): string {
                global $wpdb;
                return $where . $wpdb->prepare(" AND CHAR_LENGTH(TRIM({$wpdb->posts}.post_content)) < %d", $chars);
            };
            add_filter('posts_where', $short);
        }
        $query = new \WP_Query($args);
        if ($short) {
            remove_filter('posts_where', $short);
        }
        $items = [];
        foreach ($query->posts as $post) {
            $items[] = [
                'id' => $post->ID,
                'name' => $post->post_title,
                'status' => $post->post_status,
                'description' => $post->post_content,
                'keyphrase' => $this->seo->keyphrase($post->ID),
                'locale' => $this->language->locale($post->ID),
                'edit_link' => (string) get_edit_post_link($post->ID, 'raw'),
            ];
        }
        return ['items' => $items, 'total' => (int) $query->found_posts, 'pages' => (int) $query->max_num_pages];
    }

    /** @return array|WP_Error */
    public function generate(WP_REST_Request $request)
    {
        return $this->generator->generate((int) $request['id'], (string) $request['keyphrase']);
    }

    /** @return array|WP_Error */
    public function accept(WP_REST_Request $request)
    {
        $postId = (int) $request['id'];
        $suggestion = $this->writer->suggestion($postId);
        if (!$suggestion) {
            return new WP_Error(
                'proseo_no_suggestion',
                __('There is no suggestion to accept: generate one first.', 'proseo'),
                ['status' => 409]
            );
        }
        $keyphrase = (string) $request['keyphrase'] !== ''
            ? (string) $request['keyphrase']
            : (string) ($suggestion['keyphrase'] ?? '');
        $overwrite = $request->has_param('overwrite_alt') ? (bool) $request['overwrite_alt'] : null;
        $written = $this->writer->accept(
            $postId,
            (array) $suggestion['content'],
            $keyphrase,
            array_map(static function ($src): string {
                return is_string($src) ? $src : '';
            }, array_values((array) ($suggestion['images'] ?? []))),
            $overwrite
        );
        $this->logger->log('accept', is_wp_error($written) ? 'error' : 'ok', [
            'product_id' => $postId, 'error' => is_wp_error($written) ? $written : null,
        ]);
        if (is_wp_error($written)) {
            return $written;
        }
        $post = get_post($postId);
        return [
            'post_content' => $post->post_content,
            'post_excerpt' => $post->post_excerpt,
            'fields' => $written['fields'],
            'preserved' => $written['preserved'],
            'alts' => $written['alts'],
            'seo_target' => $this->seo->target(),
        ];
    }

    /** The product's structured data: setting, other emitter, the core's input, stored markup. */
    public function jsonldState(WP_REST_Request $request): array
    {
        return $this->jsonld->state((int) $request['id']);
    }

    /** @return array|WP_Error Stores the JSON-LD the browser's core built (JsonLd::store). */
    public function jsonldStore(WP_REST_Request $request)
    {
        $postId = (int) $request['id'];
        $state = $this->jsonld->store(
            $postId,
            $request['json_ld'],
            $request['checks'],
            (bool) $request['eligible'],
            (string) $request['hash']
        );
        $this->logger->log('jsonld', is_wp_error($state) ? 'error' : 'ok', [
            'product_id' => $postId, 'error' => is_wp_error($state) ? $state : null,
        ]);
        return $state;
    }

    public function discard(WP_REST_Request $request): array
    {
        $postId = (int) $request['id'];
        $this->writer->discard($postId);
        $this->logger->log('discard', 'ok', ['product_id' => $postId]);
        return ['discarded' => true];
    }

    /** @return array|WP_Error */
    public function undo(WP_REST_Request $request)
    {
        $postId = (int) $request['id'];
        $restored = $this->writer->undo($postId);
        $this->logger->log('undo', is_wp_error($restored) ? 'error' : 'ok', [
            'product_id' => $postId, 'error' => is_wp_error($restored) ? $restored : null,
        ]);
        return is_wp_error($restored) ? $restored : $restored + ['keyphrase' => $this->seo->keyphrase($postId)];
    }

    /** The site's jobs, each with its background write-back's progress (`writeback`, or null). */
    public function listJobs(): array
    {
        return array_values(array_map(static function (array $job): array {
            unset($job['product_ids']);
            return $job + ['writeback' => self::writeback($job)];
        }, $this->jobs->jobs()));
    }

    /** @return array<string, mixed>|null what the bulk page shows of a job's background write-back */
    private static function writeback(array $job): ?array
    {
        if (empty($job['background'])) {
            return null;
        }
        $progress = BulkWriteback::progress((string) $job['id']);
        if (!empty($job['cancelled']) && $progress['state'] === 'running') {
            $progress['state'] = 'cancelled';
        }
        $next = wp_next_scheduled(BulkWriteback::HOOK);
        return [
            'state' => $progress['state'],
            'written' => $progress['written'],
            'failed' => $progress['failed'],
            'errors' => $progress['errors'],
            'last_run' => $progress['last_run'],
            'next_run' => $next && $progress['state'] === 'running' ? gmdate('c', $next) : null,
            'min_score' => (int) ($job['approve_min_score'] ?? 0),
        ];
    }

    /** @return array|WP_Error */
    public function createJob(WP_REST_Request $request)
    {
        $background = $request['background'];
        return $this->jobs->create(
            (array) $request['product_ids'],
            (string) $request['name'],
            $background === null ? null : (int) $background
        );
    }

    /** @return array|WP_Error the edge API's Job, with the site's `writeback` progress */
    public function jobStatus(WP_REST_Request $request)
    {
        $status = $this->jobs->status((string) $request['job']);
        if (is_wp_error($status)) {
            return $status;
        }
        return $status + ['writeback' => self::writeback((array) $this->jobs->job((string) $request['job']))];
    }

    /** @return array|WP_Error */
    public function cancelJob(WP_REST_Request $request)
    {
        $job = $this->jobs->cancel((string) $request['job']);
        if (is_wp_error($job)) {
            return $job;
        }
        unset($job['product_ids']);
        return $job + ['writeback' => self::writeback($job)];
    }

    /** @return array|WP_Error */
    public function jobItems(WP_REST_Request $request)
    {
        return $this->jobs->items((string) $request['job'], (int) $request['page']);
    }

    /** @return array|WP_Error */
    public function applyJob(WP_REST_Request $request)
    {
        return $this->jobs->apply(
            (string) $request['job'],
            (array) $request['item_ids'],
            (string) $request['decision']
        );
    }

    /** @return array|WP_Error */
    public function testConnection()
    {
        $started = microtime(true);
        $usage = $this->api->request('GET', '/usage');
        $latency = (int) round((microtime(true) - $started) * 1000);
        $this->logger->log('test_connection', is_wp_error($usage) ? 'error' : 'ok', [
            'latency_ms' => $latency, 'error' => is_wp_error($usage) ? $usage : null,
        ]);
        if (is_wp_error($usage)) {
            return $usage;
        }
        $remaining = $usage['remaining'] ?? null;
        return [
            'ok' => true,
            'latency_ms' => $latency,
            'generations' => (int) ($usage['generations'] ?? 0),
            'remaining' => $remaining === null ? null : (int) $remaining,
            'message' => $remaining === null
                ? sprintf(
                    /* translators: %d: round-trip time in milliseconds */
                    __('Connected (%d ms). Generations this month: unlimited.', 'proseo'),
                    $latency
                )
                : sprintf(
                    /* translators: 1: round-trip time in milliseconds, 2: generations left */
                    __('Connected (%1$d ms). Generations left this month: %2$d.', 'proseo'),
                    $latency,
                    (int) $remaining
                ),
        ];
    }
}
