<?php

namespace ProseoTest;

/**
 * The product's language from Polylang (MultilingualCase's tests against its stand-in).
 *
 * @group polylang
 */
final class PolylangTest extends MultilingualCase
{
    protected function multilingualPlugin(): string
    {
        return 'polylang';
    }
}
