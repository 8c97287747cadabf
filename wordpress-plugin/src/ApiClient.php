<?php

namespace Proseo;

use WP_Error;

/**
 * The proseo edge API, called server-side only (the API key never reaches the browser), with
 * wp_safe_remote_request() to a URL EdgeUrl allows (https, or loopback where that is allowed;
 * no private or reserved addresses). Transport failures reach the browser as one generic
 * `proseo_unreachable`; their details go to the PHP error log.
 *
 * Every method returns the envelope's `data` (and `meta` under `_meta` for lists) or a
 * WP_Error whose code is one of the stable `proseo_*` codes below, with a message written for
 * the merchant and `data` = ['status' => HTTP status for our REST route, 'api_code' => …].
 */
final class ApiClient
{
    private Settings $settings;

    public function __construct(Settings $settings)
    {
        $this->settings = $settings;
    }

    /**
     * @param array<string, mixed>|null $body
     * @param array<string, scalar> $query
     * @return array<string, mixed>|WP_Error
     */
    public function request(string $method, string $path, ?array $body = null, array $query = [])
    {
        $base = (string) $this->settings->get('api_url');
        $key = $this->settings->apiKey();
        if ($base === '' || $key === '') {
            return new WP_Error(
                'proseo_not_configured',
                __('proseo is not connected yet: enter the API URL and key under Settings → proseo.', 'proseo'),
                ['status' => 400]
            );
        }
        $url = $base . '/api/v1' . $path;
        // Checked before the query is added: the API URL itself may not carry one. The request
        // then connects to the addresses checked (EdgeUrl::whilePinned()).
        $addresses = EdgeUrl::vetted($url);
        if ($addresses instanceof WP_Error) {
            // A host that does not resolve is a transport failure; anything else a broken rule.
            return $addresses->get_error_code() === 'http_request_failed'
                ? self::unreachable($method, $url, $addresses)
                : $addresses;
        }
        if ($query) {
            $url = add_query_arg(array_map('rawurlencode', array_map('strval', $query)), $url);
        }
        $args = [
            'method' => $method,
            'timeout' => 60,
            'redirection' => 0,
            'headers' => [
                'Authorization' => 'Bearer ' . $key,
                'Accept' => 'application/json',
                'User-Agent' => 'proseo-wordpress/' . PROSEO_VERSION,
            ],
        ];
        if ($body !== null) {
            $args['headers']['Content-Type'] = 'application/json';
            $args['body'] = wp_json_encode($body);
        }
        /**
         * Filters the arguments of every request to the proseo edge API (made with
         * wp_safe_remote_request(), which keeps `reject_unsafe_urls` on whatever this returns).
         *
         * @param array  $args   wp_safe_remote_request() arguments.
         * @param string $method HTTP method.
         * @param string $path   API path below /api/v1, e.g. `/generate`.
         */
        $args = apply_filters('proseo_api_request_args', $args, $method, $path);
        $response = EdgeUrl::whileAllowed($url, static function () use ($url, $args, $addresses) {
            return EdgeUrl::whilePinned($url, $addresses, static function () use ($url, $args) {
                return wp_safe_remote_request($url, $args);
            });
        });
        if (is_wp_error($response)) {
            return self::unreachable($method, $url, $response);
        }
        $status = (int) wp_remote_retrieve_response_code($response);
        $json = json_decode((string) wp_remote_retrieve_body($response), true);
        if (!is_array($json) || !array_key_exists('success', $json)) {
            $message = sprintf(
                /* translators: %d: HTTP status */
                __('The proseo API answered with something that is not a proseo response (HTTP %d).', 'proseo'),
                $status
            ) . ' ' . __('Is the API URL right?', 'proseo');
            return new WP_Error('proseo_bad_response', $message, ['status' => 502, 'api_code' => 'http_error']);
        }
        if (empty($json['success'])) {
            $error = is_array($json['error'] ?? null) ? $json['error'] : [];
            $retry = (int) wp_remote_retrieve_header($response, 'retry-after');
            return self::error(
                (string) ($error['code'] ?? 'unknown'),
                (string) ($error['message'] ?? ''),
                (array) ($error['details'] ?? []),
                $retry
            );
        }
        $data = $json['data'] ?? null;
        if (isset($json['meta']['pagination']) && is_array($data)) {
            return ['items' => $data, 'pagination' => $json['meta']['pagination']];
        }
        return is_array($data) ? $data : ['value' => $data];
    }

