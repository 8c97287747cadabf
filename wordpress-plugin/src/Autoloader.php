<?php

namespace Proseo;

/**
 * PSR-4 autoloader for the `Proseo\` namespace: `Proseo\Admin\BulkPage` is
 * `src/Admin/BulkPage.php`. Composer is not needed (nor available on many hosts).
 */
final class Autoloader
{
    private const PREFIX = 'Proseo\\';

    public static function register(string $dir): void
    {
        spl_autoload_register(static function (string $class) use ($dir): void {
            if (strncmp($class, self::PREFIX, strlen(self::PREFIX)) !== 0) {
                return;
            }
            $relative = substr($class, strlen(self::PREFIX));
            $file = $dir . '/' . str_replace('\\', '/', $relative) . '.php';
            if (is_file($file)) {
                require $file;
            }
        });
    }
}
