# monitor-service: encrypts and decrypts the tokens it stores with its own transit key (derived, so a ciphertext only
# opens under the context it was made with), rewraps them after a key rotation, and reads its own KV secrets.
path "transit/encrypt/autodeploy-monitor" {
  capabilities = ["update"]
}
path "transit/decrypt/autodeploy-monitor" {
  capabilities = ["update"]
}
path "transit/rewrap/autodeploy-monitor" {
  capabilities = ["update"]
}
path "autodeploy/data/monitor-service/*" {
  capabilities = ["read"]
}
path "autodeploy/metadata/monitor-service/*" {
  capabilities = ["list", "read"]
}
