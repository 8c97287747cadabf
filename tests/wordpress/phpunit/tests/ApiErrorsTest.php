<?php

namespace ProseoTest;

use Proseo\ApiClient;
use Proseo\Settings;

/**
 * The edge API's failures reach the merchant as clear messages with stable codes, from the real
 * API: an unknown key, an unreachable URL, a used-up quota (a tenant with a quota of one), the
 * per-minute rate limit (a tenant allowed two requests a minute), the LLM provider failing or
 * timing out (a tenant whose default integration is the mock LLM server of tests/wordpress/up,
 * scripted per test), and a connection test that works.
 */
final class ApiErrorsTest extends TestCase
{
    private array $saved = [];

    protected function setUp(): void
    {
        parent::setUp();
        $this->saved = [get_option(Settings::OPTION), get_option(Settings::KEY_OPTION)];
    }

    protected function tearDown(): void
    {
        parent::tearDown(); // rolls the options back
    }

    private function generateAs(string $role): \WP_REST_Response
    {
        $this->actAs($role);
        $id = $this->product('Error mug', '<p>Mug.</p>');
        return $this->rest('POST', "/products/$id/generate", ['keyphrase' => 'mug']);
    }

    /** Generate for product $id as the administrator, through the plugin's REST route. */
    private function generateFor(int $id): \WP_REST_Response
    {
        $this->actAs('administrator');
        return $this->rest('POST', "/products/$id/generate", ['keyphrase' => 'mug']);
    }

    /**
     * A new tenant on the edge API (admin API); returns its API key.
     *
     * @param array<string, mixed> $fields
     */
    private function tenant(string $name, array $fields = []): string
    {
        $api = (string) self::plugin()->settings->get('api_url');
        $slug = strtolower(str_replace(' ', '-', $name)) . '-' . bin2hex(random_bytes(4));
        $created = self::post($api . '/api/v1/admin/tenants', (string) getenv('PROSEO_ADMIN_TOKEN'), [
            'name' => $name,
            'slug' => $slug,
        ] + $fields);
        $this->assertSame(201, $created['status'], wp_json_encode($created['body']));
        return $created['body']['data']['api_key']['key'];
    }

    /**
     * Configures the plugin with a new tenant whose default integration is the mock LLM server
     * (openai_compatible, a 1 s timeout), and empties the mock's queue.
     */
    private function useMockProvider(): void
    {
        $mock = (string) getenv('MOCK_LLM_URL');
        $this->assertNotSame('', $mock, 'MOCK_LLM_URL is set (tests/wordpress/up prints it)');
        $key = $this->tenant('Mock provider');
        $api = (string) self::plugin()->settings->get('api_url');
        $integration = self::post($api . '/api/v1/integrations', $key, [
            'type' => 'openai_compatible',
            'name' => 'mock LLM',
            'credentials' => ['api_key' => 'sk-test-' . bin2hex(random_bytes(12))],
            'settings' => ['base_url' => $mock . '/v1', 'model' => 'gpt-mock', 'timeout_ms' => 1000],
            'is_default' => true,
        ]);
        $this->assertSame(201, $integration['status'], wp_json_encode($integration['body']));
        $this->assertSame(1000, $integration['body']['data']['settings']['timeout_ms']);
        update_option(Settings::KEY_OPTION, $key);
        $this->assertSame(200, self::post($mock . '/__mock/reset', '', [])['status']);
    }

    /** @param array<int, array<string, mixed>> $responses */
    private function scriptMock(array $responses): void
    {
        $scripted = self::post(getenv('MOCK_LLM_URL') . '/__mock/script', '', ['responses' => $responses]);
        $this->assertSame(200, $scripted['status'], wp_json_encode($scripted['body']));
    }

    /** @return array{queued: int, requests: int} */
    private function mockState(): array
    {
        $state = wp_remote_get(getenv('MOCK_LLM_URL') . '/__mock/state');
        return (array) json_decode((string) wp_remote_retrieve_body($state), true);
    }

    private function assertLoggedError(int $id, string $code): void
    {
        global $wpdb;
        $row = $wpdb->get_row($wpdb->prepare(
            'SELECT action, status, error_code FROM ' . \Proseo\Logger::table() . ' WHERE product_id = %d',
            $id
        ), ARRAY_A);
        $this->assertSame(['action' => 'generate', 'status' => 'error', 'error_code' => $code], $row);
    }

