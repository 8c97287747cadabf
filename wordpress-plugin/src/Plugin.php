<?php

namespace Proseo;

/**
 * Builds the plugin's objects once and wires every WordPress hook. This is the only file that
 * calls add_action()/add_filter() for the plugin, so it is the map of what runs when.
 */
final class Plugin
{
    private static ?Plugin $instance = null;

    public Settings $settings;
    public Language $language;
    public ApiClient $api;
    public Logger $logger;
    public SeoMeta $seo;
    public ProductData $products;
    public ContentWriter $writer;
    public Generator $generator;
    public BulkJobs $jobs;
    public BulkWriteback $writeback;
    public Rest $rest;
    public JsonLd $jsonld;
    public Admin\Assets $assets;
    public Admin\SettingsPage $settingsPage;
    public Admin\Onboarding $onboarding;
    public Admin\EditorPanel $panel;
    public Admin\BulkPage $bulkPage;
    public Admin\LogsPage $logsPage;

    public static function instance(): self
    {
        if (self::$instance === null) {
            self::$instance = new self();
        }
        return self::$instance;
    }

    private function __construct()
    {
        $this->settings = new Settings();
        $this->language = new Language($this->settings);
        $this->api = new ApiClient($this->settings);
        $this->logger = new Logger();
        $this->seo = new SeoMeta();
        $this->products = new ProductData($this->settings, $this->language);
        $this->writer = new ContentWriter($this->seo);
        $this->generator = new Generator($this->settings, $this->api, $this->products, $this->writer, $this->logger);
        $this->jobs = new BulkJobs(
            $this->settings,
            $this->api,
            $this->generator,
            $this->writer,
            $this->seo,
            $this->logger,
            $this->language
        );
        $this->writeback = new BulkWriteback($this->jobs, $this->api, $this->logger);
        $this->jsonld = new JsonLd($this->settings, $this->products);
        $this->rest = new Rest(
            $this->settings,
            $this->api,
            $this->generator,
            $this->writer,
            $this->jobs,
            $this->seo,
            $this->logger,
            $this->language,
            $this->jsonld
        );
        $this->assets = new Admin\Assets();
        $this->settingsPage = new Admin\SettingsPage($this->settings, $this->assets);
        $this->onboarding = new Admin\Onboarding($this->settings, $this->seo, $this->api);
        $this->panel = new Admin\EditorPanel(
            $this->assets,
            $this->writer,
            $this->seo,
            $this->settings,
            $this->language
        );
        $this->bulkPage = new Admin\BulkPage($this->assets, $this->settings);
        $this->logsPage = new Admin\LogsPage($this->logger);
    }

    public function boot(): void
    {
        add_action('init', [$this, 'loadTextDomain']);
        add_action('change_locale', [$this, 'switchTextDomain']);
        add_filter('user_has_cap', [Capabilities::class, 'grant']);
        add_action('rest_api_init', [$this->rest, 'register']);
        add_action(BulkWriteback::HOOK, [$this->writeback, 'run']);
        add_action('wp_head', [$this->jsonld, 'output']);

        if (!is_admin()) {
            return;
        }
        add_action('admin_init', [Logger::class, 'maybeUpgrade']);
        add_action('admin_init', [$this->settingsPage, 'register']);
        add_action('admin_init', [$this->onboarding, 'maybeRedirect']);
        add_action('admin_post_proseo_onboarding', [$this->onboarding, 'save']);
        add_action('admin_menu', [$this, 'menus']);
        add_action('admin_notices', [$this->settingsPage, 'notices']);
        add_action('admin_enqueue_scripts', [$this->assets, 'enqueue']);
        add_action('add_meta_boxes_product', [$this->panel, 'add']);
        add_action('save_post_product', [$this->panel, 'save']);
        add_filter('bulk_actions-edit-product', [$this->bulkPage, 'addBulkAction']);
        add_filter('handle_bulk_actions-edit-product', [$this->bulkPage, 'handleBulkAction'], 10, 3);
        add_filter('plugin_action_links_' . plugin_basename(PROSEO_FILE), [$this->settingsPage, 'actionLinks']);
    }

    public function loadTextDomain(): void
    {
        load_plugin_textdomain('proseo', false, dirname(plugin_basename(PROSEO_FILE)) . '/languages');
    }

    /**
     * `change_locale` (switch_to_locale(), restore_current_locale()): the plugin's translations
     * for the new locale. WordPress 6.1 does not load them itself once the text domain has been
     * looked up in English during the request (its text domain registry remembers "no file").
     */
    public function switchTextDomain(string $locale): void
    {
        unload_textdomain('proseo', true);
        $pin = static function () use ($locale): string {
            return $locale;
        };
        add_filter('plugin_locale', $pin);
        $this->loadTextDomain();
        remove_filter('plugin_locale', $pin);
    }

    public function menus(): void
    {
        $this->settingsPage->menu();
        $this->onboarding->menu();
        $this->bulkPage->menu();
        $this->logsPage->menu();
    }

    /** Activation: the logs table, and the onboarding wizard on the next admin page view. */
    public static function activate(): void
    {
        Logger::install();
        if (get_option(Settings::ONBOARDING_OPTION) === false) {
            add_option(Settings::ONBOARDING_OPTION, 'redirect');
        }
    }
}
