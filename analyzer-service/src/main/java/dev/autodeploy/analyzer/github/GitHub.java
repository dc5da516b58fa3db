package dev.autodeploy.analyzer.github;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * GitHub as the analyzer uses it, acting for a user with that user's token: the repositories they
 * can see ({@code GET /user/repos}) and one repository ({@code GET /repos/{owner}/{repo}}). Calls go
 * through the {@code github} circuit breaker; a 4xx is the caller's problem and does not open it.
 */
@Component
public class GitHub {

    /** GitHub's limit on {@code per_page}. */
    public static final int MAX_PAGE_SIZE = 100;
    private static final Logger log = LoggerFactory.getLogger(GitHub.class);
    private static final Pattern LAST_PAGE = Pattern.compile("[?&]page=(\\d+)[^>]*>;\\s*rel=\"last\"");
    private static final Pattern FULL_NAME = Pattern.compile("[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}");

    private final GitHubApi api;
    private final GitHubTokens tokens;
    private final CircuitBreaker circuitBreaker;

    GitHub(GitHubApi api, GitHubTokens tokens, CircuitBreakerRegistry circuitBreakers) {
        this.api = api;
        this.tokens = tokens;
        this.circuitBreaker = circuitBreakers.circuitBreaker(GitHubConfiguration.GITHUB);
    }

    /** A repository as GitHub describes it. */
    public record Repository(long id, String fullName, String cloneUrl, String htmlUrl, String defaultBranch,
            boolean isPrivate, String language, String description, Instant updatedAt) {
    }

    /**
     * One page of a user's repositories.
     *
     * @param page 0-based
     * @param hasNext whether GitHub has another page
     * @param totalPages from GitHub's {@code Link: rel="last"}, or null when GitHub did not say
     */
    public record RepositoryPage(List<Repository> repositories, int page, int size, boolean hasNext,
            Integer totalPages) {
    }

    public static boolean isFullName(String fullName) {
        return fullName != null && FULL_NAME.matcher(fullName).matches();
    }

    /** The user's repositories (owned, collaborating, through organizations), most recently updated first. */
    public RepositoryPage repositoriesOf(UUID userId, int page, int size) {
        String authorization = authorization(userId);
        ResponseEntity<List<GitHubApi.RepositoryJson>> response = call(() -> api.repositories(authorization,
                "owner,collaborator,organization_member", "updated", size, page + 1));
        List<Repository> repositories = response.getBody() == null ? List.of()
                : response.getBody().stream().map(GitHub::repository).toList();
        String link = response.getHeaders().getFirst("Link");
        boolean hasNext = link != null && link.contains("rel=\"next\"");
        Integer totalPages = null;
        if (link != null) {
            Matcher last = LAST_PAGE.matcher(link);
            if (last.find()) {
                totalPages = Integer.valueOf(last.group(1));
            }
        }
        if (totalPages == null && !hasNext) {
            totalPages = page + 1;
        }
        return new RepositoryPage(repositories, page, size, hasNext, totalPages);
    }

    /** One repository by {@code owner/name}, as the user sees it. */
    public Repository repository(UUID userId, String fullName) {
        if (!isFullName(fullName)) {
            throw new GitHubProblems.RepositoryNotFound();
        }
        String authorization = authorization(userId);
        String[] parts = fullName.split("/", 2);
        return repository(call(() -> api.repository(authorization, parts[0], parts[1])));
    }

    /** The user's token, to clone a private repository with; never stored. 409 without a GitHub connection. */
    public String cloneToken(UUID userId) {
        return tokens.tokenOf(userId).orElseThrow(() -> new GitHubProblems.NotConnected(
                "Connect your GitHub account first (Settings → Connections)."));
    }

    private String authorization(UUID userId) {
        return "Bearer " + cloneToken(userId);
    }

    private <T> T call(Supplier<T> request) {
        try {
            T result = circuitBreaker.executeSupplier(request);
            if (result == null) {
                throw new GitHubProblems.Unavailable("GitHub answered without a body.");
            }
            return result;
        }
        catch (CallNotPermittedException ex) {
            throw new GitHubProblems.Unavailable("GitHub is failing; try again shortly.");
        }
        catch (HttpClientErrorException ex) {
            int status = ex.getStatusCode().value();
            log.warn("GitHub refused a request: HTTP {}", status);
            if (ex.getStatusCode().isSameCodeAs(HttpStatus.UNAUTHORIZED)) {
                throw new GitHubProblems.NotConnected("GitHub no longer accepts your connection: reconnect GitHub.");
            }
            if (ex.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                throw new GitHubProblems.RepositoryNotFound();
            }
            throw new GitHubProblems.Unavailable("GitHub refused the request (HTTP " + status + "); try again later.");
        }
        catch (RestClientException ex) {
            log.warn("GitHub call failed: {}", ex.getClass().getSimpleName());
            throw new GitHubProblems.Unavailable("GitHub cannot be reached; try again shortly.");
        }
    }

    private static Repository repository(GitHubApi.RepositoryJson json) {
        return new Repository(json.id(), json.fullName(), json.cloneUrl(), json.htmlUrl(), json.defaultBranch(),
                json.isPrivate(), json.language(), json.description(), json.updatedAt());
    }
}
