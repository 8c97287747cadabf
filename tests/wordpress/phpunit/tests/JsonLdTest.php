<?php

namespace ProseoTest;

use Proseo\JsonLd;

/**
 * Product JSON-LD: built by the core (the npm package's proseo/prompt jsonLd, run here in Node as
 * the product panel runs it in the browser), stored through the REST route, output in the
 * product page's head only while it matches the product, only when no other plugin outputs
 * Product schema and the setting is on, and escaped so no data can end the script element.
 */
final class JsonLdTest extends TestCase
{
    protected function tearDown(): void
    {
        global $wp_query, $wp_the_query;
        $wp_query = $wp_the_query = new \WP_Query();
        remove_all_actions('woocommerce_single_product_summary');
        remove_all_filters('proseo_jsonld_emitter');
        parent::tearDown();
    }

    /** The core's jsonLd() on the panel's input, in Node (pkg/dist/prompt-node.js). */
    private static function core(array $input): array
    {
        $module = dirname(__DIR__, 4) . '/pkg/dist/prompt-node.js';
        $script = "import { jsonLd } from '$module'; let s = ''; for await (const c of process.stdin) s += c;"
            . ' const i = JSON.parse(s); process.stdout.write(JSON.stringify(jsonLd(i.product, null, i.options)));';
        $pipes = [];
        $io = [['pipe', 'r'], ['pipe', 'w'], ['pipe', 'w']];
        $process = proc_open(['node', '--input-type=module', '-e', $script], $io, $pipes);
        fwrite($pipes[0], (string) wp_json_encode($input));
        fclose($pipes[0]);
        $out = stream_get_contents($pipes[1]);
        $err = stream_get_contents($pipes[2]);
        proc_close($process);
        $result = json_decode((string) $out, true);
        if (!is_array($result)) {
            throw new \RuntimeException("node: $err");
        }
        return $result;
    }

    private function mug(): int
    {
        $id = $this->product('Stoneware Mug', '<p>A stoneware mug that holds 350 ml.</p>', '', [
            '_sku' => 'MUG-9',
            '_regular_price' => '19.90',
            '_stock_status' => 'instock',
        ]);
        $image = wp_insert_attachment([
            'post_title' => 'm',
            'post_mime_type' => 'image/jpeg',
            'post_status' => 'inherit',
        ]);
        update_attached_file($image, '2026/12/mug.jpg');
        set_post_thumbnail($id, $image);
        update_option('woocommerce_currency', 'EUR');
        return $id;
    }

    /** Builds and stores the product's JSON-LD as the panel does; returns the stored state. */
    private function build(int $id): array
    {
        $state = $this->rest('GET', "/products/$id/jsonld")->get_data();
        $built = self::core($state['input']);
        $stored = $this->rest('POST', "/products/$id/jsonld", [
            'json_ld' => $built['json_ld'],
            'checks' => $built['checks'],
            'eligible' => $built['eligible'],
            'hash' => $state['hash'],
        ]);
        $this->assertSame(200, $stored->get_status(), wp_json_encode($stored->get_data()));
        return $stored->get_data();
    }

    /** The head of the product's front-end page, as far as proseo writes it. */
    private static function head(int $id): string
    {
        global $wp_query, $wp_the_query;
        $wp_query = $wp_the_query = new \WP_Query(['p' => $id, 'post_type' => 'product']);
        ob_start();
        self::plugin()->jsonld->output();
        return (string) ob_get_clean();
    }

    /** @return array<int, mixed> the decoded JSON of each ld+json script in $html */
    private static function scripts(string $html): array
    {
        preg_match_all('#<script type="application/ld\+json">(.*?)</script>#s', $html, $m);
        return array_map(static function (string $json) {
            return json_decode($json, true);
        }, $m[1]);
    }

    public function testTheCoresJsonLdIsStoredAndOutputOnTheProductPage(): void
    {
        $this->actAs('shop_manager');
        $id = $this->mug();
        $before = $this->rest('GET', "/products/$id/jsonld")->get_data();
        $this->assertSame(
            [true, '', null, false],
            [$before['enabled'], $before['emitter'], $before['stored'], $before['fresh']]
        );
        $this->assertSame('', self::head($id), 'nothing before the panel built it');

        $state = $this->build($id);
        $this->assertTrue($state['fresh']);
        $this->assertTrue($state['stored']['eligible']);
        $codes = array_column($state['stored']['checks']['issues'], 'code');
        $this->assertContains('jsonld_gtin_missing', $codes, 'rich-result checks are kept for the panel');

        $scripts = self::scripts(self::head($id));
        $this->assertCount(1, $scripts);
        $ld = $scripts[0];
        $this->assertSame(
            ['https://schema.org', 'Product', 'Stoneware Mug', 'MUG-9'],
            [$ld['@context'], $ld['@type'], $ld['name'], $ld['sku']]
        );
        $this->assertSame(['19.90', 'EUR'], [$ld['offers']['price'], $ld['offers']['priceCurrency']]);
        $this->assertSame([wp_get_attachment_url(get_post_thumbnail_id($id))], $ld['image']);
        $this->assertSame(get_permalink($id), $ld['url']);
    }

