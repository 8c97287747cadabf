-- Connectors: a persistent product catalog per tenant, fed by WooCommerce stores (integrations
-- of type `woocommerce`, synced in bounded steps) and by signed webhooks; catalog jobs that
-- generate only what changed. Times are milliseconds since the epoch (UTC). Every table of
-- tenant data carries tenant_id.

-- Integrations may be WooCommerce stores. SQLite cannot change a CHECK constraint, so the table
-- is rebuilt with the same columns (nothing references it yet).
CREATE TABLE integrations_new (
  id               TEXT PRIMARY KEY,
  tenant_id        TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  type             TEXT NOT NULL CHECK (type IN ('openai', 'openai_compatible', 'anthropic', 'offline', 'woocommerce')),
  name             TEXT NOT NULL,
  credentials      TEXT,                                   -- AES-256-GCM sealed JSON (crypto.rs)
  credentials_hint TEXT,
  settings         TEXT NOT NULL DEFAULT '{}',
  is_default       INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);
INSERT INTO integrations_new (id, tenant_id, type, name, credentials, credentials_hint, settings, is_default, created_at, updated_at)
  SELECT id, tenant_id, type, name, credentials, credentials_hint, settings, is_default, created_at, updated_at FROM integrations;
DROP TABLE integrations;
ALTER TABLE integrations_new RENAME TO integrations;
CREATE UNIQUE INDEX integrations_one_default ON integrations (tenant_id) WHERE is_default = 1;
CREATE INDEX integrations_by_tenant ON integrations (tenant_id, created_at);

-- The catalog: one row per product of a source, keyed by (source, external id). `source` is a
-- store's integration id or a webhook source name. `product` is the core's Product JSON as last
-- received; `source_hash` hashes the facts content is written from (the fields proseo writes
-- back are left out, so a push does not make the product look changed). The current content is
-- the output of the job item `item_id`, written from the product whose hash is
-- `generated_hash`: content is stale when the two hashes differ. `queued_item_id` is the job
-- item generating it now. Written only by crates/worker/src/catalog/.
CREATE TABLE catalog_products (
  id                  TEXT PRIMARY KEY,                    -- prd_<24 hex>
  tenant_id           TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  source              TEXT NOT NULL,
  source_kind         TEXT NOT NULL CHECK (source_kind IN ('woocommerce', 'webhook')),
  external_id         TEXT NOT NULL,
  name                TEXT NOT NULL,
  sku                 TEXT,
  product             TEXT NOT NULL,                       -- JSON Product
  source_meta         TEXT,                                -- JSON: what a push needs (store image ids)
  source_hash         TEXT NOT NULL,                       -- SHA-256 hex
  data_hash           TEXT NOT NULL,                       -- SHA-256 hex of everything stored from the source
  source_modified     TEXT,                                -- the store's date_modified_gmt when last pulled
  description_missing INTEGER NOT NULL DEFAULT 0 CHECK (description_missing IN (0, 1)),
  invalid             TEXT,                                -- why generation would refuse it (core validation)
  queued_item_id      TEXT,
  item_id             TEXT,
  content             TEXT,                                -- JSON GeneratedContent (sanitized)
  score               INTEGER,
  seo_score           INTEGER,
  readability_score   INTEGER,
  focus_keyphrase     TEXT,
  unsafe_html         INTEGER NOT NULL DEFAULT 0 CHECK (unsafe_html IN (0, 1)),
  generated_hash      TEXT,
  generated_at        INTEGER,
  review              TEXT CHECK (review IN ('generated', 'approved', 'rejected')),
  error_code          TEXT,                                -- the last generation's failure
  error_message       TEXT,
  content_hash        TEXT,                                -- reserved for near-duplicate detection (NULL until it lands)
  signature           TEXT,                                -- reserved: compact similarity signature (NULL until it lands)
  sync_status         TEXT CHECK (sync_status IN ('pushed', 'conflict', 'failed')),
  sync_error          TEXT,
  pushed_item_id      TEXT,                                -- the item whose content was last written to the store
  pushed_at           INTEGER,
  received_at         INTEGER NOT NULL,                    -- last pull or delivery that carried it
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL,
  UNIQUE (tenant_id, source, external_id)
);
CREATE INDEX catalog_by_tenant ON catalog_products (tenant_id, id);
CREATE INDEX catalog_by_source ON catalog_products (tenant_id, source, id);
CREATE INDEX catalog_by_score ON catalog_products (tenant_id, score);
CREATE INDEX catalog_by_item ON catalog_products (item_id) WHERE item_id IS NOT NULL;
CREATE INDEX catalog_by_queued_item ON catalog_products (queued_item_id) WHERE queued_item_id IS NOT NULL;

