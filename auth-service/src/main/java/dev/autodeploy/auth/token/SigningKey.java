package dev.autodeploy.auth.token;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A stored RSA signing key: public JWK in clear, private JWK encrypted by the TokenVault. */
@Entity
@Table(name = "signing_key")
class SigningKey {

    static final String ACTIVE = "active";
    static final String RETIRED = "retired";

    @Id
    private String kid;

    @Column(nullable = false)
    private String publicKey;

    @Column(nullable = false)
    private String privateKey;

    @Column(nullable = false)
    private String status;

    @Column(nullable = false)
    private Instant createdAt;

    private Instant retiredAt;

    protected SigningKey() {
    }

    SigningKey(String kid, String publicKey, String encryptedPrivateKey, Instant now) {
        this.kid = kid;
        this.publicKey = publicKey;
        this.privateKey = encryptedPrivateKey;
        this.status = ACTIVE;
        this.createdAt = now;
    }

    void retire(Instant now) {
        status = RETIRED;
        retiredAt = now;
    }

    String kid() {
        return kid;
    }

    String publicKey() {
        return publicKey;
    }

    String encryptedPrivateKey() {
        return privateKey;
    }

    Instant createdAt() {
        return createdAt;
    }
}
