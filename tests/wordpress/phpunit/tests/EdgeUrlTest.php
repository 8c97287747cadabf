<?php

namespace ProseoTest;

use Proseo\EdgeUrl;
use Proseo\Settings;
use WP_Error;

/**
 * Where the edge API may be, and how it is called: wp_safe_remote_request() (WordPress's URL
 * validation applies), https:// except loopback, loopback only where it is allowed, reserved
 * addresses refused, checked when the URL is saved and again before every request. Requests
 * that would leave this machine are stopped by a `pre_http_request` observer (it runs before
 * WordPress's own validation, so it also sees the arguments of a request WordPress would refuse).
 */
final class EdgeUrlTest extends TestCase
{
    /** @var array<int, array{url: string, reject_unsafe_urls: bool}> */
    private array $requests = [];
    private ?\Closure $observer = null;

    protected function tearDown(): void
    {
        if ($this->observer) {
            remove_filter('pre_http_request', $this->observer, 10);
        }
        remove_all_filters('proseo_allow_loopback_api');
        $GLOBALS['wp_settings_errors'] = [];
        parent::tearDown();
    }

    /** Records every HTTP request; with $block, answers it with an error instead of sending it. */
    private function observeRequests(bool $block): void
    {
        $this->observer = function ($pre, array $args, string $url) use ($block) {
            $this->requests[] = ['url' => $url, 'reject_unsafe_urls' => (bool) $args['reject_unsafe_urls']];
            return $block ? new WP_Error('http_request_failed', 'stopped by the test') : $pre;
        };
        add_filter('pre_http_request', $this->observer, 10, 3);
    }

    private static function useApiUrl(string $url): void
    {
        // Written straight into the option, as an older version or another tool could have.
        update_option(Settings::OPTION, ['api_url' => $url] + (array) get_option(Settings::OPTION, []));
    }

    public function testRequestsUseWordPressSafeHttpApi(): void
    {
        $this->observeRequests(false);
        $this->actAs('administrator');
        $response = $this->rest('POST', '/settings/test');
        $this->assertSame(200, $response->get_status(), wp_json_encode($response->get_data()));
        $this->assertCount(1, $this->requests);
        $api = (string) self::plugin()->settings->get('api_url');
        $this->assertStringStartsWith($api . '/api/v1/', $this->requests[0]['url']);
        $this->assertTrue($this->requests[0]['reject_unsafe_urls'], 'wp_safe_remote_request(), not wp_remote_request');

        // A request with a query string (the API URL may have none; a request may).
        $jobs = self::plugin()->api->request('GET', '/jobs', null, ['per_page' => 1]);
        $this->assertIsArray($jobs, wp_json_encode($jobs instanceof WP_Error ? $jobs->get_error_messages() : ''));
        $this->assertSame($api . '/api/v1/jobs?per_page=1', $this->requests[1]['url']);
        $this->assertTrue($this->requests[1]['reject_unsafe_urls']);

        // The same API by the name localhost (WordPress resolves it, then asks the filters).
        $byName = str_replace('//127.0.0.1:', '//localhost:', $api);
        self::useApiUrl($byName);
        $usage = self::plugin()->api->request('GET', '/usage');
        $this->assertIsArray($usage, wp_json_encode($usage instanceof WP_Error ? $usage->get_error_messages() : ''));
        $this->assertSame($byName . '/api/v1/usage', $this->requests[2]['url']);
    }

