<?php

namespace ProseoTest;

use Proseo\ContentWriter;

/**
 * Generate → suggestion → accept → undo through the REST routes, against the live edge API
 * (its offline writer): hostile generated HTML is sanitized before anything is saved, the SEO
 * fields land in Yoast's or Rank Math's meta when their keys are registered (else proseo's),
 * shortcodes and media survive, and undo restores exactly.
 */
final class GenerateAcceptUndoTest extends TestCase
{
    private array $registered = [];

    protected function tearDown(): void
    {
        foreach ($this->registered as $key) {
            unregister_meta_key('post', $key, 'product');
        }
        remove_all_filters('proseo_generated_content');
        parent::tearDown();
    }

    private function registerSeoMeta(string $plugin): void
    {
        foreach (\Proseo\SeoMeta::KEYS[$plugin] as $key) {
            register_meta('post', $key, ['object_subtype' => 'product', 'type' => 'string', 'single' => true]);
            $this->registered[] = $key;
        }
    }

    private function mug(): int
    {
        $id = $this->product('Ceramic Mug', '<p>A mug for coffee.</p>', '<p>Old short text.</p>', [
            '_sku' => 'MUG-1',
            '_regular_price' => '19.90',
        ]);
        wp_set_object_terms($id, ['Kitchen'], 'product_cat');
        return $id;
    }

    public function testGenerateStoresASuggestionAndLeavesTheProductAlone(): void
    {
        $this->actAs('shop_manager');
        $id = $this->mug();
        $response = $this->rest('POST', "/products/$id/generate", ['keyphrase' => 'ceramic mug']);
        $this->assertSame(200, $response->get_status(), wp_json_encode($response->get_data()));
        $s = $response->get_data();
        $this->assertStringContainsString('ceramic mug', strtolower($s['content']['description']));
        $this->assertGreaterThan(0, $s['score']);
        $this->assertSame('ceramic mug', $s['keyphrase']);
        $this->assertSame('<p>A mug for coffee.</p>', get_post($id)->post_content, 'generate writes nothing');
        $this->assertSame($s['content'], self::plugin()->writer->suggestion($id)['content']);

        $discard = $this->rest('POST', "/products/$id/discard");
        $this->assertSame(200, $discard->get_status());
        $this->assertNull(self::plugin()->writer->suggestion($id));
        $this->assertSame('<p>A mug for coffee.</p>', get_post($id)->post_content, 'discard writes nothing');
        $this->assertSame('proseo_no_suggestion', self::errorCode($this->rest('POST', "/products/$id/accept")));
    }

    public function testHostileGeneratedHtmlIsSanitizedBeforeSaving(): void
    {
        $this->actAs('administrator');
        $id = $this->mug();
        add_filter('proseo_generated_content', static function (array $content): array {
            $content['description'] .= '<script>alert(1)</script><p onclick="steal()">Click</p>'
                . '<a href="javascript:alert(2)">link</a><img src="x.png" onerror="alert(3)">'
                . '<iframe src="https://evil.example/"></iframe><style>body{display:none}</style>';
            $content['short_description'] = '<p onmouseover="x()">Short</p><script>bad()</script>';
            $content['seo_title'] = '<b>Title</b><script>t()</script>';
            return $content;
        });
        $s = $this->rest('POST', "/products/$id/generate", ['keyphrase' => 'ceramic mug'])->get_data();
        $this->assertStringNotContainsString(
            '<script',
            $s['content']['description'],
            'the suggestion shown is sanitized'
        );

        // Also when the stored suggestion itself is hostile (written by something else).
        $stored = self::plugin()->writer->suggestion($id);
        $stored['content']['description'] .= '<script>alert(4)</script>'
            . '<a href="JaVaScRiPt:alert(5)" onfocus="y()">x</a>';
        self::plugin()->writer->saveSuggestion($id, $stored);

        $response = $this->rest('POST', "/products/$id/accept");
        $this->assertSame(200, $response->get_status(), wp_json_encode($response->get_data()));
        $post = get_post($id);
        foreach ([$post->post_content, $post->post_excerpt] as $html) {
            $this->assertDoesNotMatchRegularExpression('/<script|<style|<iframe|\son\w+\s*=|javascript:/i', $html);
        }
        $this->assertStringContainsString('<p>Click</p>', $post->post_content);
        $this->assertStringContainsString('>Short</p>', $post->post_excerpt);
        $this->assertSame('Title', get_post_meta($id, '_proseo_seo_title', true));
    }

    public function testSanitizeKeepsOrdinaryMarkup(): void
    {
        $html = '<h2>Details</h2><ul><li><strong>Holds</strong> 350 ml</li></ul>'
            . '<p><a href="https://example.com/care">Care</a></p>';
        $clean = ContentWriter::sanitize(['description' => $html]);
        $this->assertSame($html, $clean['description']);
    }

    public function seoPlugins(): array
    {
        return [
            'Yoast SEO' => ['yoast', ['_yoast_wpseo_title', '_yoast_wpseo_metadesc', '_yoast_wpseo_focuskw']],
            'Rank Math' => ['rankmath', ['rank_math_title', 'rank_math_description', 'rank_math_focus_keyword']],
            'neither' => [null, ['_proseo_seo_title', '_proseo_meta_description', '_proseo_keyphrase']],
        ];
    }

