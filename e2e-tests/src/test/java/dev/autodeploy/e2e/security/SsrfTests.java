package dev.autodeploy.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.autodeploy.e2e.support.Accounts;
import dev.autodeploy.e2e.support.Api;
import dev.autodeploy.e2e.support.Suite;

/**
 * User-supplied URLs that would make the platform call into its own network are refused with 422 and nothing is
 * stored. Repository URLs are checked in every profile (the suite's {@code local} profile only adds {@code file://});
 * CI/CD base URLs and alert webhooks may name internal hosts in profile {@code local}
 * ({@code allow-internal-addresses}, {@code allow-private-addresses}), so for them only what every profile refuses is
 * tried here: other schemes and credentials in the URL. Redirects to internal addresses are refused by git-support
 * ({@code GitUrlPolicyTests}, WireMock): here every redirector would have to live on a public address.
 */
@Tag("security")
@ExtendWith(Suite.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SsrfTests {

    /** Each names, or resolves to, a loopback, private, link-local, CGNAT, multicast or unspecified address. */
    static final List<String> INTERNAL_HOSTS = List.of("127.0.0.1", "localhost", "LOCALHOST", "[::1]",
            "[0:0:0:0:0:0:0:1]", "0.0.0.0", "0", "169.254.169.254", "[fe80::1]", "10.0.0.5", "172.16.0.1",
            "172.31.255.254", "192.168.1.1", "100.64.0.1", "[fd00::1]", "224.0.0.1", "[::ffff:127.0.0.1]",
            "[::ffff:7f00:1]", "[64:ff9b::7f00:1]", "2130706433", "2852039166", "0177.0.0.1", "0x7f.0.0.1", "127.1",
            "127.0.0.1.", "127.0.0.1:8081", "localhost:8761", "github.com@127.0.0.1", "github.com:x@169.254.169.254");

    private Api owner;
    private Accounts.Organization org;
    private final List<String> hostsFile = hostsFileNames();

    @BeforeAll
    void organization(Suite suite) {
        org = new Accounts(new SecurityTarget(suite).direct("auth-service")).organization("ssrf");
        owner = suite.api().as(org.owner());
        Accounts.awaitKnownEverywhere(suite.api(), org);
    }

    @TestFactory
    Stream<DynamicTest> repositoryUrlsNamingInternalHostsAreRefused() {
        Stream<String> hosts = Stream.concat(INTERNAL_HOSTS.stream(), hostsFile.stream());
        Stream<String> urls = Stream.concat(hosts.map(host -> "https://" + host + "/octocat/hello-world"), Stream.of(
                "http://github.com/octocat/Hello-World", "git://127.0.0.1/x/y", "ssh://git@127.0.0.1/x/y",
                "git@127.0.0.1:x/y.git", "ext::sh -c touch% /tmp/ssrf-ext", "https://127.0.0.1#@github.com/x/y",
                "https://github.com/x/y?u=http://127.0.0.1/", "gopher://127.0.0.1:6379/_INFO", "ftp://127.0.0.1/x"));
        return urls.map(url -> DynamicTest.dynamicTest(url, () -> {
            Api.Response response = owner.post("/api/v1/repositories", Map.of("organizationId", org.id(), "url", url));
            assertThat(response.status()).as("%s → %s", url, response).isEqualTo(422);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.text()).doesNotContain("Secure connection", "Cannot list the remote")
                    .as("refused before any connection");
        }));
    }

    @TestFactory
    Stream<DynamicTest> ciProviderAndAlertWebhookUrlsOfOtherSchemesOrWithCredentialsAreRefused() {
        List<String> urls = List.of("file:///etc/passwd", "gopher://127.0.0.1:6379/_INFO", "ftp://example.test/x",
                "jar:https://example.test/x.jar!/", "https://user:pass@example.test/", "//example.test/x", "example.test");
        return urls.stream().flatMap(url -> Stream.of(
                DynamicTest.dynamicTest("cicd-provider baseUrl " + url, () -> {
                    Api.Response response = owner.post("/api/v1/cicd-providers", Map.of("organizationId", org.id(),
                            "type", "jenkins", "name", "ssrf-" + UUID.randomUUID(), "baseUrl", url, "username", "u", "secret", "s"));
                    assertThat(response.status()).as("%s → %s", url, response).isIn(400, 422);
                }),
                DynamicTest.dynamicTest("alert-rule webhook " + url, () -> {
                    Api.Response response = owner.post("/api/v1/alert-rules", Map.of("organizationId", org.id(),
                            "projectId", UUID.randomUUID().toString(), "type", "deployment-failed", "webhook", Map.of("url", url)));
                    assertThat(response.status()).as("%s → %s", url, response).isIn(400, 422);
                })));
    }

    @AfterAll
    void nothingWasStored() {
        assertThat(owner.get("/api/v1/repositories?organizationId=" + org.id()).expect(200).path("page").path("totalElements").asInt(-1)).isZero();
        assertThat(owner.get("/api/v1/cicd-providers?organizationId=" + org.id()).expect(200).path("page").path("totalElements").asInt(-1)).isZero();
        assertThat(owner.get("/api/v1/alert-rules?organizationId=" + org.id()).expect(200).size()).isZero();
    }

    /** The names this machine's /etc/hosts maps to loopback (e.g. the host's own name). */
    private static List<String> hostsFileNames() {
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/etc/hosts")).stream()
                    .map(line -> line.replaceAll("#.*", "").trim().split("\\s+"))
                    .filter(fields -> fields.length > 1 && (fields[0].startsWith("127.") || fields[0].equals("::1")))
                    .flatMap(fields -> Stream.of(fields).skip(1)).distinct().toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
