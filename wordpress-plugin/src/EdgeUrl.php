<?php

namespace Proseo;

use WP_Error;

/**
 * Which edge API URLs the plugin talks to, decided in one place for the screens that save the
 * URL (policy()) and for the API client before every request (check() + whileAllowed()):
 *
 * - https:// only, except on loopback (127.0.0.0/8 as a dotted quad, `localhost`, [::1]);
 * - loopback only where it is allowed: by default in development environments
 *   (WP_ENVIRONMENT_TYPE `local` or `development`); the constant PROSEO_ALLOW_LOOPBACK_API in
 *   wp-config.php allows it (true) or forbids it (false) everywhere; the filter
 *   `proseo_allow_loopback_api` has the last word. A site administrator cannot turn it on from a
 *   screen: on a network, a site's admin must not aim the server at its own loopback services;
 * - no user:password, query or fragment in the URL; no IPv6 address literals (WordPress's safe
 *   HTTP API refuses them; `localhost` reaches a server listening on ::1);
 * - requests go through wp_safe_remote_request(), so WordPress's rule applies (no private
 *   addresses unless the `http_request_host_is_external` filter allows the host; ports 80, 443
 *   and 8080 unless `http_allowed_safe_ports` adds one), and check() adds what that rule leaves
 *   out: every IPv4 address the host resolves to is checked, not only the first, against all of
 *   RFC 6890's non-global ranges (RESERVED), e.g. 169.254.0.0/16 where cloud metadata services
 *   answer and 100.64.0.0/10. The same filter lets a site owner allow an internal host;
 * - the request connects to the addresses check() vetted, not to what the name resolves to a
 *   moment later (whilePinned(): cURL's CURLOPT_RESOLVE for the request's host and port), so
 *   a name whose DNS answer changes between the check and the connection (DNS rebinding)
 *   cannot aim the request at a private address. WordPress's HTTP API uses cURL wherever the
 *   extension is there; its fallback transport (PHP streams) has no such option, and there the
 *   address checks are all there is;
 * - an allowed loopback URL passes WordPress's rule for its own host and port only, for the one
 *   request (whileAllowed()); the site's HTTP API stays as strict as before for everything else.
 */
final class EdgeUrl
{
    public const LOOPBACK_CONSTANT = 'PROSEO_ALLOW_LOOPBACK_API';

    /**
     * IPv4 ranges that are not globally reachable (IANA's IPv4 Special-Purpose Address Registry,
     * RFC 6890 and updates) plus multicast and the reserved 240/4: [network, prefix length].
     * Written out because PHP's FILTER_FLAG_NO_PRIV_RANGE / NO_RES_RANGE cover fewer ranges
     * (not 100.64.0.0/10, 198.18.0.0/15 or multicast) and differ between PHP versions.
     */
    public const RESERVED = [
        ['0.0.0.0', 8],
        ['10.0.0.0', 8],
        ['100.64.0.0', 10],
        ['127.0.0.0', 8],
        ['169.254.0.0', 16],
        ['172.16.0.0', 12],
        ['192.0.0.0', 24],
        ['192.0.2.0', 24],
        ['192.168.0.0', 16],
        ['198.18.0.0', 15],
        ['198.51.100.0', 24],
        ['203.0.113.0', 24],
        ['224.0.0.0', 3],
    ];

    /**
     * Whether loopback edge URLs are allowed on this site (see the class comment).
     */
    public static function loopbackAllowed(): bool
    {
        $constant = defined(self::LOOPBACK_CONSTANT) ? (bool) constant(self::LOOPBACK_CONSTANT) : null;
        $allowed = self::loopbackDefault($constant, wp_get_environment_type());
        /**
         * Filters whether the edge API may be on this server's loopback interface (127.0.0.0/8,
         * localhost), over http:// too. Default: the constant PROSEO_ALLOW_LOOPBACK_API when it
         * is defined, else true only in `local` and `development` environments.
         *
         * @param bool $allowed
         */
        return (bool) apply_filters('proseo_allow_loopback_api', $allowed);
    }

    /** The default of loopbackAllowed(): the constant when defined, else the environment type. */
    public static function loopbackDefault(?bool $constant, string $environment): bool
    {
        if ($constant !== null) {
            return $constant;
        }
        return in_array($environment, ['local', 'development'], true);
    }

    /** 127.0.0.0/8 as a dotted quad, `localhost` or [::1]; `$host` as parse_url() gives it. */
    public static function isLoopbackHost(string $host): bool
    {
        $host = strtolower($host);
        if ($host === 'localhost' || $host === '[::1]') {
            return true;
        }
        return self::isDottedQuad($host) && strpos($host, '127.') === 0;
    }