    public function testTheLoopbackAllowanceLastsOneRequestAndCoversOneHostAndPort(): void
    {
        $api = (string) self::plugin()->settings->get('api_url');
        $this->assertMatchesRegularExpression('#^http://127\.0\.0\.1:\d+$#', $api, 'the test site\'s edge API');
        $port = (int) wp_parse_url($api, PHP_URL_PORT);
        $external = has_filter('http_request_host_is_external');
        $ports = has_filter('http_allowed_safe_ports');

        $inside = EdgeUrl::whileAllowed($api . '/x', static function () use ($api, $port) {
            return [
                wp_http_validate_url($api . '/api/v1/usage'),
                wp_http_validate_url('http://127.0.0.1:' . ($port + 1) . '/'),
                wp_http_validate_url('http://127.0.0.2:' . $port . '/'),
                wp_http_validate_url('http://10.0.0.5:' . $port . '/'),
            ];
        });
        $this->assertSame([$api . '/api/v1/usage', false, false, false], $inside, 'that host and port only');
        $this->assertFalse(wp_http_validate_url($api . '/api/v1/usage'), 'and only during the request');
        $this->assertSame($external, has_filter('http_request_host_is_external'));
        $this->assertSame($ports, has_filter('http_allowed_safe_ports'));

        add_filter('proseo_allow_loopback_api', '__return_false');
        $refused = EdgeUrl::whileAllowed($api . '/x', static function () use ($api) {
            return wp_http_validate_url($api . '/api/v1/usage');
        });
        $this->assertFalse($refused, 'nothing is opened where loopback is not allowed');
    }

    /** @return array<string, array{0: string, 1: string|null}> typed URL → refusal code (null: saved) */
    public function typedUrls(): array
    {
        return [
            'https' => ['https://api.example.com', null],
            'https with port 8080 and a path' => ['https://api.example.com:8080/proseo', null],
            'a port WordPress does not allow' => ['https://api.example.com:8443', 'proseo_url_refused'],
            'https to a private address' => ['https://10.0.0.5', 'proseo_url_refused'],
            'https to cloud metadata' => ['https://169.254.169.254', 'proseo_url_refused'],
            'http to another host' => ['http://api.example.com', 'proseo_insecure_url'],
            'no scheme (esc_url_raw adds http://)' => ['api.example.com', 'proseo_insecure_url'],
            'http to a private address' => ['http://10.0.0.5:22', 'proseo_insecure_url'],
            'http to a public address' => ['http://93.184.216.34', 'proseo_insecure_url'],
            'http loopback 127.0.0.1' => ['http://127.0.0.1:8787', null],
            'http loopback 127/8' => ['http://127.9.8.7', null],
            'http localhost' => ['http://localhost:8787', null],
            'http LocalHost' => ['http://LocalHost:8787', null],
            'https localhost' => ['https://localhost', null],
            'short IPv4 form is not loopback' => ['http://127.1:8787', 'proseo_insecure_url'],
            'a name under localhost.' => ['http://localhost.example.com', 'proseo_insecure_url'],
            'a name that starts with 127.' => ['http://127.0.0.1.nip.io', 'proseo_insecure_url'],
            'IPv6 literal' => ['http://[::1]:8787', 'proseo_invalid_url'],
            'credentials' => ['https://user:secret@api.example.com', 'proseo_invalid_url'],
            'query' => ['https://api.example.com/?x=1', 'proseo_invalid_url'],
            'javascript:' => ['javascript:alert(1)', 'proseo_invalid_url'],
            'ftp' => ['ftp://api.example.com', 'proseo_invalid_url'],
        ];
    }

    /** @dataProvider typedUrls */
    public function testTheSettingsScreenSavesOnlyAllowedUrls(string $typed, ?string $refusal): void
    {
        $this->actAs('administrator');
        self::useApiUrl('https://before.example.com');
        $GLOBALS['wp_settings_errors'] = [];
        $saved = self::plugin()->settingsPage->sanitize(['api_url' => $typed] + self::plugin()->settings->all());
        $errors = array_column(get_settings_errors('proseo'), 'code');
        if ($refusal === null) {
            $this->assertSame([], $errors);
            $this->assertSame(Settings::clean(['api_url' => $typed])['api_url'], $saved['api_url']);
        } else {
            $this->assertSame([$refusal], $errors);
            $this->assertSame('https://before.example.com', $saved['api_url'], 'the previous URL stays');
        }
    }

    public function testLoopbackIsRefusedWhereItIsNotAllowed(): void
    {
        add_filter('proseo_allow_loopback_api', '__return_false');
        foreach (['http://127.0.0.1:8787', 'https://localhost', 'http://localhost:8787'] as $url) {
            $refusal = EdgeUrl::policy($url);
            $this->assertInstanceOf(WP_Error::class, $refusal, $url);
            $this->assertSame('proseo_loopback_not_allowed', $refusal->get_error_code(), $url);
            $this->assertStringContainsString('PROSEO_ALLOW_LOOPBACK_API', $refusal->get_error_message());
        }
        $this->assertNull(EdgeUrl::policy('https://api.example.com'));
    }

