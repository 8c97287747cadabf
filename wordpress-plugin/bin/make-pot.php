<?php

/**
 * Writes languages/proseo.pot from the plugin's PHP and JS sources: every __(), _e(), esc_html__(),
 * esc_html_e(), esc_attr__(), esc_attr_e(), _x(), _n() call with the text domain 'proseo', with
 * its file:line references and the translators comment above it. Usage: php bin/make-pot.php
 * (no wp-cli needed). With --check it fails when the committed .pot is out of date.
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

// A quoted PHP/JS string literal (single or double quoted, with escapes).
$str = '(\'(?:[^\'\\\\]|\\\\.)*\'|"(?:[^"\\\\]|\\\\.)*")';
$pattern = '/(?:\/\*\s*translators:(?<comment>.*?)\*\/\s*)?'
    . '\b(?<fn>__|_e|esc_html__|esc_html_e|esc_attr__|esc_attr_e|_x|_n)\(\s*'
    . $str . '(?:\s*,\s*' . $str . ')?(?:\s*,\s*' . $str . ')?/s';

$entries = [];
foreach ($files as $path) {
    $source = file_get_contents($plugin . '/' . $path);
    if (!preg_match_all($pattern, $source, $matches, PREG_SET_ORDER | PREG_OFFSET_CAPTURE)) {
        continue;
    }
    foreach ($matches as $m) {
        $fn = $m['fn'][0];
        $args = [];
        for ($i = 3; $i <= 5; $i++) {
            if (isset($m[$i]) && $m[$i][1] >= 0) {
                $args[] = unquote($m[$i][0]);
            }
        }
        $domain = array_pop($args);
        if ($domain !== 'proseo' || !$args) {
            continue;
        }
        $line = substr_count(substr($source, 0, $m['fn'][1]), "\n") + 1;
        $entry = ['msgid' => $args[0]];
        if ($fn === '_x') {
            $entry['msgctxt'] = $args[1] ?? '';
        } elseif ($fn === '_n') {
            $entry['msgid_plural'] = $args[1] ?? '';
        }
        $key = ($entry['msgctxt'] ?? '') . "\x04" . $entry['msgid'];
        $entries[$key] = $entries[$key] ?? $entry + ['refs' => [], 'comments' => []];
        $entries[$key]['refs'][] = $path . ':' . $line;
        if (!empty($m['comment'][0]) && $m['comment'][1] >= 0) {
            $entries[$key]['comments'][] = trim($m['comment'][0]);
        }
    }
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
