package dev.autodeploy.monitor.webhook;

import java.net.URI;

/** How a user-given webhook URL is shown back once stored. */
public final class WebhookUrls {

    private WebhookUrls() {
    }

    /**
     * Scheme, host and first path segment, but not the rest: the path or query of an incoming-webhook URL (Slack's
     * {@code /services/T…/B…/…}, Discord's {@code /api/webhooks/<id>/<token>}) is itself a credential.
     */
    public static String masked(String url) {
        URI uri = URI.create(url);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        int second = path.indexOf('/', 1);
        String shown = second >= 0 && second < path.length() - 1 ? path.substring(0, second + 1) + "…" : path;
        return uri.getScheme() + "://" + uri.getRawAuthority().replaceFirst("^.*@", "") + shown
                + (uri.getRawQuery() == null ? "" : "?…");
    }
}
