-- Issue 10: what a task cost and how it was received.
-- node / node_class / gpu_ms: where the successful (or last) execution ran and how long it held the GPU
-- (dispatch to completion on the node, as the balancer measured it).
ALTER TABLE tasks ADD COLUMN node text;
ALTER TABLE tasks ADD COLUMN node_class text;
ALTER TABLE tasks ADD COLUMN gpu_ms bigint;
-- accepted_at: the first time the owner downloaded the image or rated it positively (task success).
ALTER TABLE tasks ADD COLUMN accepted_at timestamptz;

CREATE INDEX tasks_finished_at ON tasks (finished_at) WHERE finished_at IS NOT NULL;

-- What the fleet cost, interval by interval, as the balancer accounted it (GET /v1/usage). One row per node and
-- interval; (balancer, seq, node) makes collecting idempotent when several task-service replicas collect.
CREATE TABLE node_usage (
    balancer        text             NOT NULL,
    seq             bigint           NOT NULL,
    node            text             NOT NULL,
    node_class      text             NOT NULL,
    period_start    timestamptz      NOT NULL,
    period_end      timestamptz      NOT NULL,
    gpus            integer          NOT NULL,
    busy_seconds    double precision NOT NULL,
    energy_joules   double precision NOT NULL,
    energy_source   text             NOT NULL,
    cost            double precision NOT NULL,
    PRIMARY KEY (balancer, seq, node)
);
CREATE INDEX node_usage_period_end ON node_usage (period_end);
