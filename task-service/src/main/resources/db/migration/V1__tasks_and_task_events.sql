-- Tasks and their audit trail. States, lanes and event names are the ones in DESIGN.md.

CREATE TABLE tasks (
    id                    uuid        PRIMARY KEY,
    tenant                text        NOT NULL,
    state                 text        NOT NULL CHECK (state IN ('ACCEPTED', 'QUEUED', 'RUNNING', 'SUCCEEDED',
                                                            'FAILED', 'REJECTED', 'CANCELLED', 'EXPIRED')),
    reason                text,
    reason_detail         text,
    lane                  text        NOT NULL CHECK (lane IN ('interactive', 'batch')),
    priority              integer     NOT NULL CHECK (priority BETWEEN 0 AND 10),
    model                 text        NOT NULL,
    prompt                text        NOT NULL,
    negative_prompt       text        NOT NULL DEFAULT '',
    width                 integer     NOT NULL,
    height                integer     NOT NULL,
    steps                 integer     NOT NULL,
    seed                  bigint      NOT NULL,
    -- 0 until the first job is enqueued, then the attempt of the latest execution.
    attempt               integer     NOT NULL DEFAULT 0,
    image_key             text,
    moderation_categories text[]      NOT NULL DEFAULT '{}',
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    queued_at             timestamptz,
    started_at            timestamptz,
    finished_at           timestamptz,
    deadline_at           timestamptz NOT NULL,
    -- Stage durations in milliseconds; NULL while the stage has not happened.
    moderation_ms         bigint,
    queue_wait_ms         bigint,
    inference_ms          bigint,
    image_moderation_ms   bigint,
    upload_ms             bigint,
    total_ms              bigint,
    version               bigint      NOT NULL DEFAULT 0
);

-- A tenant's tasks, newest first.
CREATE INDEX tasks_tenant_created_at_idx ON tasks (tenant, created_at DESC);

-- One row per transition, including the creation of the task (from_state NULL).
CREATE TABLE task_events (
    id          bigserial   PRIMARY KEY,
    task_id     uuid        NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    occurred_at timestamptz NOT NULL,
    from_state  text,
    to_state    text        NOT NULL,
    attempt     integer     NOT NULL,
    -- Who caused it: "api", "moderation", "broker" or "worker:<id>".
    source      text        NOT NULL,
    event_type  text        NOT NULL,
    reason      text,
    detail      text
);

CREATE INDEX task_events_task_id_idx ON task_events (task_id, id);
