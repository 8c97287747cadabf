<?php

/**
 * auto_prepend_file of the test site's `php -S`: tells Debian's wp-config.php which
 * /etc/wordpress/config-*.php to read (the built-in server does not copy the environment into
 * $_SERVER). Test infrastructure only.
 */

$_SERVER['WORDPRESS_CONFIG'] = (string) getenv('WORDPRESS_CONFIG');