-- Job items of catalog jobs point at their catalog row and carry the hash of the product they
-- were made from. Catalog jobs are filled in chunks (`filling` = 1 until the selection is
-- exhausted; `fill_cursor` is the last catalog id considered, `fill_token` the chunk that moved
-- it); `selection` is the JSON selection, `skipped` the products left out as unchanged.
-- `approve_min_score`: items scoring at least this are approved when they are committed.
ALTER TABLE job_items ADD COLUMN catalog_id TEXT;
ALTER TABLE job_items ADD COLUMN source_hash TEXT;
CREATE INDEX job_items_by_catalog ON job_items (catalog_id) WHERE catalog_id IS NOT NULL;
ALTER TABLE jobs ADD COLUMN selection TEXT;
ALTER TABLE jobs ADD COLUMN filling INTEGER NOT NULL DEFAULT 0 CHECK (filling IN (0, 1));
ALTER TABLE jobs ADD COLUMN fill_cursor TEXT;
ALTER TABLE jobs ADD COLUMN fill_token TEXT;
ALTER TABLE jobs ADD COLUMN fill_error TEXT;
ALTER TABLE jobs ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN approve_min_score INTEGER;
CREATE INDEX jobs_filling ON jobs (updated_at) WHERE filling = 1;

-- A store's sync state (one row per `woocommerce` integration): the schedule, the cutoff of the
-- next incremental pull (the store's own modified_after, GMT), the last run and error.
CREATE TABLE stores (
  integration_id     TEXT PRIMARY KEY REFERENCES integrations(id) ON DELETE CASCADE,
  tenant_id          TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  next_sync_at       INTEGER,                              -- NULL: no scheduled sync
  pull_cutoff        TEXT,                                 -- ISO 8601 GMT, NULL before the first full pull
  last_run_id        TEXT,
  last_success_at    INTEGER,
  last_error_code    TEXT,
  last_error_message TEXT,
  last_error_at      INTEGER,
  updated_at         INTEGER NOT NULL
);
CREATE INDEX stores_due ON stores (next_sync_at) WHERE next_sync_at IS NOT NULL;

-- Sync runs: a pull (store → catalog) or a push (approved content → store), done one bounded
-- step per queue message. A step is claimed with a token and a lease (like job items);
-- `dispatched_at` is when the message for the next step was sent (the sweeper re-sends a lost
-- one), `retry_at` when a step that met a 429 or a transient failure may run again. At most one
-- run per store is active. Written only by crates/worker/src/connectors/runs.rs.
CREATE TABLE sync_runs (
  id             TEXT PRIMARY KEY,                         -- syn_<24 hex>
  tenant_id      TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  integration_id TEXT NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,
  kind           TEXT NOT NULL CHECK (kind IN ('pull', 'push')),
  trigger        TEXT NOT NULL CHECK (trigger IN ('api', 'schedule')),
  status         TEXT NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
  options        TEXT NOT NULL DEFAULT '{}',               -- JSON: full, modified_after, force, ids
  page           INTEGER NOT NULL DEFAULT 0,               -- pull: pages done
  total_pages    INTEGER,                                  -- pull: X-WP-TotalPages
  total          INTEGER,                                  -- pull: X-WP-Total
  cursor         TEXT,                                     -- push: last catalog id handled
  processed      INTEGER NOT NULL DEFAULT 0,
  created        INTEGER NOT NULL DEFAULT 0,
  updated        INTEGER NOT NULL DEFAULT 0,
  unchanged      INTEGER NOT NULL DEFAULT 0,
  pushed         INTEGER NOT NULL DEFAULT 0,
  conflicts      INTEGER NOT NULL DEFAULT 0,
  failed         INTEGER NOT NULL DEFAULT 0,
  errors         TEXT NOT NULL DEFAULT '[]',               -- JSON: the last errors, bounded
  error_code     TEXT,                                     -- the last step error (or the run's)
  error_message  TEXT,
  error_status   INTEGER,
  retry_after    INTEGER,                                  -- seconds the store asked for (429)
  step_token     TEXT,
  lease_until    INTEGER,
  tries          INTEGER NOT NULL DEFAULT 0,               -- attempts of the current step
  dispatched_at  INTEGER,
  retry_at       INTEGER,
  created_at     INTEGER NOT NULL,
  started_at     INTEGER,
  finished_at    INTEGER,
  updated_at     INTEGER NOT NULL
);
CREATE UNIQUE INDEX sync_runs_one_active ON sync_runs (integration_id) WHERE status IN ('queued', 'running');
CREATE INDEX sync_runs_by_store ON sync_runs (tenant_id, integration_id, created_at DESC);
CREATE INDEX sync_runs_active ON sync_runs (dispatched_at) WHERE status IN ('queued', 'running');

-- Signed webhooks: per-tenant signing secrets (sealed like JWT secrets; the id travels in the
-- X-Proseo-Webhook-Id header), and the deliveries seen (a re-delivery answers what the first
-- one did and changes nothing).
CREATE TABLE webhook_secrets (
  id         TEXT PRIMARY KEY,                             -- whk_<24 hex>
  tenant_id  TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  secret     TEXT NOT NULL,                                -- AES-256-GCM sealed
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX webhook_secrets_by_tenant ON webhook_secrets (tenant_id, revoked_at, created_at);

CREATE TABLE webhook_deliveries (
  tenant_id  TEXT NOT NULL,
  delivery   TEXT NOT NULL,                                -- X-Proseo-Delivery, else the signature
  source     TEXT NOT NULL,
  answer     TEXT NOT NULL,                                -- JSON summary answered the first time
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, delivery)
);
CREATE INDEX webhook_deliveries_by_expiry ON webhook_deliveries (expires_at);
