-- Hardening: quota reservations, the job outbox, per-tenant JWT secrets, stored validation of
-- generated content, idempotency rows bound to a credential and the request's full identity.
-- Times are milliseconds since the epoch (UTC). Every table of tenant data carries tenant_id.

-- Jobs: `ready` is 0 while the items are still being inserted (the job is invisible to every
-- read until then; the sweeper deletes a job left unready by a crash). `open_holds` is the part
-- of the job's quota reservation not yet carried by inserted items; `quota_month` the month it
-- was reserved in.
ALTER TABLE jobs ADD COLUMN ready INTEGER NOT NULL DEFAULT 1 CHECK (ready IN (0, 1));
ALTER TABLE jobs ADD COLUMN open_holds INTEGER NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN quota_month TEXT;
CREATE INDEX jobs_active ON jobs (status, updated_at) WHERE status IN ('queued', 'running');
CREATE INDEX jobs_unready ON jobs (created_at) WHERE ready = 0;
CREATE INDEX jobs_open_holds ON jobs (tenant_id, quota_month) WHERE open_holds > 0;

-- Items: `quota_month` is the month of the quota reservation the item holds (NULL = none: the
-- consumer never calls a provider for an item without one). `dispatched_at` is when its queue
-- message was last sent (NULL = still in the outbox); `retry_at` when a delayed retry is due.
-- `validation` is the content's validation report; `unsafe_html` = 1 when the model's answer
-- carried markup the sanitizer removed (such an item is never approved or exported).
ALTER TABLE job_items ADD COLUMN quota_month TEXT;
ALTER TABLE job_items ADD COLUMN dispatched_at INTEGER;
ALTER TABLE job_items ADD COLUMN dispatches INTEGER NOT NULL DEFAULT 0;
ALTER TABLE job_items ADD COLUMN retry_at INTEGER;
ALTER TABLE job_items ADD COLUMN validation TEXT;
ALTER TABLE job_items ADD COLUMN unsafe_html INTEGER NOT NULL DEFAULT 0 CHECK (unsafe_html IN (0, 1));
CREATE INDEX job_items_holds ON job_items (tenant_id, quota_month) WHERE quota_month IS NOT NULL;
CREATE INDEX job_items_outbox ON job_items (job_id, position) WHERE status = 'pending' AND dispatched_at IS NULL;
CREATE INDEX job_items_leases ON job_items (lease_until) WHERE status = 'generating';
CREATE INDEX job_items_live ON job_items (job_id) WHERE status IN ('pending', 'generating') AND dispatched_at IS NOT NULL;

-- Work accepted before this migration holds a reservation in the current month, and its queue
-- messages (if any) are still live.
UPDATE job_items SET quota_month = strftime('%Y-%m', 'now'), dispatched_at = updated_at
 WHERE status IN ('pending', 'generating');

-- Reservations of synchronous `POST /generate` calls: one row per call in flight, deleted when
-- it ends; `expires_at` bounds what a request that dies mid-flight can hold.
CREATE TABLE quota_holds (
  id         TEXT PRIMARY KEY,
  tenant_id  TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  month      TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX quota_holds_by_month ON quota_holds (tenant_id, month, expires_at);
CREATE INDEX quota_holds_by_expiry ON quota_holds (expires_at);

-- Per-tenant JWT signing secrets, chosen by the token's `kid` (globally unique) and bound to
-- the tenant. At most two are active per tenant (rotation); secrets are sealed with
-- ENCRYPTION_KEY like provider credentials (HMAC verification needs the secret itself).
CREATE TABLE jwt_keys (
  kid        TEXT PRIMARY KEY,
  tenant_id  TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  secret     TEXT NOT NULL,                               -- AES-256-GCM sealed
  secret_fingerprint TEXT NOT NULL UNIQUE,                -- HMAC of the secret: one secret, one tenant
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX jwt_keys_by_tenant ON jwt_keys (tenant_id, revoked_at, created_at);

-- API keys may carry their own per-minute limit (at most the tenant's).
ALTER TABLE api_keys ADD COLUMN rate_limit_per_minute INTEGER;

-- Idempotency: rows are scoped to the credential (not only the tenant), expire, and an
-- in-flight placeholder (status 0) is abandoned after `locked_until`. Bodies are sealed.
DROP TABLE idempotency_keys;
CREATE TABLE idempotency_keys (
  scope        TEXT NOT NULL,                             -- tenant:<id>:<actor>, or admin
  key          TEXT NOT NULL,
  fingerprint  TEXT NOT NULL,                             -- SHA-256 of method, path, query, content type, body
  status       INTEGER NOT NULL,                          -- 0 while in flight
  body         TEXT NOT NULL,                             -- AES-256-GCM sealed response data
  locked_until INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_by_expiry ON idempotency_keys (expires_at);

-- Rate-limit windows are swept by age.
CREATE INDEX rate_limits_by_window ON rate_limits (window_start);
