<?php

/**
 * Test switches of the test store (administrators only, under `proseo-test/v1`):
 *
 * - `POST /fault` `{mode, status?, retry_after?, seconds?, count?, match?}` makes the next `count`
 *   (default 1) `wc/v3` requests whose route contains `match` fail: `status` answers that HTTP
 *   status with a WordPress error body (and `Retry-After` for a 429), `timeout` sleeps `seconds`
 *   before answering normally, `malformed` answers 200 with truncated JSON. `DELETE /fault`
 *   clears it; `GET /fault` shows what is left.
 * - `POST /seed` `{count, prefix, variable_every?, variations?, images?}` creates products in
 *   bulk (Seeder), `POST /reset` deletes every product, variation and seeded image.
 * - `GET /requests` counts the `wc/v3` requests served per route since the last reset.
 */

namespace ProseoTest\WcRest;

use WP_Error;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

if (!defined('ABSPATH')) {
    exit;
}

final class Faults
{
    private const OPTION = 'proseo_test_wc_fault';
    private const COUNTS = 'proseo_test_wc_requests';

    public static function register(): void
    {
        $admin = fn () => current_user_can('manage_options')
            ?: new WP_Error('rest_forbidden', 'Sorry, you are not allowed to do that.', ['status' => rest_authorization_required_code()]);
        register_rest_route('proseo-test/v1', '/fault', [
            ['methods' => WP_REST_Server::CREATABLE, 'callback' => [self::class, 'set'], 'permission_callback' => $admin],
            ['methods' => WP_REST_Server::DELETABLE, 'callback' => [self::class, 'clear'], 'permission_callback' => $admin],
            ['methods' => WP_REST_Server::READABLE, 'callback' => [self::class, 'show'], 'permission_callback' => $admin],
        ]);
        register_rest_route('proseo-test/v1', '/seed', [
            'methods' => WP_REST_Server::CREATABLE,
            'callback' => [Seeder::class, 'route'],
            'permission_callback' => $admin,
        ]);
        register_rest_route('proseo-test/v1', '/reset', [
            'methods' => WP_REST_Server::CREATABLE,
            'callback' => [Seeder::class, 'reset'],
            'permission_callback' => $admin,
        ]);
        register_rest_route('proseo-test/v1', '/requests', [
            'methods' => WP_REST_Server::READABLE,
            'callback' => fn () => rest_ensure_response((object) get_option(self::COUNTS, [])),
            'permission_callback' => $admin,
        ]);
    }

    public static function set(WP_REST_Request $request)
    {
        $f = (array) $request->get_json_params();
        $mode = (string) ($f['mode'] ?? '');
        if (!in_array($mode, ['status', 'timeout', 'malformed'], true)) {
            return new WP_Error('rest_invalid_param', 'mode: status, timeout or malformed', ['status' => 400]);
        }
        $fault = [
            'mode' => $mode,
            'status' => (int) ($f['status'] ?? 500),
            'retry_after' => isset($f['retry_after']) ? (string) $f['retry_after'] : null,
            'seconds' => (int) ($f['seconds'] ?? 30),
            'count' => max(1, (int) ($f['count'] ?? 1)),
            'match' => (string) ($f['match'] ?? ''),
        ];
        update_option(self::OPTION, $fault, false);
        delete_option(self::COUNTS);
        return rest_ensure_response($fault);
    }

    public static function clear()
    {
        delete_option(self::OPTION);
        return rest_ensure_response(['cleared' => true]);
    }

    public static function show()
    {
        return rest_ensure_response(get_option(self::OPTION, null));
    }

    /**
     * `rest_pre_dispatch`: counts `wc/v3` requests and applies a pending fault to the ones it
     * matches (before authentication and the route's own work, as a proxy or host would).
     */
    public static function inject($result, $server, WP_REST_Request $request)
    {
        $route = $request->get_route();
        if (strpos($route, '/wc/v3/') !== 0) {
            return $result;
        }
        $key = $request->get_method() . ' ' . preg_replace('#/\d+(?=/|$)#', '/{id}', $route);
        $counts = (array) get_option(self::COUNTS, []);
        $counts[$key] = ($counts[$key] ?? 0) + 1;
        update_option(self::COUNTS, $counts, false);
        $fault = get_option(self::OPTION, null);
        if (!is_array($fault) || ($fault['match'] !== '' && strpos($key, $fault['match']) === false)) {
            return $result;
        }
        $fault['count']--;
        if ($fault['count'] <= 0) {
            delete_option(self::OPTION);
        } else {
            update_option(self::OPTION, $fault, false);
        }
        switch ($fault['mode']) {
            case 'timeout':
                sleep(max(0, $fault['seconds']));
                return $result;
            case 'malformed':
                // A 200 whose JSON stops half-way (a proxy cut it, PHP died mid-answer).
                status_header(200);
                header('Content-Type: application/json; charset=UTF-8');
                echo '[{"id":1,"name":"Truncated pro';
                exit;
            default:
                $status = $fault['status'];
                $codes = [401 => 'woocommerce_rest_authentication_error', 403 => 'woocommerce_rest_cannot_view', 404 => 'rest_no_route', 429 => 'woocommerce_rest_too_many_requests', 500 => 'internal_server_error', 502 => 'bad_gateway', 503 => 'service_unavailable'];
                $response = new WP_REST_Response([
                    'code' => $codes[$status] ?? 'http_' . $status,
                    'message' => get_status_header_desc($status) ?: 'Error',
                    'data' => ['status' => $status],
                ], $status);
                if ($fault['retry_after'] !== null) {
                    $response->header('Retry-After', $fault['retry_after']);
                }
                return $response;
        }
    }
}
