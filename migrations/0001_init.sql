-- proseo edge API schema (D1 / SQLite). Times are milliseconds since the epoch (UTC).
-- Every table of tenant data carries tenant_id, and every query filters by it.

CREATE TABLE tenants (
  id                    TEXT PRIMARY KEY,
  name                  TEXT NOT NULL,
  slug                  TEXT NOT NULL UNIQUE,
  settings              TEXT NOT NULL DEFAULT '{}',        -- JSON object
  monthly_generations   INTEGER,                           -- NULL = unlimited
  rate_limit_per_minute INTEGER NOT NULL DEFAULT 600,
  created_at            INTEGER NOT NULL,
  updated_at            INTEGER NOT NULL
);

CREATE TABLE api_keys (
  id           TEXT PRIMARY KEY,
  tenant_id    TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  prefix       TEXT NOT NULL,                              -- first 12 characters, shown in lists
  key_hash     TEXT NOT NULL UNIQUE,                       -- SHA-256 hex of the whole key
  scopes       TEXT NOT NULL,                              -- JSON array of permissions
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at   INTEGER
);
CREATE INDEX api_keys_by_tenant ON api_keys (tenant_id, created_at);

CREATE TABLE templates (
  id          TEXT PRIMARY KEY,
  tenant_id   TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  template    TEXT NOT NULL,                               -- JSON TemplateRef
  options     TEXT NOT NULL DEFAULT '{}',                  -- JSON PromptOptions
  is_default  INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  deleted_at  INTEGER
);
CREATE UNIQUE INDEX templates_live_name ON templates (tenant_id, name) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX templates_one_default ON templates (tenant_id) WHERE is_default = 1 AND deleted_at IS NULL;
CREATE INDEX templates_by_tenant ON templates (tenant_id, deleted_at, created_at);

CREATE TABLE integrations (
  id               TEXT PRIMARY KEY,
  tenant_id        TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  type             TEXT NOT NULL CHECK (type IN ('openai', 'openai_compatible', 'anthropic', 'offline')),
  name             TEXT NOT NULL,
  credentials      TEXT,                                   -- AES-256-GCM sealed JSON (crypto.rs)
  credentials_hint TEXT,
  settings         TEXT NOT NULL DEFAULT '{}',
  is_default       INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);
CREATE UNIQUE INDEX integrations_one_default ON integrations (tenant_id) WHERE is_default = 1;
CREATE INDEX integrations_by_tenant ON integrations (tenant_id, created_at);

-- "executions" in the seeds: one bulk run over many products.
CREATE TABLE jobs (
  id           TEXT PRIMARY KEY,
  tenant_id    TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  template_id  TEXT,
  source       TEXT NOT NULL CHECK (source IN ('api', 'csv', 'woocommerce', 'webhook')),
  status       TEXT NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'cancelled')),
  options      TEXT NOT NULL,                              -- JSON PromptOptions, resolved at creation
  channel      TEXT NOT NULL DEFAULT 'woocommerce',
  target_score INTEGER,
  max_attempts INTEGER NOT NULL DEFAULT 3,
  total        INTEGER NOT NULL DEFAULT 0,
  completed    INTEGER NOT NULL DEFAULT 0,                 -- generated + approved + rejected
  failed       INTEGER NOT NULL DEFAULT 0,
  cancelled    INTEGER NOT NULL DEFAULT 0,
  created_by   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  started_at   INTEGER,
  finished_at  INTEGER,
  updated_at   INTEGER NOT NULL
);
CREATE INDEX jobs_by_tenant ON jobs (tenant_id, created_at DESC);
CREATE INDEX jobs_by_status ON jobs (tenant_id, status, created_at DESC);

CREATE TABLE job_items (
  id                TEXT PRIMARY KEY,
  tenant_id         TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  job_id            TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  position          INTEGER NOT NULL,
  external_id       TEXT,                                  -- e.g. the WooCommerce product id
  product           TEXT NOT NULL,                         -- original data, JSON Product
  content           TEXT,                                  -- JSON GeneratedContent
  analysis          TEXT,                                  -- JSON Analysis
  score             INTEGER,
  seo_score         INTEGER,
  readability_score INTEGER,
  status            TEXT NOT NULL CHECK (status IN ('pending', 'generating', 'generated', 'failed', 'approved', 'rejected', 'cancelled')),
  sync_status       TEXT NOT NULL DEFAULT 'pending' CHECK (sync_status IN ('pending', 'synced', 'failed')),
  sync_error        TEXT,
  error_code        TEXT,
  error_message     TEXT,
  provider          TEXT,
  model             TEXT,
  input_tokens      INTEGER NOT NULL DEFAULT 0,
  output_tokens     INTEGER NOT NULL DEFAULT 0,
  cost_micros       INTEGER NOT NULL DEFAULT 0,            -- USD × 1e6
  attempts          INTEGER NOT NULL DEFAULT 0,            -- provider calls, all deliveries
  tries             INTEGER NOT NULL DEFAULT 0,            -- deliveries of the current generation
  claim_token       TEXT,                                  -- the consumer run that owns it
  lease_until       INTEGER,
  options_override  TEXT,                                  -- JSON PromptOptions for a regenerate
  target_override   INTEGER,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
);
CREATE INDEX job_items_by_job ON job_items (job_id, status, position);
CREATE INDEX job_items_by_score ON job_items (job_id, score);
CREATE INDEX job_items_by_tenant ON job_items (tenant_id, job_id);

CREATE TABLE usage_events (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id     TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  month         TEXT NOT NULL,                             -- YYYY-MM (UTC)
  kind          TEXT NOT NULL CHECK (kind IN ('generate', 'job_item')),
  item_id       TEXT,
  claim_token   TEXT UNIQUE,                               -- one bill per claimed generation
  provider      TEXT NOT NULL,
  model         TEXT NOT NULL,
  input_tokens  INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  cost_micros   INTEGER NOT NULL,
  created_at    INTEGER NOT NULL
);
CREATE INDEX usage_by_month ON usage_events (tenant_id, month);

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id   TEXT NOT NULL,
  actor       TEXT NOT NULL,                               -- key:<id>, jwt:<sub>, admin, queue
  action      TEXT NOT NULL,                               -- e.g. template.create, key.revoke
  target_type TEXT NOT NULL,
  target_id   TEXT NOT NULL,
  details     TEXT NOT NULL DEFAULT '{}',
  request_id  TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE INDEX audit_by_tenant ON audit_log (tenant_id, created_at DESC);

CREATE TABLE rate_limits (
  bucket       TEXT NOT NULL,                              -- key:<id> or jwt:<tenant>:<sub>
  window_start INTEGER NOT NULL,                           -- minute, ms
  count        INTEGER NOT NULL,
  PRIMARY KEY (bucket, window_start)
);

CREATE TABLE idempotency_keys (
  tenant_id   TEXT NOT NULL,
  key         TEXT NOT NULL,
  fingerprint TEXT NOT NULL,                               -- SHA-256 of method, path and body
  status      INTEGER NOT NULL,
  body        TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, key)
);
CREATE INDEX idempotency_by_age ON idempotency_keys (created_at);
