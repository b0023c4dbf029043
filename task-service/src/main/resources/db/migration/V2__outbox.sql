-- Work the relay still owes a task, written in the same transaction as the task change that creates it,
-- so an accepted task can never be forgotten between the database and the broker.
CREATE TABLE outbox (
    id            bigserial   PRIMARY KEY,
    task_id       uuid        NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    -- admit: ask moderation about the prompt; publish: put job `attempt` on the lane; cancel: tell the workers.
    kind          text        NOT NULL CHECK (kind IN ('admit', 'publish', 'cancel')),
    attempt       integer     NOT NULL DEFAULT 0,
    -- Not before this instant (now, or later after a failure or for a retry's backoff).
    available_at  timestamptz NOT NULL,
    -- The lease: a relay that claimed the row owns it until then; a crashed relay's rows come back afterwards.
    claimed_until timestamptz,
    -- Set by each claim; finishing a row requires it, so a relay whose lease ran out cannot finish a row
    -- another relay has claimed since.
    claim_token   uuid,
    -- Failed tries so far (the backoff grows with it) and the last failure, for operators.
    tries         integer     NOT NULL DEFAULT 0,
    last_error    text,
    created_at    timestamptz NOT NULL
);

-- The relay's scan for due rows.
CREATE INDEX outbox_available_at_idx ON outbox (available_at, id);
-- Cancellation and expiry drop a task's pending rows.
CREATE INDEX outbox_task_id_idx ON outbox (task_id);

-- The expiry sweeper's scan for live tasks past their deadline.
CREATE INDEX tasks_waiting_deadline_idx ON tasks (deadline_at) WHERE state IN ('ACCEPTED', 'QUEUED');
