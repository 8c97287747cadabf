<?php

namespace ProseoTest;

use Proseo\Plugin;
use WP_REST_Request;
use WP_REST_Response;

/**
 * Base for the tests against the live site: each test runs in a database transaction that is
 * rolled back (edge API state is not, it is per-tenant and harmless), with helpers for users,
 * products and REST requests in-process (rest_do_request, with a real nonce).
 */
abstract class TestCase extends \PHPUnit\Framework\TestCase
{
    protected function setUp(): void
    {
        global $wpdb;
        $wpdb->query('START TRANSACTION');
        wp_cache_flush();
        wp_set_current_user(0);
    }

    protected function tearDown(): void
    {
        global $wpdb;
        $wpdb->query('ROLLBACK');
        wp_cache_flush();
        wp_set_current_user(0);
        unset($_SERVER['HTTP_X_WP_NONCE']);
    }

    protected static function plugin(): Plugin
    {
        return Plugin::instance();
    }

    /** Logs in (in-process) as the test user of $role; 'anonymous' logs out. */
    protected function actAs(string $role): int
    {
        if ($role === 'anonymous') {
            wp_set_current_user(0);
            return 0;
        }
        $login = $role === 'administrator' ? 'admin' : str_replace('_', '', $role);
        $user = get_user_by('login', $login);
        $this->assertNotFalse($user, "test user $login exists");
        wp_set_current_user($user->ID);
        return $user->ID;
    }

    /** @param array<string, mixed> $meta */
    protected function product(string $title, string $content = '', string $excerpt = '', array $meta = []): int
    {
        $id = wp_insert_post(wp_slash([
            'post_type' => 'product',
            'post_status' => 'publish',
            'post_title' => $title,
            'post_content' => $content,
            'post_excerpt' => $excerpt,
        ]), true);
        $this->assertIsInt($id);
        foreach ($meta as $key => $value) {
            update_post_meta($id, $key, wp_slash($value));
        }
        return $id;
    }

    /**
     * A REST request in-process, as the current user, with a valid nonce unless $nonce is
     * false (or a string to send instead).
     *
     * @param array<string, mixed> $params
     * @param bool|string $nonce
     */
    protected function rest(string $method, string $path, array $params = [], $nonce = true): WP_REST_Response
    {
        $request = new WP_REST_Request($method, '/proseo/v1' . $path);
        if ($method === 'GET') {
            $request->set_query_params($params);
        } else {
            $request->set_header('Content-Type', 'application/json');
            $request->set_body((string) wp_json_encode($params));
        }
        if ($nonce !== false) {
            $request->set_header('X-WP-Nonce', $nonce === true ? wp_create_nonce('wp_rest') : $nonce);
        }
        return rest_get_server()->dispatch($request);
    }

    protected static function errorCode(WP_REST_Response $response): string
    {
        $data = $response->get_data();
        return is_array($data) ? (string) ($data['code'] ?? '') : '';
    }
}