    /**
     * A transport failure (DNS, connect, TLS, timeout): the technical reason goes to the PHP
     * error log only, for whoever runs the server; the browser gets one stable code and message.
     * Echoing "Failed to connect to 10.0.0.5 port 22: Connection refused" would make the
     * settings screen a port scanner of the server's network.
     */
    private static function unreachable(string $method, string $url, WP_Error $failure): WP_Error
    {
        $reason = preg_replace('/[\x00-\x1f\x7f]+/', ' ', implode('; ', $failure->get_error_messages()));
        error_log(sprintf('proseo: %s %s failed: %s', $method, $url, $reason));
        $message = __('The proseo API cannot be reached.', 'proseo') . ' ' . __(
            'Check the API URL under Settings → proseo and that this server can make outgoing connections.',
            'proseo'
        ) . ' ' . __('The technical reason is in the server\'s PHP error log.', 'proseo');
        return new WP_Error('proseo_unreachable', $message, ['status' => 503, 'api_code' => 'edge_unreachable']);
    }

    /** Maps an edge API error code to a WP_Error with a message for the merchant. */
    public static function error(string $code, string $message, array $details = [], int $retryAfter = 0): WP_Error
    {
        $data = ['api_code' => $code, 'api_message' => $message];
        switch ($code) {
            case 'quota_exceeded':
                $limit = isset($details['limit']) ? (int) $details['limit'] : 0;
                $used = isset($details['used']) ? (int) $details['used'] : 0;
                $message = sprintf(
                    /* translators: 1: generations used, 2: monthly limit */
                    __('Your proseo plan\'s monthly generations are used up (%1$d of %2$d).', 'proseo'),
                    $used,
                    $limit
                ) . ' ' . __('Generating resumes next month, or raise the limit of your proseo account.', 'proseo');
                return new WP_Error('proseo_quota_exceeded', $message, $data + ['status' => 429]);
            case 'rate_limited':
                return new WP_Error('proseo_rate_limited', sprintf(
                    /* translators: %d: seconds */
                    _n(
                        'Too many requests to proseo right now. Try again in %d second.',
                        'Too many requests to proseo right now. Try again in %d seconds.',
                        max(1, $retryAfter),
                        'proseo'
                    ),
                    max(1, $retryAfter)
                ), $data + ['status' => 429]);
            case 'unauthorized':
            case 'invalid_api_key':
            case 'invalid_token':
                return new WP_Error(
                    'proseo_invalid_key',
                    __(
                        'The proseo API key is missing, unknown or revoked. Enter a valid key under Settings → proseo.',
                        'proseo'
                    ),
                    $data + ['status' => 502]
                );
            case 'forbidden':
                return new WP_Error(
                    'proseo_forbidden',
                    __('The proseo API key lacks a permission this needs. Use a key with all scopes.', 'proseo'),
                    $data + ['status' => 502]
                );
            case 'provider_error':
            case 'provider_timeout':
                $message = __('The writing service did not deliver a usable description this time.', 'proseo')
                    . ' ' . __('Please try again in a moment.', 'proseo');
                return new WP_Error('proseo_provider_error', $message, $data + ['status' => 502]);
            case 'validation_failed':
                return new WP_Error('proseo_invalid_product', sprintf(
                    /* translators: %s: the API's explanation */
                    __('proseo cannot write for this product as it is: %s', 'proseo'),
                    self::embedded($message)
                ), $data + ['status' => 422, 'details' => $details]);
            case 'not_found':
                return new WP_Error(
                    'proseo_not_found',
                    __('proseo does not know this job or item (any more).', 'proseo'),
                    $data + ['status' => 404]
                );
            case 'invalid_state':
                return new WP_Error('proseo_invalid_state', sprintf(
                    /* translators: %s: the API's explanation */
                    __('That is not possible in this state: %s', 'proseo'),
                    self::embedded($message)
                ), $data + ['status' => 409]);
            default:
                return new WP_Error('proseo_api_error', sprintf(
                    /* translators: 1: error code, 2: message */
                    __('The proseo API reported an error (%1$s): %2$s', 'proseo'),
                    self::embedded($code),
                    self::embedded($message)
                ), $data + ['status' => 502]);
        }
    }

    /**
     * The API's own (English) words inside a translated sentence: in a right-to-left admin they
     * are isolated (Unicode FSI … PDI), so the sentence keeps its order and the English its
     * punctuation.
     */
    private static function embedded(string $text): string
    {
        return is_rtl() ? "\u{2068}" . $text . "\u{2069}" : $text;
    }
}
