package dev.autodeploy.analyzer.repository;

import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** How repository operations fail, as the client sees it. */
public final class RepositoryProblems {

    private RepositoryProblems() {
    }

    /** Also the answer about another organization's repository: its existence is not revealed. */
    public static final class RepositoryNotFound extends ApiException {
        public RepositoryNotFound() {
            super(HttpStatus.NOT_FOUND, "repository-not-found", "No such repository.");
        }
    }

    static final class AlreadyRegistered extends ApiException {
        AlreadyRegistered() {
            super(HttpStatus.CONFLICT, "repository-already-registered",
                    "This repository is already registered in the organization.");
        }
    }

    static final class InvalidSort extends ApiException {
        InvalidSort(String allowed) {
            super(HttpStatus.BAD_REQUEST, "invalid-sort", "Repositories can be sorted by " + allowed + " only.");
        }
    }
}