    /**
     * POST JSON (with a bearer token unless it is '') → {status, body}.
     *
     * @param array<string, mixed> $body
     * @return array{status: int, body: mixed}
     */
    private static function post(string $url, string $token, array $body): array
    {
        $headers = ['Content-Type' => 'application/json'];
        if ($token !== '') {
            $headers['Authorization'] = 'Bearer ' . $token;
        }
        $response = wp_remote_post($url, ['headers' => $headers, 'body' => wp_json_encode($body), 'timeout' => 30]);
        if (is_wp_error($response)) {
            return ['status' => 0, 'body' => $response->get_error_message()];
        }
        return [
            'status' => (int) wp_remote_retrieve_response_code($response),
            'body' => json_decode((string) wp_remote_retrieve_body($response), true),
        ];
    }

    public function testInvalidKey(): void
    {
        update_option(Settings::KEY_OPTION, 'psk_' . str_repeat('x', 40));
        $response = $this->generateAs('administrator');
        $this->assertSame('proseo_invalid_key', self::errorCode($response));
        $this->assertStringContainsString('API key', $response->get_data()['message']);
        $this->assertStringNotContainsString(
            str_repeat('x', 20),
            wp_json_encode($response->get_data()),
            'the key is not echoed'
        );
    }

    /**
     * A transport failure reaches the browser as one generic code and message, without the
     * address, port or cURL's reason (which would make proseo a port scanner of the server's
     * network); the reason goes to the PHP error log, and not into the proseo log screen.
     */
    public function testUnreachableTellsTheBrowserNothingAboutTheNetwork(): void
    {
        self::plugin()->settings->update(['api_url' => 'http://127.0.0.1:9']);
        $log = (string) tempnam(sys_get_temp_dir(), 'proseo-error-log');
        $previous = ini_set('error_log', $log);
        try {
            $this->actAs('administrator');
            $id = $this->product('Unreachable mug', '<p>Mug.</p>');
            $generate = $this->rest('POST', "/products/$id/generate", ['keyphrase' => 'mug']);
            $connection = $this->rest('POST', '/settings/test');
        } finally {
            ini_set('error_log', (string) $previous);
        }
        $logged = (string) file_get_contents($log);
        unlink($log);

        $generic = 'The proseo API cannot be reached. Check the API URL under Settings → proseo and that this'
            . ' server can make outgoing connections. The technical reason is in the server\'s PHP error log.';
        foreach (['generate' => $generate, 'test connection' => $connection] as $what => $response) {
            $this->assertSame('proseo_unreachable', self::errorCode($response), $what);
            $this->assertSame(503, $response->get_status(), $what);
            $this->assertSame($generic, $response->get_data()['message'], $what);
            $this->assertSame('edge_unreachable', $response->get_data()['data']['api_code'], $what);
            $json = (string) wp_json_encode($response->get_data());
            foreach (['127.0.0.1', 'port 9', 'cURL', 'Failed to connect', 'refused'] as $detail) {
                $this->assertStringNotContainsString($detail, $json, "$what: $detail");
            }
        }
        $this->assertMatchesRegularExpression(
            '#proseo: POST http://127\.0\.0\.1:9/api/v1/generate failed: cURL error 7: .*127\.0\.0\.1.*#',
            $logged,
            'the reason is in the PHP error log'
        );
        $this->assertStringContainsString('proseo: GET http://127.0.0.1:9/api/v1/usage failed: cURL error 7', $logged);
        global $wpdb;
        $errors = $wpdb->get_col(
            'SELECT error FROM ' . \Proseo\Logger::table() . " WHERE error_code = 'proseo_unreachable'"
        );
        $this->assertNotEmpty($errors);
        foreach ($errors as $error) {
            $this->assertStringNotContainsString('cURL', $error, 'the log screen shows the generic message');
        }
        $this->assertLoggedError($id, 'proseo_unreachable');
    }

    public function testQuotaExceeded(): void
    {
        update_option(Settings::KEY_OPTION, $this->tenant('Quota one', ['monthly_generations' => 1]));
        $this->assertSame(200, $this->generateAs('administrator')->get_status(), 'the first generation fits the quota');
        $response = $this->generateAs('administrator');
        $this->assertSame('proseo_quota_exceeded', self::errorCode($response));
        $this->assertSame(429, $response->get_status());
        $this->assertStringContainsString('(1 of 1)', $response->get_data()['message']);
    }

