-- Export profiles: a tenant's stored options for one channel's feed (currency, brand, locale,
-- a default category, shop → marketplace category mappings, stock, constant columns such as
-- eBay's business policies). GET /api/v1/exports/{channel} applies the channel's profile; its
-- query parameters override the profile's single values. Written only by
-- crates/worker/src/handlers/exports.rs. (Near-duplicate detection needs no new column: it
-- fills `catalog_products.signature` and `content_hash`, reserved by 0003.)
CREATE TABLE export_profiles (
  tenant_id  TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  channel    TEXT NOT NULL CHECK (channel IN ('woocommerce', 'amazon', 'ebay', 'kaufland', 'allegro', 'jsonld')),
  options    TEXT NOT NULL,                                -- JSON ExportProfile
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, channel)
);

-- Rows stored before near-duplicate detection have no signature: the Cron Trigger signs them,
-- a bounded batch per run (crates/worker/src/catalog/store.rs `backfill_signatures`).
CREATE INDEX catalog_unsigned ON catalog_products (id) WHERE signature IS NULL;
