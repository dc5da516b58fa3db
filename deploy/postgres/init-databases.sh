#!/usr/bin/env bash
# One database and one role per service on the one Postgres server. Run once by the postgres image
# (/docker-entrypoint-initdb.d) when its data volume is empty; passwords come from the environment
# (AUTH_DB_PASSWORD, ANALYZER_DB_PASSWORD, DEPLOYER_DB_PASSWORD, MONITOR_DB_PASSWORD), never from this file.
# Each service's Flyway migrations create its tables at start.
set -euo pipefail

create() {
    local name="$1" password="$2" extra="${3:-}"
    if [[ -z "$password" ]]; then
        echo "init-databases: no password for role $name (set it in .env)" >&2
        exit 1
    fi
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
        -v name="$name" -v password="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'name', :'password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'name') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'name', :'name')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'name') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'name') \gexec
SQL
    if [[ -n "$extra" ]]; then
        psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -c "$extra"
    fi
}

create auth "${AUTH_DB_PASSWORD:-}"
create analyzer "${ANALYZER_DB_PASSWORD:-}"
# The local deploy target gives each app a database and role of its own on this server (LocalPostgres):
# the deployer's role may create both, and may act as the roles it creates (Postgres 16 asks for SET).
create deployer "${DEPLOYER_DB_PASSWORD:-}" \
    "ALTER ROLE deployer CREATEDB CREATEROLE; ALTER ROLE deployer SET createrole_self_grant = 'set, inherit';"
create monitor "${MONITOR_DB_PASSWORD:-}"
