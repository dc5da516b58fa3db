package dev.autodeploy.analyzer.analysis;

import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** How analysis operations fail, as the client sees it. */
final class AnalysisProblems {

    private AnalysisProblems() {
    }

    static final class NoCompletedAnalysis extends ApiException {
        NoCompletedAnalysis() {
            super(HttpStatus.NOT_FOUND, "analysis-not-found", "This repository has no completed analysis yet.");
        }
    }

    static final class AnalysisNotFound extends ApiException {
        AnalysisNotFound() {
            super(HttpStatus.NOT_FOUND, "analysis-not-found", "No such analysis.");
        }
    }
}
