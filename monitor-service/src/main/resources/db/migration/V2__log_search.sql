-- Text search over log lines: the `q` filter is a case-insensitive substring match (ILIKE), which a trigram index
-- serves for any substring of three characters or more. pg_trgm is a trusted extension (PostgreSQL 13+): the
-- database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX idx_deployment_logs_message_trgm ON deployment_logs USING gin (message gin_trgm_ops);
