<?php

namespace Proseo;

use WP_Error;

/**
 * Background write-back of bulk jobs by WP-Cron, so the bulk page can be closed: a job started
 * with "write in the background" asks the edge API to approve what scores at least N
 * (`approve_min_score`); the event `proseo_bulk_writeback` then pages through the job's
 * approved items and writes each one not yet synced into its product (BulkJobs::write:
 * description, short description, SEO meta, alt texts), as the user who started the job.
 *
 * - One run at a time: a lock row in the options table, taken with an atomic INSERT IGNORE
 *   (option_name is unique) and, once expired (a run that died), taken over with a
 *   compare-and-swap UPDATE; so two cron runs (WP-Cron can start overlapping ones) never write
 *   the same item twice.
 * - Bounded work per run: at most ITEMS_PER_RUN writes, one page of 100 items per job, and no
 *   new write after SECONDS_PER_RUN (filters `proseo_writeback_items_per_run`,
 *   `proseo_writeback_seconds_per_run`).
 * - Re-schedules itself (a single event, INTERVAL seconds later, filter
 *   `proseo_writeback_interval`) while any background job is unfinished; a job is finished
 *   when the edge API has generated everything and one full pass over its approved items found
 *   nothing left to write.
 * - Idempotent: items synced on the edge API are skipped, and BulkJobs::write never writes an
 *   item into a product twice.
 * - Progress and errors per job live in the option `proseo_writeback_<job>` (written by the
 *   run under the lock only), shown by the bulk page (Rest::listJobs). Cancelling a job
 *   (BulkJobs::cancel) stops its write-back before the next item.
 */
final class BulkWriteback
{
    public const HOOK = 'proseo_bulk_writeback';
    public const LOCK = 'proseo_writeback_lock';
    public const PROGRESS = 'proseo_writeback_';
    public const LOCK_TTL = 300;
    public const INTERVAL = 60;
    public const ITEMS_PER_RUN = 25;
    public const SECONDS_PER_RUN = 20;
    public const PER_PAGE = 100;
    public const MAX_ERRORS = 20;

    private BulkJobs $jobs;
    private ApiClient $api;
    private Logger $logger;

    public function __construct(BulkJobs $jobs, ApiClient $api, Logger $logger)
    {
        $this->jobs = $jobs;
        $this->api = $api;
        $this->logger = $logger;
    }

    /**
     * Schedules the next run $delay seconds from now, unless one is scheduled by then already
     * (a later one is brought forward: a new job must not wait for a run planned for old ones).
     */
    public static function schedule(int $delay): void
    {
        $at = time() + max(0, $delay);
        $next = wp_next_scheduled(self::HOOK);
        if ($next !== false && $next <= $at) {
            return;
        }
        if ($next !== false) {
            wp_unschedule_event($next, self::HOOK);
        }
        wp_schedule_single_event($at, self::HOOK);
    }

    /** @return array{state: string, written: int, failed: int, skipped: int, errors: array, cursor: int, dirty: bool, last_run: ?string, edge: ?array} */
    public static function progress(string $jobId): array
    {
        $stored = get_option(self::PROGRESS . $jobId, []);
        return array_merge([
            'state' => 'running',
            'written' => 0,
            'failed' => 0,
            'skipped' => 0,
            'errors' => [],
            'cursor' => 1,
            'dirty' => false,
            'last_run' => null,
            'edge' => null,
        ], is_array($stored) ? $stored : []);
    }

    private static function save(string $jobId, array $progress): void
    {
        update_option(self::PROGRESS . $jobId, $progress, false);
    }

    /**
     * The cron callback. Returns what it did (for tests and the log): `locked` when another run
     * holds the lock, else the items written and failed, and whether it re-scheduled itself.
     *
     * @return array{locked: bool, written: int, failed: int, rescheduled: bool}
     */
    public function run(): array
    {
        $summary = ['locked' => false, 'written' => 0, 'failed' => 0, 'rescheduled' => false];
        $token = $this->lock();
        if ($token === null) {
            $summary['locked'] = true;
            return $summary;
        }
        $user = get_current_user_id();
        try {
            /**
             * Filters how many items one background write-back run writes at most.
             *
             * @param int $items Default 25.
             */
            $budget = max(1, (int) apply_filters('proseo_writeback_items_per_run', self::ITEMS_PER_RUN));
            /**
             * Filters after how many seconds a background write-back run starts no new write.
             *
             * @param int $seconds Default 20.
             */
            $seconds = max(1, (int) apply_filters('proseo_writeback_seconds_per_run', self::SECONDS_PER_RUN));
            $deadline = microtime(true) + $seconds;
            $unfinished = false;
            foreach ($this->jobs->jobs() as $jobId => $job) {
                if (empty($job['background'])) {
                    continue;
                }
                $progress = self::progress((string) $jobId);
                if ($progress['state'] !== 'running') {
                    continue;
                }
                if ($budget > 0 && microtime(true) < $deadline) {
                    $progress = $this->runJob($job, $progress, $budget, $deadline, $summary);
                    self::save((string) $jobId, $progress);
                }
                $unfinished = $unfinished || $progress['state'] === 'running';
            }
            if ($unfinished) {
                /**
                 * Filters how many seconds after a background write-back run the next one is
                 * scheduled while jobs are unfinished.
                 *
                 * @param int $seconds Default 60.
                 */
                $interval = max(1, (int) apply_filters('proseo_writeback_interval', self::INTERVAL));
                self::schedule($interval);
                $summary['rescheduled'] = true;
            }
        } finally {
            wp_set_current_user($user);
            $this->unlock($token);
        }
        return $summary;
    }

