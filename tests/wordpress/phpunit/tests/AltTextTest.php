<?php

namespace ProseoTest;

use Proseo\ContentWriter;

/**
 * Generated image alt texts reach the media library (`_wp_attachment_image_alt`) when a
 * suggestion is accepted, on the product screen and in bulk, against the live edge API (its
 * offline writer writes one alt text per image): matched to the images as the generation input
 * listed them (featured, then gallery; by URL, so a reordered or removed image never gets
 * another image's text), the merchant's own alt texts kept unless they chose otherwise (setting
 * or per-accept choice), each attachment capability-checked, the text sanitized, and undo
 * restoring the previous alt texts.
 */
final class AltTextTest extends TestCase
{
    protected function tearDown(): void
    {
        remove_all_filters('proseo_generated_content');
        remove_all_filters('map_meta_cap');
        parent::tearDown();
    }

    private function image(string $file, string $alt = ''): int
    {
        $id = wp_insert_attachment([
            'post_title' => $file,
            'post_mime_type' => 'image/jpeg',
            'post_status' => 'inherit',
        ], false, 0, true);
        $this->assertIsInt($id);
        update_attached_file($id, '2026/12/' . $file);
        if ($alt !== '') {
            update_post_meta($id, ContentWriter::ALT_META, $alt);
        }
        return $id;
    }

    /** @return array{0: int, 1: int[]} product ID and its images: featured, gallery… */
    private function productWithImages(): array
    {
        $id = $this->product('Walnut Tray', '<p>A tray.</p>', '', ['_sku' => 'TRAY-1', '_regular_price' => '30']);
        $images = [
            $this->image('tray-front.jpg'),
            $this->image('tray-side.jpg', 'My own words'),
            $this->image('tray-top.jpg'),
        ];
        set_post_thumbnail($id, $images[0]);
        update_post_meta($id, '_product_image_gallery', $images[1] . ',' . $images[2]);
        return [$id, $images];
    }

    private static function alt(int $attachment): string
    {
        wp_cache_delete($attachment, 'post_meta');
        return (string) get_post_meta($attachment, ContentWriter::ALT_META, true);
    }

    private function generate(int $id): array
    {
        $response = $this->rest('POST', "/products/$id/generate", ['keyphrase' => 'walnut tray']);
        $this->assertSame(200, $response->get_status(), wp_json_encode($response->get_data()));
        return $response->get_data();
    }

    public function testAcceptFillsEmptyAltTextsAndKeepsTheMerchants(): void
    {
        $this->actAs('administrator');
        [$id, $images] = $this->productWithImages();
        $s = $this->generate($id);
        $this->assertCount(3, $s['content']['image_alt'], 'one alt text per image from the offline writer');
        $this->assertSame(array_map('wp_get_attachment_url', $images), $s['images']);
        $this->assertSame('', self::alt($images[0]), 'generate writes nothing');

        $accepted = $this->rest('POST', "/products/$id/accept");
        $this->assertSame(200, $accepted->get_status(), wp_json_encode($accepted->get_data()));
        $this->assertSame(['written' => 2, 'kept' => 1, 'forbidden' => 0], $accepted->get_data()['alts']);
        $this->assertSame($s['content']['image_alt'][0], self::alt($images[0]));
        $this->assertSame('My own words', self::alt($images[1]), "the merchant's alt text stays");
        $this->assertSame($s['content']['image_alt'][2], self::alt($images[2]));
        $this->assertNotSame('', self::alt($images[2]));

        $this->assertSame(200, $this->rest('POST', "/products/$id/undo")->get_status());
        $this->assertSame('', self::alt($images[0]));
        $this->assertFalse(metadata_exists('post', $images[0], ContentWriter::ALT_META), 'absent again after undo');
        $this->assertSame('My own words', self::alt($images[1]));
        $this->assertSame('', self::alt($images[2]));
    }

    /**
     * The same through WooCommerce's product API (wc_get_product: image and gallery IDs from
     * WC_Product), run with PROSEO_TEST_WC_API=1.
     *
     * @group wc-api
     */
    public function testAltTextsThroughWooCommercesProductApi(): void
    {
        $this->assertTrue(function_exists('wc_get_product'), 'run with PROSEO_TEST_WC_API=1');
        $this->testAcceptFillsEmptyAltTextsAndKeepsTheMerchants();
    }

