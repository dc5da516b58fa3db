package dev.autodeploy.auth.organization;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "organization")
class Organization {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String slug;

    @Column(nullable = false)
    private String plan;

    private String billingEmail;

    @Column(nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    protected Organization() {
    }

    Organization(UUID id, String name, String slug, String billingEmail, Instant now) {
        this.id = id;
        this.name = name;
        this.slug = slug;
        this.plan = "free";
        this.billingEmail = billingEmail;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void update(String name, String billingEmail, Instant now) {
        this.name = name;
        this.billingEmail = billingEmail;
        this.updatedAt = now;
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    String slug() {
        return slug;
    }

    String plan() {
        return plan;
    }

    String billingEmail() {
        return billingEmail;
    }

    Instant createdAt() {
        return createdAt;
    }
}