    public function testRateLimited(): void
    {
        update_option(Settings::KEY_OPTION, $this->tenant('Rate two', ['rate_limit_per_minute' => 2]));
        // Two requests a minute in fixed windows: the third within a window is refused (a window
        // may roll over once in between, hence up to five).
        $statuses = [];
        for ($i = 0; $i < 5; $i++) {
            $response = $this->generateAs('administrator');
            $statuses[] = $response->get_status();
            if ($response->get_status() !== 200) {
                break;
            }
        }
        $this->assertSame('proseo_rate_limited', self::errorCode($response), implode(' ', $statuses));
        $this->assertSame(429, $response->get_status());
        $this->assertSame('rate_limited', $response->get_data()['data']['api_code']);
        $this->assertMatchesRegularExpression(
            '/^Too many requests to proseo right now\. Try again in (1 second|([2-9]|[1-5][0-9]|60) seconds)\.$/',
            $response->get_data()['message'],
            'the wait comes from the API\'s Retry-After'
        );
        $this->assertGreaterThanOrEqual(2, count(array_keys($statuses, 200, true)), 'two went through first');
    }

    public function testProviderError(): void
    {
        $this->useMockProvider();
        $this->scriptMock([['status' => 500]]);
        $id = $this->product('Provider error mug', '<p>Mug.</p>');
        $response = $this->generateFor($id);
        $this->assertSame('proseo_provider_error', self::errorCode($response), wp_json_encode($response->get_data()));
        $this->assertSame(502, $response->get_status());
        $this->assertSame('provider_error', $response->get_data()['data']['api_code']);
        $this->assertSame(
            'The writing service did not deliver a usable description this time. Please try again in a moment.',
            $response->get_data()['message']
        );
        $this->assertSame(1, $this->mockState()['requests'], 'the provider was called once');
        $this->assertNull(self::plugin()->writer->suggestion($id), 'no suggestion is stored');
        $this->assertLoggedError($id, 'proseo_provider_error');
    }

    public function testProviderTimeout(): void
    {
        $this->useMockProvider();
        $this->scriptMock([['delay_ms' => 3000]]);
        $id = $this->product('Provider timeout mug', '<p>Mug.</p>');
        $started = microtime(true);
        $response = $this->generateFor($id);
        $took = microtime(true) - $started;
        $this->assertSame('proseo_provider_error', self::errorCode($response), wp_json_encode($response->get_data()));
        $this->assertSame(502, $response->get_status());
        $this->assertSame('provider_timeout', $response->get_data()['data']['api_code']);
        $this->assertStringContainsString('Please try again in a moment.', $response->get_data()['message']);
        $this->assertLessThan(3.0, $took, 'the integration\'s 1 s timeout ends it, not the mock\'s 3 s delay');
        $this->assertNull(self::plugin()->writer->suggestion($id), 'no suggestion is stored');
        $this->assertLoggedError($id, 'proseo_provider_error');
    }

    public function testNotConfigured(): void
    {
        delete_option(Settings::KEY_OPTION);
        $this->assertSame('proseo_not_configured', self::errorCode($this->generateAs('administrator')));
    }

    public function testConnectionTest(): void
    {
        $this->actAs('administrator');
        $response = $this->rest('POST', '/settings/test');
        $this->assertSame(200, $response->get_status(), wp_json_encode($response->get_data()));
        $this->assertTrue($response->get_data()['ok']);
        $this->assertStringStartsWith('Connected', $response->get_data()['message']);
    }

    public function errorCodes(): array
    {
        return [
            ['rate_limited', 'proseo_rate_limited', 429, '30 seconds'],
            ['unauthorized', 'proseo_invalid_key', 502, 'API key'],
            ['provider_timeout', 'proseo_provider_error', 502, 'try again'],
            ['provider_error', 'proseo_provider_error', 502, 'try again'],
            ['teapot', 'proseo_api_error', 502, '(teapot)'],
        ];
    }

    /** @dataProvider errorCodes */
    public function testErrorMapping(string $api, string $code, int $status, string $says): void
    {
        $error = ApiClient::error($api, 'message from the API', [], 30);
        $this->assertSame($code, $error->get_error_code());
        $this->assertSame($status, $error->get_error_data()['status']);
        $this->assertStringContainsString($says, $error->get_error_message());
    }
}
