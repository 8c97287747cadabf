<?php

namespace ProseoTest;

/**
 * Every proseo/v1 route against every role: administrator and shop manager may generate (and,
 * for settings, only the administrator may manage); editor, author and subscriber get 403
 * proseo_forbidden; anonymous gets 401.
 */
final class CapabilityMatrixTest extends TestCase
{
    private const ROLES = ['administrator', 'shop_manager', 'editor', 'author', 'subscriber', 'anonymous'];

    /** Route path (with a product or job ID filled in) and body per route of Rest::routes(). */
    private function calls(int $productId): array
    {
        $calls = [];
        foreach (self::plugin()->rest->routes() as [$method, $path, , $permission]) {
            $concrete = str_replace(
                ['(?P<id>\d+)', '(?P<job>[A-Za-z0-9_-]+)'],
                [(string) $productId, 'job_unknown'],
                $path
            );
            $body = [];
            if ($path === '/jobs' && $method === 'POST') {
                $body = ['product_ids' => [$productId]];
            } elseif (substr($path, -7) === '/jsonld' && $method === 'POST') {
                $body = ['json_ld' => ['@type' => 'Thing'], 'eligible' => false, 'hash' => str_repeat('0', 64)];
            } elseif (substr($path, -6) === '/apply') {
                $body = ['item_ids' => ['itm_x'], 'decision' => 'reject'];
            }
            $calls[] = [$method, $path, $concrete, $body, $permission];
        }
        return $calls;
    }

    public function testEveryRouteIsCoveredAndGuarded(): void
    {
        $routes = rest_get_server()->get_routes('proseo/v1');
        $paths = array_unique(array_column(self::plugin()->rest->routes(), 1));
        $this->assertCount(count($paths), array_filter(array_keys($routes), static function ($r) {
            return $r !== '/proseo/v1';
        }));
        foreach ($routes as $route => $handlers) {
            if ($route === '/proseo/v1') {
                continue; // WordPress's index of the namespace
            }
            foreach ($handlers as $handler) {
                if (isset($handler['methods'])) {
                    $this->assertIsCallable(
                        $handler['permission_callback'] ?? null,
                        "$route has a permission_callback"
                    );
                }
            }
        }
    }

    public function testMatrix(): void
    {
        $this->actAs('administrator');
        $productId = $this->product('Capability test mug', '<p>A mug.</p>');
        $expect = [
            'canGenerate' => ['administrator' => true, 'shop_manager' => true],
            'canEditProduct' => ['administrator' => true, 'shop_manager' => true],
            'canManage' => ['administrator' => true],
        ];
        $checked = 0;
        foreach (self::ROLES as $role) {
            foreach ($this->calls($productId) as [$method, $path, $concrete, $body, $permission]) {
                $this->actAs($role);
                // Only the permission decision matters here: the POST routes that would do real
                // work for allowed users are covered by their own tests.
                $allowed = $expect[$permission][$role] ?? false;
                $harmless = ['/products/(?P<id>\d+)/discard', '/products/(?P<id>\d+)/undo'];
                if ($allowed && $method === 'POST' && !in_array($path, $harmless, true)) {
                    $request = $this->request($method, $concrete, $body);
                    $result = call_user_func([self::plugin()->rest, $permission], $request);
                    $this->assertTrue($result, "$role may $method $path");
                    $checked++;
                    continue;
                }
                $response = $this->rest($method, $concrete, $body);
                $status = $response->get_status();
                $label = "$role $method $concrete → $status " . self::errorCode($response);
                if ($allowed) {
                    $this->assertNotContains($status, [401, 403], $label);
                } elseif ($role === 'anonymous') {
                    $this->assertSame(401, $status, $label);
                    $this->assertSame('proseo_not_logged_in', self::errorCode($response), $label);
                } else {
                    $this->assertSame(403, $status, $label);
                    $this->assertSame('proseo_forbidden', self::errorCode($response), $label);
                }
                $checked++;
            }
        }
        $this->assertSame(count(self::ROLES) * count($this->calls($productId)), $checked);
    }

    public function testShopManagerCannotEditSomeoneElsesProductWithoutTheCapability(): void
    {
        $this->actAs('administrator');
        $productId = $this->product('Private mug', '<p>Private.</p>');
        wp_update_post(['ID' => $productId, 'post_status' => 'private']);
        $this->actAs('author');
        $response = $this->rest('POST', "/products/$productId/discard");
        $this->assertSame(403, $response->get_status());
    }

    public function testCustomCapabilityComesFromWooCommerceCapabilities(): void
    {
        $this->actAs('shop_manager');
        $this->assertTrue(current_user_can('proseo_generate'));
        $this->assertFalse(current_user_can('proseo_manage'));
        $this->actAs('editor');
        $this->assertFalse(current_user_can('proseo_generate'));
        $this->actAs('administrator');
        $this->assertTrue(current_user_can('proseo_manage'));
    }

    private function request(string $method, string $path, array $body): \WP_REST_Request
    {
        $request = new \WP_REST_Request($method, '/proseo/v1' . $path);
        $request->set_header('X-WP-Nonce', wp_create_nonce('wp_rest'));
        if (preg_match('#^/products/(\d+)/#', $path, $m)) {
            $request->set_url_params(['id' => $m[1]]);
        }
        $request->set_body_params($body);
        return $request;
    }
}
