<?php

/**
 * Router for `php -S`: existing files are served as they are (PHP files run by the server),
 * everything else goes through WordPress's index.php (pretty permalinks and /wp-json/).
 * Test infrastructure only.
 */

$path = (string) parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH);
$file = $_SERVER['DOCUMENT_ROOT'] . $path;

if ($path !== '/' && is_dir($file) && substr($path, -1) !== '/') {
    header('Location: ' . $path . '/', true, 301);
    return true;
}
if (is_file($file) && substr($file, -5) === '.wasm') {
    header('Content-Type: application/wasm');
    header('Content-Length: ' . filesize($file));
    readfile($file);
    return true;
}
if (is_file($file) || is_dir($file)) {
    return false;
}
$_SERVER['WORDPRESS_CONFIG'] = (string) getenv('WORDPRESS_CONFIG'); // see prepend.php
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/index.php';
chdir($_SERVER['DOCUMENT_ROOT']);
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
