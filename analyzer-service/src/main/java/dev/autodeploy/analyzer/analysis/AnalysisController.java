package dev.autodeploy.analyzer.analysis;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/repositories/{id}/analyze|analysis|analyses}: ask for an analysis (202 queued, or 200
 * with the completed analysis of the same commit), read the latest completed one in seed 001's shape,
 * the history, or one analysis in any state. Developers analyze, viewers read.
 */
@RestController
@RequestMapping("/api/v1/repositories/{repositoryId}")
class AnalysisController {

    private final AnalysisRequests requests;

    AnalysisController(AnalysisRequests requests) {
        this.requests = requests;
    }

    @PostMapping("/analyze")
    ResponseEntity<AnalysisApi.AnalysisView> analyze(@AuthenticationPrincipal Jwt caller, @PathVariable UUID repositoryId,
            @Valid @RequestBody(required = false) AnalysisApi.AnalyzeRequest request) {
        AnalysisRequests.Outcome outcome = requests.request(repositoryId, userId(caller),
                request == null ? new AnalysisApi.AnalyzeRequest(null, null, false) : request);
        AnalysisApi.AnalysisView analysis = outcome.analysis();
        boolean done = !outcome.created() && !"queued".equals(analysis.status()) && !"running".equals(analysis.status());
        return ResponseEntity.status(done ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/repositories/" + repositoryId + "/analyses/" + analysis.id()))
                .body(analysis);
    }

    @GetMapping("/analysis")
    AnalysisApi.AnalysisView latest(@AuthenticationPrincipal Jwt caller, @PathVariable UUID repositoryId) {
        return requests.latest(repositoryId, userId(caller));
    }

    @GetMapping("/analyses")
    PagedModel<AnalysisApi.AnalysisView> history(@AuthenticationPrincipal Jwt caller, @PathVariable UUID repositoryId,
            @PageableDefault(size = 20) Pageable pageable) {
        return new PagedModel<>(requests.history(repositoryId, userId(caller), Pageable.ofSize(pageable.getPageSize())
                .withPage(pageable.getPageNumber())));
    }

    @GetMapping("/analyses/{analysisId}")
    AnalysisApi.AnalysisView one(@AuthenticationPrincipal Jwt caller, @PathVariable UUID repositoryId,
            @PathVariable UUID analysisId) {
        return requests.one(repositoryId, analysisId, userId(caller));
    }

    private static UUID userId(Jwt caller) {
        return UUID.fromString(caller.getSubject());
    }
}
