#!/bin/sh
# One-shot set-up of the dev-mode Vault for docker compose (service vault-init), safe to run again:
# enables transit and a KV v2 engine at autodeploy/, creates the derived transit keys, writes one policy per
# service from the *.hcl next to this script, and creates each service's token with the id given in .env
# (VAULT_AUTH_TOKEN, VAULT_DEPLOYER_TOKEN, VAULT_MONITOR_TOKEN), bound to its policy only. analyzer-service
# keeps no tokens (it asks auth-service for them) and gets no Vault access.
# Needs VAULT_ADDR and VAULT_TOKEN (the root token) in the environment.
set -eu

dir=$(dirname "$0")

enable() {
    if ! vault secrets list -format=json | grep -q "\"$1/\""; then
        vault secrets enable -path="$1" "$2"
    fi
}

enable transit transit
enable autodeploy kv-v2

for key in autodeploy-auth autodeploy-deployer autodeploy-monitor; do
    if ! vault read -format=json "transit/keys/$key" > /dev/null 2>&1; then
        vault write -f "transit/keys/$key" derived=true
    fi
done

token() {
    service="$1" id="$2"
    if [ -z "$id" ]; then
        echo "vault-init: no token id for $service (set it in .env)" >&2
        exit 1
    fi
    vault policy write "$service" "$dir/$service.hcl"
    if ! vault token lookup "$id" > /dev/null 2>&1; then
        vault token create -id="$id" -policy="$service" -orphan \
            -display-name="$service" -period=768h > /dev/null
    fi
}

token auth-service "${VAULT_AUTH_TOKEN:-}"
token deployer-service "${VAULT_DEPLOYER_TOKEN:-}"
token monitor-service "${VAULT_MONITOR_TOKEN:-}"
echo "vault-init: transit keys, KV engine, policies and service tokens are in place"
