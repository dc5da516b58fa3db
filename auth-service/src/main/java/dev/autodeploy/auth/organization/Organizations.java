package dev.autodeploy.auth.organization;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.auth.organization.OrganizationApi.InvitationView;
import dev.autodeploy.auth.organization.OrganizationApi.MemberView;
import dev.autodeploy.auth.organization.OrganizationApi.OrganizationView;
import dev.autodeploy.auth.organization.OrganizationProblems.AlreadyMember;
import dev.autodeploy.auth.organization.OrganizationProblems.InsufficientRole;
import dev.autodeploy.auth.organization.OrganizationProblems.InvitationClosed;
import dev.autodeploy.auth.organization.OrganizationProblems.InvitationForSomeoneElse;
import dev.autodeploy.auth.organization.OrganizationProblems.InvitationNotFound;
import dev.autodeploy.auth.organization.OrganizationProblems.LastOwner;
import dev.autodeploy.auth.organization.OrganizationProblems.MemberNotFound;
import dev.autodeploy.auth.organization.OrganizationProblems.OrganizationNotFound;
import dev.autodeploy.auth.organization.OrganizationProblems.SlugTaken;
import dev.autodeploy.auth.organization.OrganizationProblems.UserNotFound;
import dev.autodeploy.auth.session.TokenHashes;
import dev.autodeploy.auth.user.User;
import dev.autodeploy.auth.user.UserRepository;
import dev.autodeploy.events.OrganizationMemberChanged;
import dev.autodeploy.support.audit.AuditTarget;
import dev.autodeploy.support.audit.AuditTrail;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Organizations, their members and invitations, with the role rules: viewers read, admins manage
 * members and invitations, only owners touch ownership or delete; the last owner can neither leave
 * nor be demoted. A non-member gets "not found" for everything in an organization.
 */
@Component
class Organizations {

    private static final Duration INVITATION_LIFETIME = Duration.ofDays(7);

    private final OrganizationRepository organizations;
    private final MembershipRepository members;
    private final InvitationRepository invitations;
    private final UserRepository users;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final SecureRandom random = new SecureRandom();

    Organizations(OrganizationRepository organizations, MembershipRepository members,
            InvitationRepository invitations, UserRepository users, Clock clock, ApplicationEventPublisher events,
            AuditTrail audit) {
        this.organizations = organizations;
        this.members = members;
        this.invitations = invitations;
        this.users = users;
        this.clock = clock;
        this.events = events;
        this.audit = audit;
    }

    /** What the audit log keeps of an organization, a membership and an invitation (never a token). */
    private record OrganizationFacts(String name, String slug, String plan, String billingEmail) {
        static OrganizationFacts of(Organization organization) {
            return new OrganizationFacts(organization.name(), organization.slug(), organization.plan(),
                    organization.billingEmail());
        }
    }

    private record MemberFacts(UUID userId, String role) {
    }

    private record InvitationFacts(String email, String role, String status, Instant expiresAt) {
    }

    @Transactional
    OrganizationView create(UUID userId, OrganizationApi.CreateOrganization request) {
        String slug = request.slug() != null ? request.slug() : slugOf(request.name());
        if (organizations.existsBySlug(slug)) {
            throw new SlugTaken(slug);
        }
        Instant now = clock.instant();
        Organization organization;
        try {
            organization = organizations.saveAndFlush(
                    new Organization(UUID.randomUUID(), request.name().trim(), slug, request.billingEmail(), now));
        }
        catch (DataIntegrityViolationException raced) {
            throw new SlugTaken(slug);
        }
        members.save(new Membership(organization.id(), userId, Role.OWNER, now));
        memberChanged(organization.id(), userId, null, Role.OWNER);
        audit.record(organization.id(), "organization.created", AuditTarget.of("organization", organization.id()),
                null, OrganizationFacts.of(organization));
        return view(organization, Role.OWNER);
    }

    @Transactional(readOnly = true)
    Page<OrganizationView> listOf(UUID userId, Pageable pageable) {
        return organizations.findAllOfMember(userId, pageable).map(organization -> view(organization,
                members.findByOrganizationIdAndUserId(organization.id(), userId).map(Membership::role).orElseThrow()));
    }

    @Transactional(readOnly = true)
    OrganizationView get(UUID organizationId, UUID userId) {
        Membership membership = require(organizationId, userId, Role.VIEWER);
        return view(organizations.findById(organizationId).orElseThrow(OrganizationNotFound::new), membership.role());
    }