    public function testThePerAcceptChoiceAndTheSettingReplaceTheMerchantsAltTexts(): void
    {
        $this->actAs('administrator');
        [$id, $images] = $this->productWithImages();
        $s = $this->generate($id);
        $accepted = $this->rest('POST', "/products/$id/accept", ['overwrite_alt' => true]);
        $this->assertSame(['written' => 3, 'kept' => 0, 'forbidden' => 0], $accepted->get_data()['alts']);
        $this->assertSame($s['content']['image_alt'][1], self::alt($images[1]));
        $this->rest('POST', "/products/$id/undo");
        $this->assertSame('My own words', self::alt($images[1]), 'undo restores the replaced text');

        // The setting is the default; an explicit `false` with the accept wins over it.
        self::plugin()->settings->update(['overwrite_alt' => true]);
        $this->generate($id);
        $kept = $this->rest('POST', "/products/$id/accept", ['overwrite_alt' => false])->get_data();
        $this->assertSame(1, $kept['alts']['kept']);
        $this->rest('POST', "/products/$id/undo");
        $this->generate($id);
        $this->assertSame(3, $this->rest('POST', "/products/$id/accept")->get_data()['alts']['written']);
    }

    public function testAltTextsFollowTheImagesOfTheGenerationInput(): void
    {
        $this->actAs('administrator');
        [$id, $images] = $this->productWithImages();
        $s = $this->generate($id);
        // After generating, the merchant drops the side image and swaps the others.
        set_post_thumbnail($id, $images[2]);
        update_post_meta($id, '_product_image_gallery', (string) $images[0]);
        $accepted = $this->rest('POST', "/products/$id/accept", ['overwrite_alt' => true])->get_data();
        $this->assertSame(2, $accepted['alts']['written']);
        $this->assertSame($s['content']['image_alt'][0], self::alt($images[0]), 'found by URL, not position');
        $this->assertSame($s['content']['image_alt'][2], self::alt($images[2]));
        $this->assertSame('My own words', self::alt($images[1]), 'an image no longer on the product is left alone');
    }

    public function testAltTextsAreSanitizedAndCapabilityChecked(): void
    {
        $this->actAs('shop_manager');
        [$id, $images] = $this->productWithImages();
        add_filter('proseo_generated_content', static function (array $content): array {
            $content['image_alt'][0] = '<script>alert(1)</script>Walnut <b>tray</b> "front"' . "\n" . 'view';
            $content['image_alt'][2] = ['not', 'a string'];
            return $content;
        });
        $this->generate($id);
        // This user may not edit the top image's attachment.
        $locked = $images[2];
        $deny = static function (array $caps, string $cap, int $user, array $args) use ($locked): array {
            return $cap === 'edit_post' && (int) ($args[0] ?? 0) === $locked ? ['do_not_allow'] : $caps;
        };
        add_filter('map_meta_cap', $deny, 10, 4);
        $accepted = $this->rest('POST', "/products/$id/accept", ['overwrite_alt' => true]);
        $this->assertSame(200, $accepted->get_status(), wp_json_encode($accepted->get_data()));
        $this->assertSame('Walnut tray "front" view', self::alt($images[0]));
        $this->assertSame(0, $accepted->get_data()['alts']['forbidden'], 'the non-string alt text is dropped first');
        $this->assertSame('', self::alt($locked));

        remove_all_filters('proseo_generated_content');
        $this->rest('POST', "/products/$id/undo");
        $this->generate($id);
        $again = $this->rest('POST', "/products/$id/accept", ['overwrite_alt' => true])->get_data();
        $this->assertSame(1, $again['alts']['forbidden']);
        $this->assertSame('', self::alt($locked), 'no permission, no write');
    }

    public function testBulkAcceptWritesAltTexts(): void
    {
        $this->actAs('shop_manager');
        [$id, $images] = $this->productWithImages();
        $job = $this->rest('POST', '/jobs', ['product_ids' => [$id]])->get_data();
        for ($i = 0; $i < 240 && $job['pending'] > 0; $i++) {
            usleep(250000);
            $job = $this->rest('GET', '/jobs/' . $job['id'])->get_data();
        }
        $this->assertSame(0, $job['pending'], wp_json_encode($job));
        $item = $this->rest('GET', '/jobs/' . $job['id'] . '/items')->get_data()['items'][0];
        $edgeItem = self::plugin()->api->request('GET', '/items/' . $item['id']);
        $alts = $edgeItem['content']['image_alt'];
        $this->assertCount(3, $alts);
        $applied = $this->rest('POST', '/jobs/' . $job['id'] . '/apply', [
            'item_ids' => [$item['id']],
            'decision' => 'accept',
        ]);
        $this->assertSame('accepted', $applied->get_data()[0]['result'], wp_json_encode($applied->get_data()));
        $this->assertSame(sanitize_text_field($alts[0]), self::alt($images[0]));
        $this->assertSame('My own words', self::alt($images[1]));
        $this->assertSame(sanitize_text_field($alts[2]), self::alt($images[2]));
    }
}