    public function testJsonLdOfAChangedProductIsNotOutput(): void
    {
        $this->actAs('administrator');
        $id = $this->mug();
        $old = $this->rest('GET', "/products/$id/jsonld")->get_data();
        $this->build($id);
        update_post_meta($id, '_regular_price', '24.90'); // changed outside the editor
        $this->assertSame('', self::head($id), 'no stale price on the page');
        $this->assertFalse($this->rest('GET', "/products/$id/jsonld")->get_data()['fresh']);
        $late = $this->rest('POST', "/products/$id/jsonld", [
            'json_ld' => self::core($old['input'])['json_ld'],
            'eligible' => true,
            'hash' => $old['hash'],
        ]);
        $this->assertSame('proseo_jsonld_stale', self::errorCode($late));
        $this->build($id); // the panel, opened again, builds it anew
        $this->assertSame('24.90', self::scripts(self::head($id))[0]['offers']['price']);
    }

    public function testNothingInTheDataCanEndTheScriptElement(): void
    {
        $this->actAs('administrator');
        $id = $this->mug();
        $hash = $this->rest('GET', "/products/$id/jsonld")->get_data()['hash'];
        $hostile = [
            '@context' => 'https://schema.org',
            '@type' => 'Product',
            'name' => '</script><script>alert(1)</script>',
            'description' => "<!-- x --> </SCRIPT > ]]> & \u{2028} <img src=x onerror=alert(2)>",
            'sku' => "</scr\u{0}ipt>",
        ];
        $body = ['json_ld' => $hostile, 'eligible' => false, 'hash' => $hash];
        $stored = $this->rest('POST', "/products/$id/jsonld", $body);
        $this->assertSame(200, $stored->get_status(), wp_json_encode($stored->get_data()));
        $html = self::head($id);
        $this->assertSame(1, substr_count(strtolower($html), '<script'), $html);
        $this->assertSame(1, substr_count(strtolower($html), '</script'), $html);
        $this->assertStringEndsWith('</script>', $html);
        $this->assertStringNotContainsString('<!--', $html);
        $this->assertStringNotContainsString('<img', $html);
        $this->assertSame($hostile, self::scripts($html)[0], 'the data survives, escaped');
    }

    public function testOtherEmittersAndTheSettingTurnTheOutputOff(): void
    {
        $this->actAs('administrator');
        $id = $this->mug();
        $this->build($id);
        $this->assertCount(1, self::scripts(self::head($id)));

        // WooCommerce's own structured data (WC_Structured_Data::generate_product_data).
        $wc = new class {
            public function generate_product_data(): void // phpcs:ignore PSR1.Methods.CamelCapsMethodName
            {
            }
        };
        add_action('woocommerce_single_product_summary', [$wc, 'generate_product_data'], 60);
        $this->assertSame('', self::head($id));
        $state = $this->rest('GET', "/products/$id/jsonld")->get_data();
        $this->assertSame('WooCommerce', $state['emitter']);
        remove_all_actions('woocommerce_single_product_summary');

        add_filter('proseo_jsonld_emitter', static function (): string {
            return 'Rank Math';
        });
        $this->assertSame('', self::head($id));
        remove_all_filters('proseo_jsonld_emitter');
        $this->assertCount(1, self::scripts(self::head($id)));

        self::plugin()->settings->update(['jsonld' => false]);
        $this->assertSame('', self::head($id));
        $this->assertFalse($this->rest('GET', "/products/$id/jsonld")->get_data()['enabled']);
    }

    /**
     * Yoast WooCommerce SEO and Rank Math are detected by their classes (separate process: a
     * class cannot be undeclared).
     *
     * @runInSeparateProcess
     * @preserveGlobalState disabled
     */
    public function testYoastWooCommerceSeoAndRankMathAreDetected(): void
    {
        $this->assertSame('', self::plugin()->jsonld->emitter());
        class_alias(TestCase::class, 'RankMath');
        $this->assertSame('Rank Math', self::plugin()->jsonld->emitter());
        class_alias(MultilingualCase::class, 'Yoast_WooCommerce_SEO');
        $this->assertSame('Yoast WooCommerce SEO', self::plugin()->jsonld->emitter());
    }

    public function testWhatIsNotAProductWithinTheLimitsIsRefused(): void
    {
        $this->actAs('administrator');
        $id = $this->mug();
        $hash = $this->rest('GET', "/products/$id/jsonld")->get_data()['hash'];
        $product = ['@context' => 'https://schema.org', '@type' => 'Product', 'name' => 'x'];
        $deep = $product;
        $cursor = &$deep;
        for ($i = 0; $i < 20; $i++) {
            $cursor['isRelatedTo'] = ['@type' => 'Product'];
            $cursor = &$cursor['isRelatedTo'];
        }
        unset($cursor);
        $bad = [
            'not a Product' => ['@type' => 'Thing'] + $product,
            'other context' => ['@context' => 'https://evil.example'] + $product,
            'too large' => ['description' => str_repeat('a', JsonLd::MAX_BYTES)] + $product,
            'too deep' => $deep,
        ];
        foreach ($bad as $why => $ld) {
            $body = ['json_ld' => $ld, 'eligible' => true, 'hash' => $hash];
            $response = $this->rest('POST', "/products/$id/jsonld", $body);
            $this->assertSame('proseo_jsonld_invalid', self::errorCode($response), $why);
        }
        $this->assertNull(self::plugin()->jsonld->stored($id));

        $this->actAs('subscriber');
        $this->assertSame(403, $this->rest('GET', "/products/$id/jsonld")->get_status());
        $this->actAs('administrator');
        $body = ['json_ld' => $product, 'eligible' => true, 'hash' => $hash];
        $this->assertSame(403, $this->rest('POST', "/products/$id/jsonld", $body, false)->get_status(), 'no nonce');
    }
}
