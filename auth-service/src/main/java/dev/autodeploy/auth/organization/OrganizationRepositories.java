package dev.autodeploy.auth.organization;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface OrganizationRepository extends JpaRepository<Organization, UUID> {

    boolean existsBySlug(String slug);

    @Query("select o from Organization o where o.id in "
            + "(select m.organizationId from Membership m where m.userId = :userId)")
    Page<Organization> findAllOfMember(UUID userId, Pageable pageable);
}

interface MembershipRepository extends JpaRepository<Membership, Membership.Key> {

    Optional<Membership> findByOrganizationIdAndUserId(UUID organizationId, UUID userId);

    List<Membership> findByOrganizationIdOrderByJoinedAt(UUID organizationId);

    long countByOrganizationIdAndRole(UUID organizationId, String role);
}

interface InvitationRepository extends JpaRepository<Invitation, UUID> {

    Optional<Invitation> findByTokenHash(String tokenHash);

    List<Invitation> findByOrganizationIdOrderByCreatedAtDesc(UUID organizationId);
}