    public function testLoopbackDefault(): void
    {
        $this->assertFalse(EdgeUrl::loopbackDefault(null, 'production'));
        $this->assertFalse(EdgeUrl::loopbackDefault(null, 'staging'));
        $this->assertTrue(EdgeUrl::loopbackDefault(null, 'local'));
        $this->assertTrue(EdgeUrl::loopbackDefault(null, 'development'));
        $this->assertTrue(EdgeUrl::loopbackDefault(true, 'production'), 'the constant allows it anywhere');
        $this->assertFalse(EdgeUrl::loopbackDefault(false, 'local'), 'and forbids it anywhere');
        $this->assertTrue(EdgeUrl::loopbackAllowed(), 'the test site defines PROSEO_ALLOW_LOOPBACK_API');
    }

    /** @return array<string, array{0: string, 1: string|null}> stored URL → refusal code (null: sent) */
    public function storedUrls(): array
    {
        return [
            'http to another host' => ['http://93.184.216.34', 'proseo_insecure_url'],
            'cloud metadata (link-local)' => ['https://169.254.169.254', 'proseo_url_refused'],
            'private 10/8' => ['https://10.0.0.5', 'proseo_url_refused'],
            'private 192.168/16' => ['https://192.168.1.1', 'proseo_url_refused'],
            'shared 100.64/10' => ['https://100.100.100.200', 'proseo_url_refused'],
            'unspecified' => ['https://0.0.0.0', 'proseo_url_refused'],
            'multicast' => ['https://224.0.0.1', 'proseo_url_refused'],
            'port WordPress does not allow' => ['https://93.184.216.34:22', 'proseo_url_refused'],
            'public address, port 443' => ['https://93.184.216.34', null],
            'public address, port 8080' => ['https://93.184.216.34:8080', null],
        ];
    }

    /** @dataProvider storedUrls */
    public function testEveryRequestIsCheckedAgain(string $stored, ?string $refusal): void
    {
        self::useApiUrl($stored);
        $this->observeRequests(true);
        $result = self::plugin()->api->request('GET', '/usage');
        $this->assertInstanceOf(WP_Error::class, $result);
        if ($refusal === null) {
            $this->assertCount(1, $this->requests, 'the request went out');
            $this->assertTrue($this->requests[0]['reject_unsafe_urls']);
            $this->assertSame('proseo_unreachable', $result->get_error_code(), 'the observer answered it');
        } else {
            $this->assertSame([], $this->requests, 'no request was made');
            $this->assertSame($refusal, $result->get_error_code());
            $this->assertSame(400, $result->get_error_data()['status']);
        }
    }

    public function testASiteOwnerCanAllowAnInternalHostWithWordPressFilter(): void
    {
        self::useApiUrl('https://10.0.0.5');
        $this->observeRequests(true);
        $allow = static function (bool $external, string $host): bool {
            return $external || $host === '10.0.0.5';
        };
        add_filter('http_request_host_is_external', $allow, 10, 2);
        try {
            $result = self::plugin()->api->request('GET', '/usage');
        } finally {
            remove_filter('http_request_host_is_external', $allow, 10);
        }
        $this->assertSame('proseo_unreachable', $result->get_error_code());
        $this->assertSame(['https://10.0.0.5/api/v1/usage'], array_column($this->requests, 'url'));
    }

