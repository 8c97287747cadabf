<?php

/**
 * Writes languages/proseo.pot from the plugin's PHP and JS sources: every __(), _e(), esc_html__(),
 * esc_html_e(), esc_attr__(), esc_attr_e(), _x(), _n() and _nx() call with the text domain
 * 'proseo', with its file:line references, the translators comment that precedes it in the same
 * statement (as `wp i18n make-pot` attaches them), and the `php-format` flag when the string
 * holds printf placeholders (msgfmt --check-format then checks every translation keeps them).
 * Usage: php bin/make-pot.php (no wp-cli needed). With --check it fails when the committed .pot
 * is out of date.
 *
 * The arguments are read with a small tokenizer rather than one regular expression because a
 * plural call has a non-string argument (the number) between its strings and its domain.
 */

$plugin = dirname(__DIR__);
$files = [];
$iterator = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($plugin, FilesystemIterator::SKIP_DOTS));
foreach ($iterator as $file) {
    $path = substr($file->getPathname(), strlen($plugin) + 1);
    if (preg_match('#^(assets/vendor|bin)/#', $path) || !preg_match('/\.(php|js)$/', $path)) {
        continue;
    }
    $files[] = $path;
}
sort($files);

/** Argument roles per function: t = text, p = plural, n = number, c = context, d = domain. */
const ROLES = [
    '__' => 'td', '_e' => 'td', 'esc_html__' => 'td', 'esc_html_e' => 'td', 'esc_attr__' => 'td',
    'esc_attr_e' => 'td', '_x' => 'tcd', '_n' => 'tpnd', '_nx' => 'tpncd',
];

$entries = [];
foreach ($files as $path) {
    $source = (string) file_get_contents($plugin . '/' . $path);
    $comments = translatorComments($source);
    $calls = '/(?<![\w$])(' . implode('|', array_map('preg_quote', array_keys(ROLES))) . ')\(/';
    if (!preg_match_all($calls, $source, $matches, PREG_SET_ORDER | PREG_OFFSET_CAPTURE)) {
        continue;
    }
    $previousCall = 0;
    foreach ($matches as $m) {
        $fn = $m[1][0];
        $start = $m[0][1];
        $args = arguments($source, $start + strlen($m[0][0]));
        $roles = ROLES[$fn];
        $values = [];
        foreach (str_split($roles) as $i => $role) {
            $values[$role] = $args[$i] ?? null;
        }
        $line = substr_count(substr($source, 0, $start), "\n") + 1;
        $comment = commentFor($comments, $source, $previousCall, $start);
        $previousCall = $start;
        if ($values['d'] !== 'proseo' || !is_string($values['t']) || $values['t'] === '') {
            continue;
        }
        $entry = ['msgid' => $values['t']];
        if (strpos($roles, 'c') !== false) {
            $entry['msgctxt'] = (string) $values['c'];
        }
        if (strpos($roles, 'p') !== false) {
            $entry['msgid_plural'] = (string) $values['p'];
        }
        $key = ($entry['msgctxt'] ?? '') . "\x04" . $entry['msgid'];
        $entries[$key] = $entries[$key] ?? $entry + ['refs' => [], 'comments' => []];
        $entries[$key]['refs'][] = $path . ':' . $line;
        if ($comment !== null) {
            $entries[$key]['comments'][] = $comment;
        }
    }
}

/**
 * The translators comments of a file: [end offset => text], from `/* translators: … *\/` and
 * `// translators: …`.
 *
 * @return array<int, string>
 */
function translatorComments(string $source): array
{
    $found = [];
    $pattern = '#/\*\s*translators:(.*?)\*/|//\s*translators:([^\n]*)#s';
    preg_match_all($pattern, $source, $m, PREG_SET_ORDER | PREG_OFFSET_CAPTURE);
    foreach ($m as $c) {
        $text = isset($c[2]) && $c[2][1] >= 0 ? $c[2][0] : $c[1][0];
        $found[$c[0][1] + strlen($c[0][0])] = trim(preg_replace('/\s+/', ' ', $text));
    }
    return $found;
}

/**
 * The translators comment that belongs to the call at $start: the last one that ends after the
 * previous call and before this one, with nothing between them that ends a statement.
 *
 * @param array<int, string> $comments
 */
