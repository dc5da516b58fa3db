package dev.autodeploy.analyzer.github;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * The slice of GitHub's REST API the analyzer uses (HTTP service group {@code github}), as
 * {@code shared/contracts/github-rest.slice.json} describes it. Accept and API version headers are
 * added to every request by {@link GitHubConfiguration}.
 */
@HttpExchange
interface GitHubApi {

    /** {@code GET /user/repos}: the repositories the token's user may access; paging in the {@code Link} header. */
    @GetExchange("/user/repos")
    ResponseEntity<List<RepositoryJson>> repositories(@RequestHeader("Authorization") String authorization,
            @RequestParam("affiliation") String affiliation, @RequestParam("sort") String sort,
            @RequestParam("per_page") int perPage, @RequestParam("page") int page);

    /** {@code GET /repos/{owner}/{repo}}. */
    @GetExchange("/repos/{owner}/{repo}")
    RepositoryJson repository(@RequestHeader("Authorization") String authorization, @PathVariable String owner,
            @PathVariable String repo);

    /** The fields of GitHub's {@code repository} / {@code full-repository} schemas that are read. */
    record RepositoryJson(long id, String name, @JsonProperty("full_name") String fullName,
            @JsonProperty("private") boolean isPrivate, @JsonProperty("html_url") String htmlUrl,
            @JsonProperty("clone_url") String cloneUrl, @JsonProperty("default_branch") String defaultBranch,
            String language, String description, @JsonProperty("updated_at") Instant updatedAt) {
    }
}
