<?php

namespace Proseo;

/**
 * proseo's capabilities. `proseo_generate` (generate, review, accept, undo, bulk jobs, logs) is
 * not stored in any role: users get it when they can edit products or manage WooCommerce.
 * `proseo_manage` (settings, onboarding) follows `manage_options`. Both can be granted to a
 * role explicitly with a role editor, and removed with the `user_has_cap` filter.
 */
final class Capabilities
{
    public const GENERATE = 'proseo_generate';
    public const MANAGE = 'proseo_manage';

    /**
     * `user_has_cap` filter.
     *
     * @param array<string, bool> $allcaps
     * @return array<string, bool>
     */
    public static function grant(array $allcaps): array
    {
        if (
            empty($allcaps[self::GENERATE])
            && (!empty($allcaps['edit_products']) || !empty($allcaps['manage_woocommerce']))
        ) {
            $allcaps[self::GENERATE] = true;
        }
        if (empty($allcaps[self::MANAGE]) && !empty($allcaps['manage_options'])) {
            $allcaps[self::MANAGE] = true;
        }
        return $allcaps;
    }
}
