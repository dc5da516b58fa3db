package dev.autodeploy.testsupport;

import com.github.tomakehurst.wiremock.common.Notifier;

/**
 * WireMock prints unmatched requests, bodies included (client secrets among them), which would fail
 * the tests that check no secret reaches the output. The stubs are verified explicitly instead.
 */
public final class QuietNotifier implements Notifier {

    @Override
    public void info(String message) {
    }

    @Override
    public void error(String message) {
    }

    @Override
    public void error(String message, Throwable t) {
    }
}