function commentFor(array $comments, string $source, int $after, int $start): ?string
{
    $best = null;
    foreach ($comments as $end => $text) {
        if ($end > $after && $end <= $start) {
            $best = [$end, $text];
        }
    }
    if ($best === null || preg_match('/[;{}]/', substr($source, $best[0], $start - $best[0]))) {
        return null;
    }
    return $best[1];
}

/**
 * The arguments of a call whose "(" ends at $offset, up to the matching ")": each argument that
 * is exactly one string literal as its value, any other expression as null.
 *
 * @return array<int, string|null>
 */
function arguments(string $source, int $offset): array
{
    $args = [];
    $kind = 'empty'; // of the current argument: empty, string (one literal) or other
    $value = null;
    $depth = 0;
    $length = strlen($source);
    for ($i = $offset; $i < $length; $i++) {
        $ch = $source[$i];
        if ($ch === '"' || $ch === "'" || $ch === '`') {
            $end = $i + 1;
            while ($end < $length && $source[$end] !== $ch) {
                $end += $source[$end] === '\\' ? 2 : 1;
            }
            if ($depth === 0 && $kind === 'empty' && $ch !== '`') {
                $kind = 'string';
                $value = unquote(substr($source, $i, $end - $i + 1));
            } else {
                $kind = 'other';
            }
            $i = $end;
            continue;
        }
        if (($ch === ',' || $ch === ')') && $depth === 0) {
            if ($ch === ',' || $kind !== 'empty' || $args) {
                $args[] = $kind === 'string' ? $value : null;
            }
            if ($ch === ')') {
                return $args;
            }
            $kind = 'empty';
            $value = null;
            continue;
        }
        if ($ch === '(' || $ch === '[' || $ch === '{') {
            $depth++;
        } elseif ($ch === ')' || $ch === ']' || $ch === '}') {
            $depth--;
        }
        if (!ctype_space($ch)) {
            $kind = 'other';
        }
    }
    return $args;
}

function unquote(string $literal): string
{
    $quote = $literal[0];
    $body = substr($literal, 1, -1);
    return $quote === "'" ? str_replace(["\\'", '\\\\'], ["'", '\\'], $body) : stripcslashes($body);
}

function po(string $s): string
{
    return '"' . addcslashes($s, "\"\\\n\t") . '"';
}

/** printf placeholders as PHP's sprintf and @wordpress/i18n's sprintf read them. */
function hasPlaceholders(string $s): bool
{
    return (bool) preg_match('/%(?:\d+\$)?[-+ 0]*\d*(?:\.\d+)?[bcdeEfFgGosuxX]/', $s);
}

$header = <<<POT
# Copyright (C) proseo
# This file is distributed under the GPL-2.0-or-later.
msgid ""
msgstr ""
"Project-Id-Version: proseo\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"X-Domain: proseo\\n"

POT;
$out = $header;
foreach ($entries as $entry) {
    $out .= "\n";
    foreach (array_unique($entry['comments']) as $comment) {
        $out .= '#. translators: ' . $comment . "\n";
    }
    $out .= '#: ' . implode(' ', $entry['refs']) . "\n";
    if (hasPlaceholders($entry['msgid']) || hasPlaceholders($entry['msgid_plural'] ?? '')) {
        $out .= "#, php-format\n";
    }
    if (isset($entry['msgctxt'])) {
        $out .= 'msgctxt ' . po($entry['msgctxt']) . "\n";
    }
    $out .= 'msgid ' . po($entry['msgid']) . "\n";
    if (isset($entry['msgid_plural'])) {
        $out .= 'msgid_plural ' . po($entry['msgid_plural']) . "\nmsgstr[0] \"\"\nmsgstr[1] \"\"\n";
    } else {
        $out .= "msgstr \"\"\n";
    }
}

$target = $plugin . '/languages/proseo.pot';
if (in_array('--check', $argv, true)) {
    if (!is_file($target) || file_get_contents($target) !== $out) {
        fwrite(STDERR, "languages/proseo.pot is out of date: run php bin/make-pot.php\n");
        exit(1);
    }
    echo count($entries) . " strings, languages/proseo.pot is up to date\n";
    exit(0);
}
file_put_contents($target, $out);
echo count($entries) . " strings written to languages/proseo.pot\n";
