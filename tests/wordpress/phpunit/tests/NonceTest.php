<?php

namespace ProseoTest;

/**
 * The REST nonce is required on top of the capability: in-process (no nonce, a wrong one) and
 * over real HTTP against the running site (login cookies without X-WP-Nonce are anonymous).
 */
final class NonceTest extends TestCase
{
    public function testMissingNonceIsRefused(): void
    {
        $this->actAs('administrator');
        $response = $this->rest('GET', '/jobs', [], false);
        $this->assertSame(403, $response->get_status());
        $this->assertSame('proseo_invalid_nonce', self::errorCode($response));
    }

    public function testWrongNonceIsRefused(): void
    {
        $this->actAs('administrator');
        $response = $this->rest('GET', '/jobs', [], 'abc123');
        $this->assertSame(403, $response->get_status());
        $this->assertSame('proseo_invalid_nonce', self::errorCode($response));
    }

    public function testAnotherUsersNonceIsRefused(): void
    {
        $this->actAs('shop_manager');
        $nonce = wp_create_nonce('wp_rest');
        $this->actAs('administrator');
        $this->assertSame(403, $this->rest('GET', '/jobs', [], $nonce)->get_status());
    }

    public function testOverHttpCookieAloneIsAnonymousAndCookiePlusNonceWorks(): void
    {
        $url = (string) getenv('WP_URL');
        $jar = [new \WP_Http_Cookie(['name' => 'wordpress_test_cookie', 'value' => 'WP Cookie check'])];
        $login = wp_remote_post($url . '/wp-login.php', [
            'body' => ['log' => 'admin', 'pwd' => getenv('WP_ADMIN_PASSWORD'), 'testcookie' => '1'],
            'cookies' => $jar,
            'redirection' => 0,
        ]);
        $this->assertFalse(is_wp_error($login));
        $this->assertSame(302, wp_remote_retrieve_response_code($login), 'login redirects');
        $cookies = array_merge($jar, wp_remote_retrieve_cookies($login));

        $plain = wp_remote_get($url . '/wp-json/proseo/v1/jobs', ['cookies' => $cookies]);
        $this->assertSame(401, wp_remote_retrieve_response_code($plain));
        $this->assertSame('proseo_not_logged_in', json_decode(wp_remote_retrieve_body($plain), true)['code']);

        $bad = wp_remote_get($url . '/wp-json/proseo/v1/jobs', [
            'cookies' => $cookies,
            'headers' => ['X-WP-Nonce' => 'nope'],
        ]);
        $this->assertSame(403, wp_remote_retrieve_response_code($bad));
        $this->assertSame('rest_cookie_invalid_nonce', json_decode(wp_remote_retrieve_body($bad), true)['code']);

        $nonce = wp_remote_retrieve_body(
            wp_remote_get($url . '/wp-admin/admin-ajax.php?action=rest-nonce', ['cookies' => $cookies])
        );
        $this->assertMatchesRegularExpression('/^[0-9a-f]{10}$/', $nonce);
        $ok = wp_remote_get($url . '/wp-json/proseo/v1/jobs', [
            'cookies' => $cookies,
            'headers' => ['X-WP-Nonce' => $nonce],
        ]);
        $this->assertSame(200, wp_remote_retrieve_response_code($ok));
        $this->assertIsArray(json_decode(wp_remote_retrieve_body($ok), true));
    }

    public function testArgumentsAreValidatedFromTheSchema(): void
    {
        $this->actAs('administrator');
        $response = $this->rest('POST', '/jobs', ['product_ids' => ['not-a-number']]);
        $this->assertSame(400, $response->get_status());
        $this->assertSame('rest_invalid_param', self::errorCode($response));
        $response = $this->rest('POST', '/jobs/job_x/apply', ['item_ids' => ['a'], 'decision' => 'maybe']);
        $this->assertSame('rest_invalid_param', self::errorCode($response));
        $response = $this->rest('GET', '/products', ['per_page' => 1000]);
        $this->assertSame('rest_invalid_param', self::errorCode($response));
    }
}