    @Transactional
    OrganizationView update(UUID organizationId, UUID userId, OrganizationApi.UpdateOrganization request) {
        Membership membership = require(organizationId, userId, Role.ADMIN);
        Organization organization = organizations.findById(organizationId).orElseThrow(OrganizationNotFound::new);
        OrganizationFacts before = OrganizationFacts.of(organization);
        organization.update(request.name().trim(), request.billingEmail(), clock.instant());
        audit.record(organizationId, "organization.updated", AuditTarget.of("organization", organizationId), before,
                OrganizationFacts.of(organization));
        return view(organization, membership.role());
    }

    @Transactional
    void delete(UUID organizationId, UUID userId) {
        require(organizationId, userId, Role.OWNER);
        Organization organization = organizations.findById(organizationId).orElseThrow(OrganizationNotFound::new);
        members.findByOrganizationIdOrderByJoinedAt(organizationId)
                .forEach(member -> memberChanged(organizationId, member.userId(), member.role(), null));
        // The log outlives the organization (no foreign key): the deletion is its last entry.
        audit.record(organizationId, "organization.deleted", AuditTarget.of("organization", organizationId),
                OrganizationFacts.of(organization), null);
        organizations.deleteById(organizationId);
    }

    @Transactional(readOnly = true)
    List<MemberView> members(UUID organizationId, UUID userId) {
        require(organizationId, userId, Role.VIEWER);
        return members.findByOrganizationIdOrderByJoinedAt(organizationId).stream().map(this::view).toList();
    }

    @Transactional
    MemberView addMember(UUID organizationId, UUID userId, OrganizationApi.AddMember request) {
        Membership actor = require(organizationId, userId, Role.ADMIN);
        requireMayGrant(actor, request.role());
        User user = users.findByEmail(request.email().trim()).orElseThrow(UserNotFound::new);
        if (members.findByOrganizationIdAndUserId(organizationId, user.getId()).isPresent()) {
            throw new AlreadyMember();
        }
        Membership added = members.save(new Membership(organizationId, user.getId(), request.role(), clock.instant()));
        memberChanged(organizationId, user.getId(), null, request.role());
        audit.record(organizationId, "member.added", AuditTarget.of("member", user.getId()), null,
                new MemberFacts(user.getId(), request.role().wire()));
        return view(added);
    }

    @Transactional
    MemberView changeRole(UUID organizationId, UUID userId, UUID memberId, Role role) {
        Membership actor = require(organizationId, userId, Role.ADMIN);
        Membership member = members.findByOrganizationIdAndUserId(organizationId, memberId)
                .orElseThrow(MemberNotFound::new);
        requireMayGrant(actor, member.role());
        requireMayGrant(actor, role);
        if (member.role() == Role.OWNER && role != Role.OWNER) {
            requireAnotherOwner(organizationId);
        }
        Role previous = member.role();
        member.changeRole(role);
        if (previous != role) {
            memberChanged(organizationId, memberId, previous, role);
            audit.record(organizationId, "member.role_changed", AuditTarget.of("member", memberId),
                    new MemberFacts(memberId, previous.wire()), new MemberFacts(memberId, role.wire()));
        }
        return view(member);
    }

    @Transactional
    void removeMember(UUID organizationId, UUID userId, UUID memberId) {
        Membership actor = require(organizationId, userId, userId.equals(memberId) ? Role.VIEWER : Role.ADMIN);
        Membership member = members.findByOrganizationIdAndUserId(organizationId, memberId)
                .orElseThrow(MemberNotFound::new);
        if (!userId.equals(memberId)) {
            requireMayGrant(actor, member.role());
        }
        if (member.role() == Role.OWNER) {
            requireAnotherOwner(organizationId);
        }
        members.delete(member);
        memberChanged(organizationId, memberId, member.role(), null);
        audit.record(organizationId, "member.removed", AuditTarget.of("member", memberId),
                new MemberFacts(memberId, member.role().wire()), null);
    }

    @Transactional
    InvitationView invite(UUID organizationId, UUID userId, OrganizationApi.Invite request) {
        Membership actor = require(organizationId, userId, Role.ADMIN);
        requireMayGrant(actor, request.role());
        String email = request.email().trim();
        users.findByEmail(email).flatMap(user -> members.findByOrganizationIdAndUserId(organizationId, user.getId()))
                .ifPresent(member -> {
                    throw new AlreadyMember();
                });
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        Invitation invitation = invitations.save(new Invitation(organizationId, email, request.role(),
                TokenHashes.sha256(token), userId, now, now.plus(INVITATION_LIFETIME)));
        audit.record(organizationId, "invitation.created", AuditTarget.of("invitation", invitation.id()), null,
                facts(invitation));
        return view(invitation, token);
    }

