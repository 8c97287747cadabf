<?php

namespace Proseo;

use WP_Error;

/**
 * One product's "Generate": the product's data and the site's prompt options go to the edge
 * API's `POST /generate`; the answer is kept as the product's suggestion (post meta) until the
 * merchant accepts or discards it.
 */
final class Generator
{
    private Settings $settings;
    private ApiClient $api;
    private ProductData $products;
    private ContentWriter $writer;
    private Logger $logger;

    public function __construct(
        Settings $settings,
        ApiClient $api,
        ProductData $products,
        ContentWriter $writer,
        Logger $logger
    ) {
        $this->settings = $settings;
        $this->api = $api;
        $this->products = $products;
        $this->writer = $writer;
        $this->logger = $logger;
    }

    /**
     * The request body for one product: {product, options, target_score}, through the
     * `proseo_prompt_vars` filter.
     */
    public function requestBody(int $postId, string $keyphrase): array
    {
        $product = $this->products->product($postId, $keyphrase);
        $body = [
            'product' => $product,
            // Written in the product's own language (WPML/Polylang, else the site's).
            'options' => $this->settings->promptOptions($keyphrase, (string) ($product['language'] ?? '')),
            'target_score' => (int) $this->settings->get('target_score'),
        ];
        /**
         * Filters what proseo sends to the edge API to write one product's description:
         * `product` (proseo's Product JSON), `options` (PromptOptions: template, voice,
         * language, keyphrase…) and `target_score`. In bulk jobs the filtered `product` is used
         * and the job-wide options stay.
         *
         * @param array $body   Request body.
         * @param int   $postId Product ID.
         */
        return (array) apply_filters('proseo_prompt_vars', $body, $postId);
    }

    /** @return array<string, mixed>|WP_Error the stored suggestion */
    public function generate(int $postId, string $keyphrase)
    {
        $started = microtime(true);
        $body = $this->requestBody($postId, $keyphrase);
        $result = $this->api->request('POST', '/generate', $body);
        $latency = (int) round((microtime(true) - $started) * 1000);
        if (is_wp_error($result)) {
            $this->logger->log('generate', 'error', [
                'product_id' => $postId,
                'latency_ms' => $latency,
                'error' => $result,
            ]);
            return $result;
        }
        $suggestion = $this->suggestionFrom(
            $postId,
            $result + ['product' => $body['product'] ?? null],
            $keyphrase,
            'generate'
        );
        $this->writer->saveSuggestion($postId, $suggestion);
        $tokens = (int) ($result['usage']['input_tokens'] ?? 0) + (int) ($result['usage']['output_tokens'] ?? 0);
        $this->logger->log('generate', 'ok', ['product_id' => $postId, 'latency_ms' => $latency, 'tokens' => $tokens]);
        return $suggestion;
    }

    /**
     * A suggestion from a GenerateResult or a job Item (both carry content and scores; `product`
     * is the generation input: a job Item carries it, a GenerateResult gets it added), with
     * the input's image URLs, which the alt texts follow.
     *
     * @param array<string, mixed> $result
     */
    public function suggestionFrom(int $postId, array $result, string $keyphrase, string $source): array
    {
        $content = is_array($result['content'] ?? null) ? $result['content'] : [];
        /**
         * Filters generated content before the merchant sees it (and before it can be
         * accepted). Whatever it returns is still sanitized when written.
         *
         * @param array $content GeneratedContent: description, short_description, seo_title,
         *                       meta_description, slug, bullets, image_alt, title.
         * @param int   $postId  Product ID.
         * @param array $result  The edge API's answer (GenerateResult or job item).
         */
        $content = (array) apply_filters('proseo_generated_content', $content, $postId, $result);
        $post = get_post($postId);
        return [
            // Sanitized already here, because the merchant's browser shows it; again when written.
            'content' => ContentWriter::sanitize($content),
            'score' => (int) ($result['score'] ?? 0),
            'seo_score' => (int) ($result['seo_score'] ?? 0),
            'readability_score' => (int) ($result['readability_score'] ?? 0),
            'keyphrase' => $keyphrase,
            'images' => ContentWriter::imageSources($result['product'] ?? null),
            'source' => $source,
            'created_at' => gmdate('c'),
            'keeps' => ContentWriter::missingEmbeds(
                $post ? $post->post_content : '',
                (string) ($content['description'] ?? '')
            ),
        ];
    }
}