    /**
     * The rules that need no DNS: the URL's shape, https, loopback, an address literal in a
     * reserved range, a port WordPress does not allow. For the screens that save an API URL
     * (so the merchant hears of it at once), and the first step of check().
     */
    public static function policy(string $url): ?WP_Error
    {
        $parts = wp_parse_url($url);
        $scheme = strtolower((string) ($parts['scheme'] ?? ''));
        $host = strtolower((string) ($parts['host'] ?? ''));
        if (!is_array($parts) || $host === '' || !in_array($scheme, ['http', 'https'], true)) {
            return self::refusal(
                'proseo_invalid_url',
                __('The API URL is not a valid https:// address.', 'proseo')
            );
        }
        if (isset($parts['user']) || isset($parts['pass']) || isset($parts['query']) || isset($parts['fragment'])) {
            return self::refusal(
                'proseo_invalid_url',
                __('The API URL must not contain a user name, password, query or fragment.', 'proseo')
            );
        }
        if ($host[0] === '[') {
            return self::refusal(
                'proseo_invalid_url',
                __('IPv6 addresses are not supported in the API URL (WordPress refuses them).', 'proseo')
                . ' ' . __('Use a host name, or localhost for this server.', 'proseo')
            );
        }
        $loopback = self::isLoopbackHost($host);
        if ($scheme !== 'https' && !$loopback) {
            return self::refusal(
                'proseo_insecure_url',
                __('The API URL must start with https://.', 'proseo')
                . ' ' . __('http:// is only accepted for this server itself (localhost, 127.0.0.1).', 'proseo')
            );
        }
        if (!$loopback && self::isDottedQuad($host) && self::isReserved($host) && !self::isExternal($host, $url)) {
            return self::refused();
        }
        if (!$loopback && isset($parts['port']) && !self::portAllowed((int) $parts['port'], $host, $url)) {
            return self::refused();
        }
        if ($loopback && !self::loopbackAllowed()) {
            return self::refusal(
                'proseo_loopback_not_allowed',
                __('The API URL points at this server itself.', 'proseo') . ' ' . sprintf(
                    /* translators: %s: name of a PHP constant */
                    __('Allowed in development environments, or when wp-config.php defines %s as true.', 'proseo'),
                    self::LOOPBACK_CONSTANT
                )
            );
        }
        return null;
    }

    /**
     * Everything that decides whether the API client may request `$url` (a full URL under the
     * API URL): policy(), then the addresses the host resolves to, then WordPress's own
     * wp_http_validate_url() as wp_safe_remote_request() will apply it. Returns null when the
     * request may go out, else a refusal (status 400) that names the rule broken. A host that
     * does not resolve gives the error a failed request would (code `http_request_failed`),
     * which the caller reports like any transport failure.
     */
    public static function check(string $url): ?WP_Error
    {
        $vetted = self::vetted($url);
        return $vetted instanceof WP_Error ? $vetted : null;
    }

    /**
     * check(), giving the addresses it vetted when the request may go out: every IPv4 address
     * the host name resolves to, for whilePinned(); none for a loopback host or an address
     * literal, which no DNS answer can change.
     *
     * @return list<string>|WP_Error
     */
    public static function vetted(string $url)
    {
        $policy = self::policy($url);
        if ($policy) {
            return $policy;
        }
        $host = strtolower((string) wp_parse_url($url, PHP_URL_HOST));
        $pin = [];
        if (!self::isLoopbackHost($host)) {
            $addresses = self::isDottedQuad($host) ? [$host] : gethostbynamel($host);
            if (!$addresses) {
                return new WP_Error('http_request_failed', sprintf('could not resolve host %s', $host));
            }
            foreach ($addresses as $address) {
                if (self::isReserved($address) && !self::isExternal($host, $url)) {
                    return self::refused();
                }
            }
            $pin = self::isDottedQuad($host) ? [] : array_values($addresses);
        }
        $valid = self::whileAllowed($url, static function () use ($url) {
            return wp_http_validate_url($url);
        });
        return $valid ? $pin : self::refused();
    }

