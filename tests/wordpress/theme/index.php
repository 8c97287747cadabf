<?php

/**
 * The proseo test theme's only template: the head (wp_head), each queried post's title and
 * content, the footer (wp_footer).
 */

if (!defined('ABSPATH')) {
    exit;
}
?><!DOCTYPE html>
<html <?php language_attributes(); ?>>
<head>
<meta charset="<?php bloginfo('charset'); ?>">
<?php wp_head(); ?>
</head>
<body <?php body_class(); ?>>
<?php
while (have_posts()) {
    the_post();
    echo '<h1>' . esc_html(get_the_title()) . '</h1>';
    the_content();
}
wp_footer();
?>
</body>
</html>