    @Transactional(readOnly = true)
    List<InvitationView> invitations(UUID organizationId, UUID userId) {
        require(organizationId, userId, Role.ADMIN);
        return invitations.findByOrganizationIdOrderByCreatedAtDesc(organizationId).stream()
                .map(invitation -> view(invitation, null)).toList();
    }

    @Transactional(readOnly = true)
    InvitationView invitation(String token) {
        return view(invitations.findByTokenHash(TokenHashes.sha256(token)).orElseThrow(InvitationNotFound::new), null);
    }

    @Transactional
    InvitationView accept(String token, UUID userId) {
        Invitation invitation = openInvitationFor(token, userId);
        Instant now = clock.instant();
        if (members.findByOrganizationIdAndUserId(invitation.organizationId(), userId).isPresent()) {
            throw new AlreadyMember();
        }
        InvitationFacts before = facts(invitation);
        members.save(new Membership(invitation.organizationId(), userId, invitation.role(), now));
        invitation.accept(now);
        memberChanged(invitation.organizationId(), userId, null, invitation.role());
        // One entry for the one action; the new member is its actor, so no separate member.added.
        audit.record(invitation.organizationId(), "invitation.accepted", AuditTarget.of("invitation", invitation.id()),
                before, Map.of("status", invitation.status(now), "member", new MemberFacts(userId,
                        invitation.role().wire())));
        return view(invitation, null);
    }

    @Transactional
    InvitationView decline(String token, UUID userId) {
        Invitation invitation = openInvitationFor(token, userId);
        InvitationFacts before = facts(invitation);
        invitation.decline(clock.instant());
        audit.record(invitation.organizationId(), "invitation.declined", AuditTarget.of("invitation", invitation.id()),
                before, facts(invitation));
        return view(invitation, null);
    }

    private Invitation openInvitationFor(String token, UUID userId) {
        Invitation invitation = invitations.findByTokenHash(TokenHashes.sha256(token))
                .orElseThrow(InvitationNotFound::new);
        User user = users.findById(userId).orElseThrow(InvitationNotFound::new);
        if (!user.getEmail().equalsIgnoreCase(invitation.email())) {
            throw new InvitationForSomeoneElse();
        }
        if (!invitation.open(clock.instant())) {
            throw new InvitationClosed(invitation.status(clock.instant()));
        }
        return invitation;
    }

    private InvitationFacts facts(Invitation invitation) {
        return new InvitationFacts(invitation.email(), invitation.role().wire(), invitation.status(clock.instant()),
                invitation.expiresAt());
    }

    /** Recorded with the change itself (outbox): other services keep their access rules in step. */
    private void memberChanged(UUID organizationId, UUID userId, Role previous, Role role) {
        events.publishEvent(new OrganizationMemberChanged(UUID.randomUUID(), clock.instant(), organizationId, userId,
                previous == null ? null : previous.wire(), role == null ? null : role.wire()));
    }

    /** The caller's membership if it has at least {@code role}; "not found" for non-members. */
    private Membership require(UUID organizationId, UUID userId, Role role) {
        Membership membership = members.findByOrganizationIdAndUserId(organizationId, userId)
                .orElseThrow(OrganizationNotFound::new);
        if (!membership.role().atLeast(role)) {
            throw new InsufficientRole(role);
        }
        return membership;
    }

    /** Only owners grant, take away or act on the owner role. */
    private static void requireMayGrant(Membership actor, Role role) {
        if (role == Role.OWNER && actor.role() != Role.OWNER) {
            throw new InsufficientRole(Role.OWNER);
        }
    }

    private void requireAnotherOwner(UUID organizationId) {
        if (members.countByOrganizationIdAndRole(organizationId, Role.OWNER.wire()) <= 1) {
            throw new LastOwner();
        }
    }

    private static String slugOf(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 50) {
            slug = slug.substring(0, 50).replaceAll("-+$", "");
        }
        return slug.length() >= 3 ? slug : slug + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private static OrganizationView view(Organization organization, Role role) {
        return new OrganizationView(organization.id(), organization.name(), organization.slug(), organization.plan(),
                organization.billingEmail(), role.wire(), organization.createdAt());
    }

    private MemberView view(Membership membership) {
        User user = users.findById(membership.userId()).orElseThrow(MemberNotFound::new);
        return new MemberView(user.getId(), user.getEmail(), user.getName(), membership.role().wire(),
                membership.joinedAt());
    }

    private InvitationView view(Invitation invitation, String token) {
        String organizationName = organizations.findById(invitation.organizationId()).map(Organization::name)
                .orElse(null);
        return new InvitationView(invitation.id(), invitation.organizationId(), organizationName, invitation.email(),
                invitation.role().wire(), invitation.status(clock.instant()), invitation.expiresAt(), token);
    }
}