    /** @dataProvider seoPlugins */
    public function testSeoFieldsGoToTheActiveSeoPlugin(?string $plugin, array $keys): void
    {
        if ($plugin) {
            $this->registerSeoMeta($plugin);
        }
        $this->actAs('administrator');
        $id = $this->mug();
        $s = $this->rest('POST', "/products/$id/generate", ['keyphrase' => 'ceramic mug'])->get_data();
        $r = $this->rest('POST', "/products/$id/accept")->get_data();
        $this->assertSame($plugin ?? 'proseo', $r['seo_target']);
        [$title, $description, $keyphrase] = $keys;
        $this->assertSame($s['content']['seo_title'], get_post_meta($id, $title, true));
        $this->assertSame($s['content']['meta_description'], get_post_meta($id, $description, true));
        $this->assertSame('ceramic mug', get_post_meta($id, $keyphrase, true));
        $others = array_diff(array_merge(...array_values(\Proseo\SeoMeta::KEYS)), $keys);
        foreach ($others as $other) {
            $this->assertFalse(metadata_exists('post', $id, $other), "$other not written");
        }
    }

    public function testUndoRestoresExactly(): void
    {
        $this->actAs('administrator');
        $old = "Intro with a backslash \\ and \"quotes\".\n\n[gallery ids=\"1,2\"]\n\n"
            . "<iframe src=\"https://video.example/embed/1\"></iframe>\n\nhttps://youtube.example/watch?v=abc\n";
        $id = $this->product('Teapot', $old, 'Old <em>short</em>', ['_proseo_seo_title' => 'Old title']);
        $before = get_post($id);
        $this->rest('POST', "/products/$id/generate", ['keyphrase' => 'teapot']);
        $accepted = $this->rest('POST', "/products/$id/accept");
        $this->assertSame(200, $accepted->get_status());
        $r = $accepted->get_data();

        // Shortcodes and media of the old description are kept (and reported).
        $this->assertCount(3, $r['preserved'], wp_json_encode($r['preserved']) . ' ' . get_post($id)->post_content);
        $embeds = [
            '[gallery ids="1,2"]',
            '<iframe src="https://video.example/embed/1"></iframe>',
            'https://youtube.example/watch?v=abc',
        ];
        foreach ($embeds as $kept) {
            $this->assertStringContainsString($kept, get_post($id)->post_content);
        }
        $this->assertNotSame($old, get_post($id)->post_content);
        $this->assertSame('teapot', get_post_meta($id, '_proseo_keyphrase', true));

        $undo = $this->rest('POST', "/products/$id/undo");
        $this->assertSame(200, $undo->get_status(), wp_json_encode($undo->get_data()));
        wp_cache_flush();
        $after = get_post($id);
        $this->assertSame($before->post_content, $after->post_content);
        $this->assertSame($before->post_excerpt, $after->post_excerpt);
        $this->assertSame('Old title', get_post_meta($id, '_proseo_seo_title', true));
        $this->assertFalse(
            metadata_exists('post', $id, '_proseo_meta_description'),
            'a field that did not exist is gone again'
        );
        $this->assertFalse(metadata_exists('post', $id, '_proseo_keyphrase'));
        $this->assertSame('proseo_nothing_to_undo', self::errorCode($this->rest('POST', "/products/$id/undo")));
    }

    public function testActionsFire(): void
    {
        $this->actAs('administrator');
        $id = $this->mug();
        $seen = [];
        $record = static function (string $name) use (&$seen): callable {
            return static function (int $postId) use (&$seen, $name): void {
                $seen[] = [$name, $postId];
            };
        };
        add_action('proseo_before_save', $record('before'));
        add_action('proseo_content_saved', $record('saved'));
        add_action('proseo_content_restored', $record('restored'));
        add_filter('proseo_prompt_vars', static function (array $body) use (&$seen): array {
            $seen[] = ['vars', $body['product']['sku'] ?? ''];
            return $body;
        });
        $this->rest('POST', "/products/$id/generate", ['keyphrase' => 'mug']);
        $this->rest('POST', "/products/$id/accept");
        $this->rest('POST', "/products/$id/undo");
        remove_all_actions('proseo_before_save');
        remove_all_actions('proseo_content_saved');
        remove_all_actions('proseo_content_restored');
        remove_all_filters('proseo_prompt_vars');
        $this->assertSame([['vars', 'MUG-1'], ['before', $id], ['saved', $id], ['restored', $id]], $seen);
    }

    public function testEveryStepIsLogged(): void
    {
        global $wpdb;
        $this->actAs('administrator');
        $id = $this->mug();
        $this->rest('POST', "/products/$id/generate", ['keyphrase' => 'mug']);
        $this->rest('POST', "/products/$id/accept");
        $rows = $wpdb->get_results($wpdb->prepare(
            'SELECT action, status, latency_ms, user_id FROM ' . \Proseo\Logger::table()
                . ' WHERE product_id = %d ORDER BY id',
            $id
        ));
        $this->assertSame(['generate', 'accept'], array_column($rows, 'action'));
        $this->assertSame(['ok', 'ok'], array_column($rows, 'status'));
        $this->assertSame((string) get_current_user_id(), $rows[0]->user_id);

        $_GET = ['log_action' => 'generate', 'product_id' => (string) $id];
        ob_start();
        (new \Proseo\Admin\LogsPage(self::plugin()->logger))->render();
        $html = (string) ob_get_clean();
        $_GET = [];
        $this->assertSame(1, substr_count($html, 'data-action="generate"'));
        $this->assertStringNotContainsString('data-action="accept"', $html);
    }
}
