<?php

namespace ProseoTest;

/**
 * The product's language from WPML (MultilingualCase's tests against its stand-in).
 *
 * @group wpml
 */
final class WpmlTest extends MultilingualCase
{
    protected function multilingualPlugin(): string
    {
        return 'wpml';
    }
}
