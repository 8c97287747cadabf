<?php

namespace ProseoTest;

/**
 * A product as proseo's Product JSON, through WordPress's post/meta API (no WooCommerce loaded)
 * and — in the `wc-api` group, run with PROSEO_TEST_WC_API=1 — through wc_get_product(): the
 * same answer both ways.
 */
final class ProductDataTest extends TestCase
{
    private function sample(): int
    {
        $this->actAs('administrator');
        $id = $this->product('Linen Shirt', '<p>Cool linen.</p>', 'Breathable.', [
            '_sku' => 'LIN-9',
            '_regular_price' => '49.00',
            '_sale_price' => '39.00',
            '_stock_status' => 'instock',
            '_weight' => '0.3',
            '_product_attributes' => [
                'color' => [
                    'name' => 'Color',
                    'value' => 'White | Sand',
                    'is_visible' => 1,
                    'is_variation' => 1,
                    'is_taxonomy' => 0,
                ],
            ],
        ]);
        wp_set_object_terms($id, ['Shirts', 'Summer'], 'product_cat');
        wp_set_object_terms($id, ['linen'], 'product_tag');
        return $id;
    }

    private function expected(int $id): array
    {
        return [
            'name' => 'Linen Shirt',
            'sku' => 'LIN-9',
            'description' => '<p>Cool linen.</p>',
            'short_description' => 'Breathable.',
            'regular_price' => '49.00',
            'sale_price' => '39.00',
            'categories' => ['Shirts', 'Summer'],
            'tags' => ['linen'],
            'attributes' => [
                ['name' => 'Color', 'values' => ['White', 'Sand'], 'visible' => true, 'variation' => true],
            ],
            'url' => get_permalink($id),
            'weight' => '0.3',
            'in_stock' => true,
            'id' => (string) $id,
            'language' => 'en-US', // the site's locale as a BCP 47 tag (LanguageTest)
            'keyphrase' => 'linen shirt',
        ];
    }

    private function assertProduct(int $id): void
    {
        $product = self::plugin()->products->product($id, 'linen shirt');
        $expected = $this->expected($id);
        ksort($expected);
        ksort($product);
        $product['categories'] = array_values($product['categories']);
        sort($product['categories']);
        $this->assertSame($expected, $product);
    }

    public function testWithoutWooCommerce(): void
    {
        $this->assertFalse(function_exists('wc_get_product'), 'this run has no WooCommerce API');
        $this->assertProduct($this->sample());
    }

    /** @group wc-api */
    public function testWithWooCommercesApi(): void
    {
        $this->assertTrue(function_exists('wc_get_product'), 'run with PROSEO_TEST_WC_API=1');
        $this->assertProduct($this->sample());
    }

    public function testNotAProduct(): void
    {
        $page = wp_insert_post(['post_type' => 'page', 'post_title' => 'About', 'post_status' => 'publish']);
        $this->assertNull(self::plugin()->products->product($page));
        $this->actAs('administrator');
        $this->assertSame(404, $this->rest('POST', "/products/$page/generate")->get_status());
    }

    public function testTheEdgeApiAcceptsIt(): void
    {
        $product = self::plugin()->products->product($this->sample(), 'linen shirt');
        $result = self::plugin()->api->request('POST', '/validate', ['product' => $product]);
        $this->assertIsArray($result);
        $errors = array_filter($result['product']['issues'], static function ($issue) {
            return $issue['severity'] === 'error';
        });
        $this->assertSame([], array_values($errors));
    }
}
