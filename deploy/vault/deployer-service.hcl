# deployer-service: encrypts and decrypts the tokens it stores with its own transit key (derived, so a ciphertext only
# opens under the context it was made with), rewraps them after a key rotation, and reads its own KV secrets.
path "transit/encrypt/autodeploy-deployer" {
  capabilities = ["update"]
}
path "transit/decrypt/autodeploy-deployer" {
  capabilities = ["update"]
}
path "transit/rewrap/autodeploy-deployer" {
  capabilities = ["update"]
}
path "autodeploy/data/deployer-service/*" {
  capabilities = ["read"]
}
path "autodeploy/metadata/deployer-service/*" {
  capabilities = ["list", "read"]
}
