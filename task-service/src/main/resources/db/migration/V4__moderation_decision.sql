-- Issue 8: what moderation decided when it blocked a task (stage, engine, every topic's score, threshold and
-- flag), as JSON (contracts ModerationDecision). NULL while nothing blocked the task.
ALTER TABLE tasks ADD COLUMN moderation jsonb;
