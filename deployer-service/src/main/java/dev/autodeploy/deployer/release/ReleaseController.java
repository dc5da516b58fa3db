package dev.autodeploy.deployer.release;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Releases and rollback safety: a ready deployment's release, the preview of a rollback to it, and the commits an
 * environment was rolled back from (blocked for pushes and auto-deploys until unblocked).
 */
@RestController
@Tag(name = "releases", description = "Release snapshots, rollback previews and blocked commits")
class ReleaseController {

    private final ReleaseViews views;
    private final CommitBlocks blocks;

    ReleaseController(ReleaseViews views, CommitBlocks blocks) {
        this.views = views;
        this.blocks = blocks;
    }

    @Operation(summary = "The release a deployment that reached ready left (viewer)",
            description = "Artifact digest, variables version and variables (key, secret, fingerprint; never values), "
                    + "build configuration, migration level. 404 release-not-found when it never reached ready.")
    @GetMapping("/api/v1/deployments/{id}/release")
    ReleaseApi.ReleaseView release(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return views.release(id, userId(caller));
    }

    @Operation(summary = "What a rollback to the deployment would change (developer)",
            description = "Commits, variable keys added/removed/changed relative to what the environment runs now "
                    + "(values never shown), migration level going backwards as a risk, whether the commit is "
                    + "blocked. keepCurrentVariables=true compares with today's variables instead of the release's. "
                    + "409 no-release-to-roll-back-to when it never reached ready.")
    @GetMapping("/api/v1/deployments/{id}/rollback/preview")
    ReleaseApi.RollbackPreview preview(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
            @RequestParam(defaultValue = "false") boolean keepCurrentVariables) {
        return views.preview(id, keepCurrentVariables, userId(caller));
    }

    @Operation(summary = "The environment's blocked commits, newest first, unblocked ones included (viewer)")
    @GetMapping("/api/v1/projects/{projectId}/environments/{environment}/blocked-commits")
    List<ReleaseApi.BlockedCommitView> blockedCommits(@AuthenticationPrincipal Jwt caller,
            @PathVariable UUID projectId, @PathVariable String environment) {
        return blocks.list(projectId, environment, userId(caller));
    }

    @Operation(summary = "Unblocks a commit in the environment (developer)",
            description = "The commit deploys from pushes and auto-deploys again. 404 blocked-commit-not-found.")
    @DeleteMapping("/api/v1/projects/{projectId}/environments/{environment}/blocked-commits/{commitSha}")
    ResponseEntity<Void> unblock(@AuthenticationPrincipal Jwt caller, @PathVariable UUID projectId,
            @PathVariable String environment, @PathVariable String commitSha) {
        blocks.unblock(projectId, environment, commitSha, userId(caller));
        return ResponseEntity.noContent().build();
    }

    private static UUID userId(Jwt caller) {
        return UUID.fromString(caller.getSubject());
    }
}