    /**
     * DNS rebinding: a request connects to the addresses EdgeUrl vetted, not to a second DNS
     * answer. `localhost` (the one name this site's HTTP API lets the tests reach) resolves to
     * the edge API's 127.0.0.1; pinned to 127.0.0.2, where nothing listens, the request fails.
     * A pin covers its own host and port only, and does not outlive the request.
     */
    public function testRequestsConnectToTheAddressesThatWereChecked(): void
    {
        $edge = wp_parse_url((string) getenv('PROSEO_URL'));
        $port = (int) ($edge['port'] ?? 80);
        $url = sprintf('http://localhost:%d/api/v1/health', $port);
        $get = static function () use ($url) {
            return wp_remote_get($url, ['timeout' => 10]);
        };
        $status = static function ($response): string {
            return is_wp_error($response) ? $response->get_error_message()
                : (string) wp_remote_retrieve_response_code($response);
        };
        $hooked = has_action('http_api_curl');
        $this->assertSame('200', $status($get()), 'by name');
        $pinned = EdgeUrl::whilePinned($url, ['127.0.0.2'], $get);
        $this->assertInstanceOf(WP_Error::class, $pinned, 'pinned where nothing listens: ' . $status($pinned));
        $this->assertSame($hooked, has_action('http_api_curl'), 'the pin lasts one request');
        $this->assertSame('200', $status($get()), 'by name again');
        $other = sprintf('http://localhost:%d/api/v1/health', $port + 1);
        $this->assertSame(
            '200',
            $status(EdgeUrl::whilePinned($other, ['127.0.0.2'], $get)),
            'a pin covers its own host and port only'
        );
        $this->assertSame('200', $status(EdgeUrl::whilePinned($url, ['127.0.0.1'], $get)), 'pinned where it listens');
    }

    /**
     * The API client checks every address a host name resolves to, and its request goes out
     * pinned to them. The host: this machine's name, allowed with WordPress's filter (it
     * resolves to a loopback or private address).
     */
    public function testTheApiClientPinsTheAddressesItChecked(): void
    {
        $host = strtolower((string) gethostname());
        $addresses = $host !== '' ? gethostbynamel($host) : false;
        if (!$addresses || EdgeUrl::isLoopbackHost($host)) {
            $this->markTestSkipped('this machine\'s name does not resolve');
        }
        self::useApiUrl('https://' . $host);
        $hooked = has_action('http_api_curl');
        $allow = static function (bool $external, string $requested) use ($host): bool {
            return $external || strtolower($requested) === $host;
        };
        $pinned = null;
        $observer = static function () use (&$pinned) {
            $pinned = has_action('http_api_curl');
            return new WP_Error('http_request_failed', 'stopped by the test');
        };
        add_filter('http_request_host_is_external', $allow, 10, 2);
        add_filter('pre_http_request', $observer, 10, 0);
        try {
            $vetted = EdgeUrl::vetted('https://' . $host . '/api/v1/usage');
            $result = self::plugin()->api->request('GET', '/usage');
        } finally {
            remove_filter('http_request_host_is_external', $allow, 10);
            remove_filter('pre_http_request', $observer, 10);
        }
        $this->assertSame(array_values($addresses), $vetted);
        $this->assertSame([], EdgeUrl::vetted('https://93.184.216.34/api/v1/usage'), 'an address literal needs no pin');
        $this->assertSame('proseo_unreachable', $result->get_error_code());
        $this->assertNotFalse($pinned, 'the request went out with the pin in place');
        $this->assertSame($hooked, has_action('http_api_curl'), 'and without it afterwards');
    }

    public function testLoopbackRequestsStopWhereLoopbackIsNotAllowed(): void
    {
        $this->observeRequests(false);
        add_filter('proseo_allow_loopback_api', '__return_false');
        $result = self::plugin()->api->request('GET', '/usage');
        $this->assertInstanceOf(WP_Error::class, $result);
        $this->assertSame('proseo_loopback_not_allowed', $result->get_error_code());
        $this->assertSame([], $this->requests);
    }

    public function testReservedRanges(): void
    {
        $reserved = ['169.254.169.254', '100.64.0.1', '100.127.255.255', '172.31.0.1', '198.19.1.1', '255.255.255.255'];
        foreach ($reserved as $ip) {
            $this->assertTrue(EdgeUrl::isReserved($ip), $ip);
        }
        foreach (['93.184.216.34', '100.128.0.1', '172.32.0.1', '8.8.8.8', '223.255.255.255'] as $ip) {
            $this->assertFalse(EdgeUrl::isReserved($ip), $ip);
        }
        $this->assertTrue(EdgeUrl::isReserved('not an address'));
    }
}
