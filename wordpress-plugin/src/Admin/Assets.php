<?php

namespace Proseo\Admin;

/**
 * Scripts and styles, enqueued only on proseo's own screens. The scoring engine is the npm
 * package `proseo`'s web build, bundled by bin/build-assets into assets/vendor/proseo/
 * (proseo.js + proseo_bg.wasm); the plugin's scripts import it and call
 * `init(plugins_url(...proseo_bg.wasm))`.
 */
final class Assets
{
    public const VENDOR_MODULE = 'assets/vendor/proseo/proseo.js';
    public const VENDOR_WASM = 'assets/vendor/proseo/proseo_bg.wasm';
    /** `proseo/prompt` (JSON-LD), loaded by the product panel only when it builds structured data. */
    public const PROMPT_MODULE = 'assets/vendor/proseo/prompt.js';
    public const PROMPT_WASM = 'assets/vendor/proseo/proseo_prompt_bg.wasm';

    /** @var array<int, array{match: callable, script: string, data: callable}> */
    private array $screens = [];

    /** Registers a script for admin screens that $match accepts; $data gives its config. */
    public function forScreen(callable $match, string $script, callable $data): void
    {
        $this->screens[] = ['match' => $match, 'script' => $script, 'data' => $data];
    }

    public static function built(): bool
    {
        $dir = dirname(PROSEO_FILE) . '/';
        return is_file($dir . self::VENDOR_MODULE) && is_file($dir . self::VENDOR_WASM);
    }

    public static function url(string $path): string
    {
        return plugins_url($path, PROSEO_FILE);
    }

    public function enqueue(string $hook): void
    {
        $screen = get_current_screen();
        foreach ($this->screens as $entry) {
            if (!$screen || !($entry['match'])($screen, $hook)) {
                continue;
            }
            $handle = 'proseo-' . $entry['script'];
            wp_enqueue_style('proseo-admin', self::url('assets/css/admin.css'), [], PROSEO_VERSION);
            wp_enqueue_script('proseo-engine', self::url('assets/js/engine.js'), ['wp-i18n'], PROSEO_VERSION, true);
            wp_set_script_translations('proseo-engine', 'proseo', dirname(PROSEO_FILE) . '/languages');
            $deps = ['wp-api-fetch', 'wp-i18n', 'proseo-engine'];
            wp_enqueue_script($handle, self::url('assets/js/' . $entry['script'] . '.js'), $deps, PROSEO_VERSION, true);
            wp_set_script_translations($handle, 'proseo', dirname(PROSEO_FILE) . '/languages');
            $config = array_merge([
                'engine' => self::built() ? [
                    'module' => self::url(self::VENDOR_MODULE) . '?ver=' . PROSEO_VERSION,
                    'wasm' => self::url(self::VENDOR_WASM) . '?ver=' . PROSEO_VERSION,
                ] : null,
                'prompt' => is_file(dirname(PROSEO_FILE) . '/' . self::PROMPT_MODULE) ? [
                    'module' => self::url(self::PROMPT_MODULE) . '?ver=' . PROSEO_VERSION,
                    'wasm' => self::url(self::PROMPT_WASM) . '?ver=' . PROSEO_VERSION,
                ] : null,
                // The analysis locale (the site's); a screen's data may set the product's own.
                'locale' => get_locale(),
            ], ($entry['data'])());
            wp_add_inline_script($handle, 'window.proseoConfig = ' . wp_json_encode($config) . ';', 'before');
        }
    }
}
