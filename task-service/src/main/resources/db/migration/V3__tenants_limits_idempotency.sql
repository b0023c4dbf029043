-- Issue 7: who submitted a task, its webhook and how the delivery goes, per-tenant limits that hold across
-- replicas (the bucket lives here, not in a process), idempotency keys, feedback and downloads.

ALTER TABLE tasks
    -- The JWT subject that submitted the task ('' for tasks from before there were users).
    ADD COLUMN user_id                  text        NOT NULL DEFAULT '',
    -- The app's own label of its end user (OpenAI's `user`).
    ADD COLUMN end_user                 text,
    ADD COLUMN webhook_url              text,
    -- NULL when the task has no webhook; pending until delivered or given up.
    ADD COLUMN webhook_state            text        CHECK (webhook_state IN ('pending', 'delivered', 'failed')),
    ADD COLUMN webhook_attempts         integer     NOT NULL DEFAULT 0,
    -- HTTP status of the last attempt; NULL when it got none (refused, unreachable, timed out).
    ADD COLUMN webhook_last_status_code integer,
    ADD COLUMN webhook_last_error       text,
    ADD COLUMN webhook_last_attempt_at  timestamptz,
    ADD COLUMN webhook_delivered_at     timestamptz,
    ADD CONSTRAINT tasks_webhook_present_check CHECK ((webhook_url IS NULL) = (webhook_state IS NULL));

-- List: a tenant's tasks newest first, one page after another (keyset on created_at, id).
CREATE INDEX tasks_tenant_listing_idx ON tasks (tenant, created_at DESC, id DESC);
DROP INDEX tasks_tenant_created_at_idx;
-- The cap on unfinished tasks counts these on every submission.
CREATE INDEX tasks_tenant_unfinished_idx ON tasks (tenant) WHERE state IN ('ACCEPTED', 'QUEUED', 'RUNNING');

-- One row per (tenant, key): inserted first in the submitting transaction, so a concurrent repeat waits on the
-- primary key until the first commits (then replays its task) or rolls back (then takes its place).
CREATE TABLE idempotency_keys (
    tenant       text        NOT NULL,
    key          text        NOT NULL,
    -- SHA-256 (hex) of the request's canonical fields: a repeat with another request is refused.
    request_hash text        NOT NULL,
    -- Deferred: the key row is written before the task row of the same transaction.
    task_id      uuid        NOT NULL REFERENCES tasks (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant, key)
);

-- The retention sweeper deletes the oldest keys.
CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at);

-- A token bucket per tenant: submissions lock the row, refill it by the database clock and take a token, so the
-- rate holds however many gateway and task-service replicas serve the tenant.
CREATE TABLE rate_buckets (
    tenant      text             PRIMARY KEY,
    tokens      double precision NOT NULL,
    refilled_at timestamptz      NOT NULL
);

-- One piece of feedback per user and task; the last one wins.
CREATE TABLE task_feedback (
    task_id    uuid        NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    user_id    text        NOT NULL,
    accepted   boolean,
    rating     smallint    CHECK (rating BETWEEN 1 AND 5),
    comment    text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (task_id, user_id)
);

-- Every delivery of a result image (redirect, stream, b64_json).
CREATE TABLE task_downloads (
    id      bigserial   PRIMARY KEY,
    task_id uuid        NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    user_id text        NOT NULL,
    channel text        NOT NULL,
    at      timestamptz NOT NULL
);

CREATE INDEX task_downloads_task_id_idx ON task_downloads (task_id);

-- webhook: POST the signed status document of an ended task to its webhook_url.
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('admit', 'publish', 'cancel', 'webhook'));
