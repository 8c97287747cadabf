<?php

namespace ProseoTest;

use Proseo\Settings;

/**
 * The two screens that save the API URL refuse an http:// URL to another host, over real HTTP
 * against the running site: Settings → proseo (options.php, the Settings API) and step 1 of the
 * setup wizard (admin-post.php). The server commits what it saves, so this class runs without
 * the rollback of TestCase and puts the options back itself.
 */
final class SaveApiUrlTest extends \PHPUnit\Framework\TestCase
{
    private const INSECURE = 'http://api.example.com';

    private string $url = '';
    /** @var array<int, \WP_Http_Cookie> */
    private array $cookies = [];
    /** @var array<string, mixed> */
    private array $saved = [];

    protected function setUp(): void
    {
        wp_cache_flush();
        $this->url = (string) getenv('WP_URL');
        foreach ([Settings::OPTION, Settings::ONBOARDING_OPTION] as $option) {
            $this->saved[$option] = get_option($option);
        }
        // The wizard would take over the first admin page view after activation.
        update_option(Settings::ONBOARDING_OPTION, 'done');
        $jar = [new \WP_Http_Cookie(['name' => 'wordpress_test_cookie', 'value' => 'WP Cookie check'])];
        $login = wp_remote_post($this->url . '/wp-login.php', [
            'body' => ['log' => 'admin', 'pwd' => getenv('WP_ADMIN_PASSWORD'), 'testcookie' => '1'],
            'cookies' => $jar,
            'redirection' => 0,
        ]);
        $this->assertSame(302, wp_remote_retrieve_response_code($login), 'login redirects');
        $this->cookies = array_merge($jar, wp_remote_retrieve_cookies($login));
    }

    protected function tearDown(): void
    {
        foreach ($this->saved as $option => $value) {
            update_option($option, $value);
        }
        wp_cache_flush();
    }

    private function get(string $path): string
    {
        $response = wp_remote_get($this->url . $path, ['cookies' => $this->cookies, 'redirection' => 0]);
        $this->assertSame(200, wp_remote_retrieve_response_code($response), $path);
        return (string) wp_remote_retrieve_body($response);
    }

    /** POSTs a form; returns the redirect's Location. */
    private function post(string $path, array $body): string
    {
        $response = wp_remote_post($this->url . $path, [
            'cookies' => $this->cookies,
            'body' => $body,
            'redirection' => 0,
        ]);
        $this->assertSame(302, wp_remote_retrieve_response_code($response), $path);
        return (string) wp_remote_retrieve_header($response, 'location');
    }

    private static function nonce(string $html): string
    {
        preg_match('/name="_wpnonce" value="([0-9a-f]+)"/', $html, $m);
        return $m[1] ?? '';
    }

    private static function storedUrl(): string
    {
        wp_cache_flush();
        return (string) ((array) get_option(Settings::OPTION))['api_url'];
    }

    public function testTheSettingsScreenRefusesHttpToAnotherHost(): void
    {
        $before = self::storedUrl();
        $this->assertStringStartsWith('http://127.0.0.1:', $before, 'the test site\'s loopback edge API');
        $page = $this->get('/wp-admin/options-general.php?page=proseo');
        $fields = [];
        foreach ((new Settings())->all() as $name => $value) {
            $fields[Settings::OPTION . "[$name]"] = (string) $value;
        }
        $fields[Settings::OPTION . '[api_url]'] = self::INSECURE;
        $location = $this->post('/wp-admin/options.php', $fields + [
            'option_page' => 'proseo',
            'action' => 'update',
            '_wpnonce' => self::nonce($page),
            '_wp_http_referer' => '/wp-admin/options-general.php?page=proseo',
            'proseo_api_key_new' => '',
        ]);
        $this->assertStringContainsString('settings-updated=true', $location);
        $this->assertSame($before, self::storedUrl(), 'the http:// URL was not saved');

        $back = (string) wp_parse_url($location, PHP_URL_PATH) . '?' . wp_parse_url($location, PHP_URL_QUERY);
        $shown = $this->get($back);
        $this->assertStringContainsString('The API URL must start with https://.', $shown);
        $this->assertStringNotContainsString('Settings saved.', $shown);
    }

    public function testTheSetupWizardRefusesHttpToAnotherHost(): void
    {
        $before = self::storedUrl();
        $page = $this->get('/wp-admin/admin.php?page=proseo-setup&step=1');
        $location = $this->post('/wp-admin/admin-post.php', [
            'action' => 'proseo_onboarding',
            'step' => '1',
            '_wpnonce' => self::nonce($page),
            'api_url' => self::INSECURE,
            'api_key' => '',
        ]);
        parse_str((string) wp_parse_url($location, PHP_URL_QUERY), $query);
        $this->assertSame('1', $query['step'] ?? null, 'back to step 1');
        $this->assertStringContainsString('must start with https://', rawurldecode($query['proseo_error'] ?? ''));
        $this->assertSame($before, self::storedUrl(), 'the http:// URL was not saved');
    }
}
