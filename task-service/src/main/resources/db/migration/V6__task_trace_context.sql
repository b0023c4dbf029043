-- The W3C trace context (traceparent, tracestate) of the request that submitted the task. Every outbox row of
-- the task is worked inside it, so the moderation call, the job message and the cancellation broadcast carry
-- the submitter's trace id across the database hop. Null for tasks submitted outside a trace (or before V6).
ALTER TABLE tasks ADD COLUMN traceparent text, ADD COLUMN tracestate text;
