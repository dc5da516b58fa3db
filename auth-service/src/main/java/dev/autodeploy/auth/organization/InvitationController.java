package dev.autodeploy.auth.organization;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/invitations/{token}}: anyone holding the token may look at the invitation; the
 * invited person, logged in with the invited email, accepts or declines it.
 */
@RestController
@RequestMapping("/api/v1/invitations/{token}")
class InvitationController {

    private final Organizations organizations;

    InvitationController(Organizations organizations) {
        this.organizations = organizations;
    }

    @GetMapping
    OrganizationApi.InvitationView show(@PathVariable String token) {
        return organizations.invitation(token);
    }

    @PostMapping("/accept")
    OrganizationApi.InvitationView accept(@AuthenticationPrincipal Jwt caller, @PathVariable String token) {
        return organizations.accept(token, OrganizationController.userId(caller));
    }

    @PostMapping("/decline")
    OrganizationApi.InvitationView decline(@AuthenticationPrincipal Jwt caller, @PathVariable String token) {
        return organizations.decline(token, OrganizationController.userId(caller));
    }
}
