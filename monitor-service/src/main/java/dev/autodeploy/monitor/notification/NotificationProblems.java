package dev.autodeploy.monitor.notification;

import java.util.List;
import java.util.Map;

import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** How notification-channel operations fail, as the client sees it. No message holds a URL or secret. */
final class NotificationProblems {

    private NotificationProblems() {
    }

    /** Also the answer about another organization's channel. */
    static final class ChannelNotFound extends ApiException {
        ChannelNotFound() {
            super(HttpStatus.NOT_FOUND, "notification-channel-not-found", "No such notification channel.");
        }
    }

    /** The monitor has seen the project's deployments under another organization. */
    static final class ProjectNotFound extends ApiException {
        ProjectNotFound() {
            super(HttpStatus.NOT_FOUND, "project-not-found", "No such project.");
        }
    }

    /** A channel whose settings do not fit its type; nothing was changed. */
    static final class InvalidChannel extends ApiException {

        private final List<Map<String, Object>> problems;

        InvalidChannel(List<Map<String, Object>> problems) {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-notification-channel",
                    "The notification channel has " + problems.size() + " problem(s); nothing was changed.");
            this.problems = List.copyOf(problems);
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("problems", problems);
        }
    }

    /** The channel URL points where the monitor must not call (SSRF guard). */
    static final class UrlRefused extends ApiException {
        UrlRefused(String reason) {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "notification-url-refused",
                    "The channel URL is refused: " + reason + ".");
        }
    }

    /** Only a generic webhook channel has a signing secret. */
    static final class NoSigningSecret extends ApiException {
        NoSigningSecret() {
            super(HttpStatus.CONFLICT, "notification-channel-not-signed",
                    "Only webhook channels have a signing secret.");
        }
    }
}
