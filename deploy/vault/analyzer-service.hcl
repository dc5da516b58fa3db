# analyzer-service keeps no tokens of its own (it asks auth-service for them): its own KV secrets only.
path "autodeploy/data/analyzer-service/*" {
  capabilities = ["read"]
}
path "autodeploy/metadata/analyzer-service/*" {
  capabilities = ["list", "read"]
}