    /**
     * One job's share of a run: its edge status, then one page of its approved items.
     *
     * @param array<string, mixed> $job
     * @param array<string, mixed> $progress
     * @param array<string, mixed> $summary
     * @return array<string, mixed> the job's progress after this run
     */
    private function runJob(array $job, array $progress, int &$budget, float $deadline, array &$summary): array
    {
        $jobId = (string) $job['id'];
        $progress['last_run'] = gmdate('c');
        if (!empty($job['cancelled'])) {
            $progress['state'] = 'cancelled';
            return $progress;
        }
        // Written as the user who started the job: capability checks are theirs.
        $owner = get_userdata((int) ($job['user_id'] ?? 0));
        if (!$owner || !user_can($owner, Capabilities::GENERATE)) {
            $progress['state'] = 'failed';
            $why = __('The user who started this job can no longer generate with proseo.', 'proseo');
            return self::error($progress, 0, $why);
        }
        wp_set_current_user($owner->ID);

        $edge = $this->api->request('GET', '/jobs/' . rawurlencode($jobId));
        if (is_wp_error($edge)) {
            if ($edge->get_error_code() === 'proseo_not_found') {
                $progress['state'] = 'failed';
            }
            return self::error($progress, 0, $edge->get_error_message());
        }
        $progress['edge'] = [
            'status' => (string) ($edge['status'] ?? ''),
            'progress' => (int) ($edge['progress'] ?? 0),
            'pending' => (int) ($edge['pending'] ?? 0),
            'total' => (int) ($edge['total'] ?? 0),
        ];
        $generated = in_array($edge['status'] ?? '', ['completed', 'cancelled'], true)
            && (int) ($edge['pending'] ?? 0) === 0;

        $page = max(1, (int) $progress['cursor']);
        $list = $this->api->request(
            'GET',
            '/jobs/' . rawurlencode($jobId) . '/items',
            null,
            ['status' => 'approved', 'per_page' => self::PER_PAGE, 'page' => $page]
        );
        if (is_wp_error($list)) {
            return self::error($progress, 0, $list->get_error_message());
        }
        foreach ((array) ($list['items'] ?? []) as $item) {
            if (!is_array($item) || in_array($item['sync_status'] ?? '', ['synced', 'failed'], true)) {
                continue;
            }
            $progress['dirty'] = true;
            if ($budget <= 0 || microtime(true) >= $deadline) {
                return $progress; // the same page again next run
            }
            if ($this->jobs->fresh($jobId)['cancelled'] ?? false) {
                $progress['state'] = 'cancelled';
                return $progress;
            }
            $budget--;
            $row = $this->jobs->write($job, $item);
            if ($row['result'] === 'accepted') {
                if (empty($row['repeat'])) {
                    $progress['written']++;
                    $summary['written']++;
                }
            } else {
                $message = (string) ($row['message'] ?? $row['result']);
                $progress['failed']++;
                $summary['failed']++;
                $progress = self::error($progress, $row['product_id'], $message);
                // Also when it was refused before writing (no permission): not retried.
                $this->api->request('PATCH', '/items/' . rawurlencode($row['id']), [
                    'sync_status' => 'failed',
                    'sync_error' => mb_substr($message, 0, 500),
                ]);
            }
        }
        $pages = (int) ($list['pagination']['total_pages'] ?? 1);
        if ($page < $pages) {
            $progress['cursor'] = $page + 1;
        } elseif ($generated && !$progress['dirty']) {
            $progress['state'] = 'done';
            $this->logger->log('bulk_writeback', 'ok', ['job_id' => $jobId]);
        } else {
            // End of a pass: start another one (items approved meanwhile may sit on any page).
            $progress['cursor'] = 1;
            $progress['dirty'] = false;
        }
        return $progress;
    }

    private static function error(array $progress, int $postId, string $message): array
    {
        $progress['errors'][] = ['product_id' => $postId, 'message' => $message, 'time' => gmdate('c')];
        $progress['errors'] = array_slice($progress['errors'], -self::MAX_ERRORS);
        return $progress;
    }

    /**
     * Takes the lock, or returns null when a run that has not expired holds it. Hand-written
     * because WordPress has no lock API: the options table's unique option_name makes the
     * INSERT IGNORE atomic, and the compare-and-swap UPDATE lets exactly one waiter take over
     * an expired lock. The options cache is bypassed on purpose.
     */
    private function lock(): ?string
    {
        global $wpdb;
        $token = wp_generate_password(20, false);
        $value = $token . '|' . (time() + self::LOCK_TTL);
        $inserted = $wpdb->query($wpdb->prepare(
            "INSERT IGNORE INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'no')",
            self::LOCK,
            $value
        ));
        if ($inserted === 1) {
            return $token;
        }
        $current = (string) $wpdb->get_var($wpdb->prepare(
            "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s",
            self::LOCK
        ));
        $expires = (int) substr((string) strrchr($current, '|'), 1);
        if ($expires > time()) {
            return null;
        }
        $swapped = $wpdb->query($wpdb->prepare(
            "UPDATE {$wpdb->options} SET option_value = %s WHERE option_name = %s AND option_value = %s",
            $value,
            self::LOCK,
            $current
        ));
        return $swapped === 1 ? $token : null;
    }

    private function unlock(string $token): void
    {
        global $wpdb;
        $wpdb->query($wpdb->prepare(
            "DELETE FROM {$wpdb->options} WHERE option_name = %s AND option_value LIKE %s",
            self::LOCK,
            $wpdb->esc_like($token . '|') . '%'
        ));
    }
}
