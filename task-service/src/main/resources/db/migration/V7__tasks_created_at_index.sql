-- The operations report counts the tasks created in the last hour by state, fleet-wide: every other index on
-- tasks leads with the tenant.
CREATE INDEX tasks_created_at_idx ON tasks (created_at);