    /**
     * Runs `$request` (a request to `$url`) with cURL told to connect to `$addresses` for the
     * URL's host and port instead of resolving the name again (CURLOPT_RESOLVE), for requests
     * to that URL only; the hook is removed again however `$request` ends. With no addresses,
     * or without cURL, `$request` runs as it is.
     *
     * @template T
     * @param list<string> $addresses
     * @param callable(): T $request
     * @return T
     */
    public static function whilePinned(string $url, array $addresses, callable $request)
    {
        $parts = wp_parse_url($url);
        $host = strtolower((string) ($parts['host'] ?? ''));
        if ($addresses === [] || $host === '' || !defined('CURLOPT_RESOLVE')) {
            return $request();
        }
        $port = self::portOf($parts);
        $entry = sprintf('%s:%d:%s', $host, $port, implode(',', $addresses));
        $pin = static function ($handle, $args, $requested) use ($host, $port, $entry) {
            $to = wp_parse_url((string) $requested);
            $toPort = self::portOf($to);
            if (strtolower((string) ($to['host'] ?? '')) === $host && $toPort === $port) {
                curl_setopt($handle, CURLOPT_RESOLVE, [$entry]);
            }
        };
        add_action('http_api_curl', $pin, PHP_INT_MAX, 3);
        try {
            return $request();
        } finally {
            remove_action('http_api_curl', $pin, PHP_INT_MAX);
        }
    }

    /**
     * Runs `$request` (a call of wp_safe_remote_request() for `$url`, or of the validation it
     * does) with WordPress's external-host and safe-port rules opened for `$url`'s host and port
     * only, and only when that host is loopback and loopback is allowed; the filters are removed
     * again however `$request` ends.
     *
     * @template T
     * @param callable(): T $request
     * @return T
     */
    public static function whileAllowed(string $url, callable $request)
    {
        $parts = wp_parse_url($url);
        $host = strtolower((string) ($parts['host'] ?? ''));
        if (!self::isLoopbackHost($host) || !self::loopbackAllowed()) {
            return $request();
        }
        $port = self::portOf($parts);
        $external = static function ($external, $requested) use ($host) {
            return $external || strtolower((string) $requested) === $host;
        };
        $ports = static function ($allowed, $requested) use ($host, $port) {
            if (is_array($allowed) && strtolower((string) $requested) === $host) {
                $allowed[] = $port;
            }
            return $allowed;
        };
        add_filter('http_request_host_is_external', $external, PHP_INT_MAX, 2);
        add_filter('http_allowed_safe_ports', $ports, PHP_INT_MAX, 2);
        try {
            return $request();
        } finally {
            remove_filter('http_request_host_is_external', $external, PHP_INT_MAX);
            remove_filter('http_allowed_safe_ports', $ports, PHP_INT_MAX);
        }
    }

    /** Whether an IPv4 address is in one of the RESERVED ranges (anything unparsable is). */
    public static function isReserved(string $address): bool
    {
        $ip = self::isDottedQuad($address) ? ip2long($address) : false;
        if ($ip === false) {
            return true;
        }
        foreach (self::RESERVED as [$network, $bits]) {
            $mask = $bits === 0 ? 0 : (~0 << (32 - $bits)) & 0xFFFFFFFF;
            if (($ip & $mask) === (ip2long($network) & $mask)) {
                return true;
            }
        }
        return false;
    }

    /** WordPress's filter for hosts a site owner declares external although their address is not. */
    private static function isExternal(string $host, string $url): bool
    {
        return (bool) apply_filters('http_request_host_is_external', false, $host, $url);
    }

    /** WordPress's safe ports (80, 443, 8080 and the `http_allowed_safe_ports` filter), or the site's own. */
    private static function portAllowed(int $port, string $host, string $url): bool
    {
        $allowed = apply_filters('http_allowed_safe_ports', [80, 443, 8080], $host, $url);
        if (is_array($allowed) && in_array($port, $allowed, true)) {
            return true;
        }
        $home = wp_parse_url((string) get_option('home'));
        return strtolower((string) ($home['host'] ?? '')) === $host && (int) ($home['port'] ?? 0) === $port;
    }

    /**
     * The port of a URL from what wp_parse_url() gives (an array, or false): the one written,
     * else the scheme's (443 for https, else 80).
     *
     * @param array<string, mixed>|false $parts
     */
    private static function portOf($parts): int
    {
        $parts = is_array($parts) ? $parts : [];
        return (int) ($parts['port'] ?? (strtolower((string) ($parts['scheme'] ?? '')) === 'https' ? 443 : 80));
    }

    private static function isDottedQuad(string $host): bool
    {
        return filter_var($host, FILTER_VALIDATE_IP, FILTER_FLAG_IPV4) !== false;
    }

    private static function refused(): WP_Error
    {
        return self::refusal(
            'proseo_url_refused',
            __('WordPress refuses to connect to this API URL.', 'proseo') . ' ' . __(
                'It points to a private or reserved network address, or uses a port other than 80, 443 or 8080.',
                'proseo'
            ) . ' ' . __('Use the public https:// address of the proseo API.', 'proseo')
        );
    }

    private static function refusal(string $code, string $message): WP_Error
    {
        return new WP_Error($code, $message, ['status' => 400, 'api_code' => $code]);
    }
}
