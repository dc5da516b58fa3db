package dev.autodeploy.auth.token;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface SigningKeyRepository extends JpaRepository<SigningKey, String> {

    @Query("select k from SigningKey k where k.status = 'active'")
    Optional<SigningKey> findActive();

    /** Keys whose tokens may still be valid: the active one and those retired after {@code since}. */
    @Query("select k from SigningKey k where k.status = 'active' or k.retiredAt > :since order by k.createdAt desc")
    List<SigningKey> findPublished(Instant since);
}
