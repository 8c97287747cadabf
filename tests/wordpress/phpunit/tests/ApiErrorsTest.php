<?php

namespace ProseoTest;

use Proseo\ApiClient;
use Proseo\Settings;

/**
 * The edge API's failures reach the merchant as clear messages with stable codes, from the real
 * API: an unknown key, an unreachable URL, a used-up quota (a tenant with a quota of one), and a
 * connection test that works.
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

    public function testInvalidKey(): void
    {
        update_option(Settings::KEY_OPTION, 'psk_' . str_repeat('x', 40));
        $response = $this->generateAs('administrator');
        $this->assertSame('proseo_invalid_key', self::errorCode($response));
        $this->assertStringContainsString('API key', $response->get_data()['message']);
        $this->assertStringNotContainsString(str_repeat('x', 20), wp_json_encode($response->get_data()), 'the key is not echoed');
    }

    public function testUnreachable(): void
    {
        self::plugin()->settings->update(['api_url' => 'http://127.0.0.1:9']);
        $response = $this->generateAs('administrator');
        $this->assertSame('proseo_unreachable', self::errorCode($response));
        $this->assertSame(503, $response->get_status());
        $this->assertStringContainsString('cannot be reached', $response->get_data()['message']);
    }

    public function testQuotaExceeded(): void
    {
        $api = (string) self::plugin()->settings->get('api_url');
        $created = wp_remote_post($api . '/api/v1/admin/tenants', [
            'headers' => ['Authorization' => 'Bearer ' . getenv('PROSEO_ADMIN_TOKEN'), 'Content-Type' => 'application/json'],
            'body' => wp_json_encode(['name' => 'Quota one', 'slug' => 'quota-' . bin2hex(random_bytes(4)), 'monthly_generations' => 1]),
        ]);
        $key = json_decode(wp_remote_retrieve_body($created), true)['data']['api_key']['key'];
        update_option(Settings::KEY_OPTION, $key);
        $this->assertSame(200, $this->generateAs('administrator')->get_status(), 'the first generation fits the quota');
        $response = $this->generateAs('administrator');
        $this->assertSame('proseo_quota_exceeded', self::errorCode($response));
        $this->assertSame(429, $response->get_status());
        $this->assertStringContainsString('(1 of 1)', $response->get_data()['message']);
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
