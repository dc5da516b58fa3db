package dev.autodeploy.monitor.alert;

import java.util.List;
import java.util.Map;

import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** How alert-rule and alert operations fail, as the client sees it. No message holds a webhook secret. */
final class AlertProblems {

    private AlertProblems() {
    }

    /** Also the answer about another organization's rule. */
    static final class AlertRuleNotFound extends ApiException {
        AlertRuleNotFound() {
            super(HttpStatus.NOT_FOUND, "alert-rule-not-found", "No such alert rule.");
        }
    }

    /** Also the answer about another organization's alert. */
    static final class AlertNotFound extends ApiException {
        AlertNotFound() {
            super(HttpStatus.NOT_FOUND, "alert-not-found", "No such alert.");
        }
    }

    /** The monitor has seen the project's deployments under another organization. */
    static final class ProjectNotFound extends ApiException {
        ProjectNotFound() {
            super(HttpStatus.NOT_FOUND, "project-not-found", "No such project.");
        }
    }

    /** A rule whose settings do not fit its type; nothing was changed. */
    static final class InvalidAlertRule extends ApiException {

        private final List<Map<String, Object>> problems;

        InvalidAlertRule(List<Map<String, Object>> problems) {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-alert-rule",
                    "The alert rule has " + problems.size() + " problem(s); nothing was changed.");
            this.problems = List.copyOf(problems);
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("problems", problems);
        }
    }

    /** The webhook URL points where the monitor must not call (SSRF guard). */
    static final class WebhookUrlRefused extends ApiException {
        WebhookUrlRefused(String reason) {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "webhook-url-refused", "The webhook URL is refused: " + reason + ".");
        }
    }

    /** Acknowledging or resolving an alert in a state that does not allow it. */
    static final class IllegalAlertTransition extends ApiException {
        IllegalAlertTransition(String status, String action) {
            super(HttpStatus.CONFLICT, "illegal-alert-transition", "An alert that is " + status + " cannot be "
                    + action + ".");
        }
    }
}
