package dev.autodeploy.deployer.target.gitlab;

/**
 * Response bodies shaped as GitLab's REST API v4 documentation shows them (docs.gitlab.com/api/pipelines,
 * /api/jobs, /api/users, /api/projects): the documented field names and status values, trimmed to a realistic
 * subset, for WireMock stubs.
 */
final class GitLabApiExamples {

    static final String SHA = "384c444e840a515b23f21915ee5766b87068a70d";

    private GitLabApiExamples() {
    }

    /** A pipeline as {@code POST /projects/:id/pipeline} and {@code GET .../pipelines/:pipeline_id} return it. */
    static String pipeline(long id, String status) {
        return """
                {"id": %d, "iid": 21, "project_id": 42, "name": null, "sha": "%s", "ref": "main",
                 "status": "%s", "source": "api", "before_sha": "0000000000000000000000000000000000000000",
                 "tag": false, "yaml_errors": null,
                 "user": {"id": 7, "name": "Deploy Bot", "username": "deploy-bot", "state": "active"},
                 "created_at": "2026-12-01T09:36:13.747Z", "updated_at": "2026-12-01T09:36:13.747Z",
                 "started_at": null, "finished_at": null, "committed_at": null, "duration": null,
                 "queued_duration": 0.01, "coverage": null,
                 "web_url": "https://gitlab.example.com/group/sub/app/-/pipelines/%d"}
                """.formatted(id, SHA, status, id);
    }

    /** One job of {@code GET .../pipelines/:pipeline_id/jobs}. */
    static String job(long id, String name, String stage, String status, boolean allowFailure) {
        return """
                {"id": %d, "name": "%s", "stage": "%s", "status": "%s", "allow_failure": %s,
                 "ref": "main", "tag": false, "coverage": null, "created_at": "2026-12-01T09:36:14.000Z",
                 "started_at": null, "finished_at": null, "duration": null, "queued_duration": null,
                 "failure_reason": %s,
                 "pipeline": {"id": 61, "project_id": 42, "ref": "main", "sha": "%s", "status": "running"},
                 "web_url": "https://gitlab.example.com/group/sub/app/-/jobs/%d",
                 "user": {"id": 7, "username": "deploy-bot"}}
                """.formatted(id, name, stage, status, allowFailure,
                status.equals("failed") ? "\"script_failure\"" : "null", SHA, id);
    }

    static String jobs(String... jobs) {
        return "[" + String.join(",", jobs) + "]";
    }

    /** {@code GET /user}. */
    static String user() {
        return """
                {"id": 7, "username": "deploy-bot", "name": "Deploy Bot", "state": "active", "locked": false,
                 "web_url": "https://gitlab.example.com/deploy-bot", "created_at": "2026-01-01T00:00:00.000Z"}
                """;
    }

    /** {@code GET /projects/:id}. */
    static String project() {
        return """
                {"id": 42, "name": "app", "path": "app", "path_with_namespace": "group/sub/app",
                 "default_branch": "main", "visibility": "private",
                 "web_url": "https://gitlab.example.com/group/sub/app",
                 "http_url_to_repo": "https://gitlab.example.com/group/sub/app.git"}
                """;
    }
}
