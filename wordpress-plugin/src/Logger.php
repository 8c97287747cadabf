<?php

namespace Proseo;

/**
 * The activity log: one row per generation, accept, undo, bulk step or connection test, in the
 * table `{prefix}proseo_logs` (created and upgraded with dbDelta).
 */
final class Logger
{
    public const DB_VERSION = '1';
    public const DB_VERSION_OPTION = 'proseo_db_version';
    public const ACTIONS = [
        'generate',
        'accept',
        'discard',
        'undo',
        'bulk_create',
        'bulk_accept',
        'bulk_reject',
        'bulk_cancel',
        'bulk_writeback',
        'jsonld',
        'test_connection',
    ];

    /** @return array<string, string> action → its name in the admin's language */
    public static function actionLabels(): array
    {
        return [
            'generate' => _x('Generate', 'log action', 'proseo'),
            'accept' => _x('Accept', 'log action', 'proseo'),
            'discard' => _x('Discard', 'log action', 'proseo'),
            'undo' => _x('Undo', 'log action', 'proseo'),
            'bulk_create' => _x('Bulk: create job', 'log action', 'proseo'),
            'bulk_accept' => _x('Bulk: accept', 'log action', 'proseo'),
            'bulk_reject' => _x('Bulk: reject', 'log action', 'proseo'),
            'bulk_cancel' => _x('Bulk: cancel job', 'log action', 'proseo'),
            'bulk_writeback' => _x('Bulk: written in the background', 'log action', 'proseo'),
            'jsonld' => _x('Structured data', 'log action', 'proseo'),
            'test_connection' => _x('Test connection', 'log action', 'proseo'),
        ];
    }

    /** @return array<string, string> status → its name in the admin's language */
    public static function statusLabels(): array
    {
        return [
            'ok' => _x('OK', 'log status', 'proseo'),
            'error' => _x('Error', 'log status', 'proseo'),
        ];
    }

    public static function table(): string
    {
        global $wpdb;
        return $wpdb->prefix . 'proseo_logs';
    }

    public static function install(): void
    {
        global $wpdb;
        require_once ABSPATH . 'wp-admin/includes/upgrade.php';
        $table = self::table();
        $charset = $wpdb->get_charset_collate();
        // dbDelta's format: one column per line, two spaces after PRIMARY KEY.
        dbDelta("CREATE TABLE {$table} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  created_at datetime NOT NULL,
  user_id bigint(20) unsigned NOT NULL DEFAULT 0,
  product_id bigint(20) unsigned NOT NULL DEFAULT 0,
  action varchar(32) NOT NULL,
  status varchar(16) NOT NULL,
  tokens int(10) unsigned NOT NULL DEFAULT 0,
  latency_ms int(10) unsigned NOT NULL DEFAULT 0,
  job_id varchar(64) NOT NULL DEFAULT '',
  error_code varchar(64) NOT NULL DEFAULT '',
  error text NOT NULL,
  PRIMARY KEY  (id),
  KEY action (action),
  KEY product_id (product_id),
  KEY created_at (created_at)
) {$charset};");
        update_option(self::DB_VERSION_OPTION, self::DB_VERSION);
    }

    public static function maybeUpgrade(): void
    {
        if (get_option(self::DB_VERSION_OPTION) !== self::DB_VERSION) {
            self::install();
        }
    }

    /**
     * @param array{product_id?: int, tokens?: int, latency_ms?: int, job_id?: string, error?: \WP_Error|null} $fields
     */
    public function log(string $action, string $status, array $fields = []): void
    {
        global $wpdb;
        $error = $fields['error'] ?? null;
        $wpdb->insert(self::table(), [
            'created_at' => current_time('mysql', true),
            'user_id' => get_current_user_id(),
            'product_id' => (int) ($fields['product_id'] ?? 0),
            'action' => substr($action, 0, 32),
            'status' => substr($status, 0, 16),
            'tokens' => max(0, (int) ($fields['tokens'] ?? 0)),
            'latency_ms' => max(0, (int) ($fields['latency_ms'] ?? 0)),
            'job_id' => substr((string) ($fields['job_id'] ?? ''), 0, 64),
            'error_code' => $error instanceof \WP_Error ? substr((string) $error->get_error_code(), 0, 64) : '',
            'error' => $error instanceof \WP_Error ? $error->get_error_message() : '',
        ], ['%s', '%d', '%d', '%s', '%s', '%d', '%d', '%s', '%s', '%s']);
    }

    /**
     * One page of log rows, newest first.
     *
     * @param array{action?: string, status?: string, product_id?: int, user_id?: int} $filters
     * @return array{rows: array<int, object>, total: int}
     */
    public function query(array $filters, int $page, int $perPage = 50): array
    {
        global $wpdb;
        $where = ['1=1'];
        $args = [];
        foreach (['action' => '%s', 'status' => '%s', 'product_id' => '%d', 'user_id' => '%d'] as $column => $format) {
            if (!empty($filters[$column])) {
                $where[] = "{$column} = {$format}";
                $args[] = $filters[$column];
            }
        }
        $table = self::table();
        $sqlWhere = implode(' AND ', $where);
        $count = "SELECT COUNT(*) FROM {$table} WHERE {$sqlWhere}";
        $total = (int) $wpdb->get_var($args ? $wpdb->prepare($count, $args) : $count);
        $select = "SELECT * FROM {$table} WHERE {$sqlWhere} ORDER BY id DESC LIMIT %d OFFSET %d";
        $offset = max(0, $page - 1) * $perPage;
        $rows = $wpdb->get_results($wpdb->prepare($select, array_merge($args, [$perPage, $offset])));
        return ['rows' => $rows ?: [], 'total' => $total];
    }
}
