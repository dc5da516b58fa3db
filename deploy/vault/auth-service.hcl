# auth-service: encrypts and decrypts the tokens it stores with its own transit key (derived, so a ciphertext only
# opens under the context it was made with), rewraps them after a key rotation, and reads its own KV secrets.
path "transit/encrypt/autodeploy-auth" {
  capabilities = ["update"]
}
path "transit/decrypt/autodeploy-auth" {
  capabilities = ["update"]
}
path "transit/rewrap/autodeploy-auth" {
  capabilities = ["update"]
}
path "autodeploy/data/auth-service/*" {
  capabilities = ["read"]
}
path "autodeploy/metadata/auth-service/*" {
  capabilities = ["list", "read"]
}
