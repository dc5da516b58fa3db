package dev.autodeploy.git;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.autodeploy.support.web.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SSRF guard on its own: which URLs and which resolved addresses are refused. */
class GitUrlPolicyTests {

    private static GitProperties properties(List<String> allowedHosts, boolean allowFileUrls) {
        return new GitProperties(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
                DataSize.ofMegabytes(1), allowedHosts, allowFileUrls, Path.of("/tmp"));
    }

    /** A policy whose DNS answers {@code addresses} for every name (literal IPs are parsed, not looked up). */
    private static GitUrlPolicy resolvingTo(List<String> allowedHosts, String... addresses) {
        return new GitUrlPolicy(properties(allowedHosts, false), host -> {
            InetAddress[] resolved = new InetAddress[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                resolved[i] = InetAddress.getByName(addresses[i]);
            }
            return resolved;
        });
    }

    @Test
    void internalAddressesAreRefusedWhateverTheirNotation() {
        for (String address : List.of("127.0.0.1", "127.1.2.3", "10.0.0.5", "172.16.0.1", "172.31.255.255",
                "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.255", "0.0.0.0", "255.255.255.255",
                "224.0.0.1", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1",
                "64:ff9b::a9fe:a9fe", "2002:a00:1::", "ff02::1")) {
            assertThatThrownBy(() -> resolvingTo(List.of(), address).check("https://git.example.com/a/b.git"))
                    .as(address).isInstanceOf(GitProblems.UnsafeHost.class);
        }
    }

    @Test
    void publicAddressesPassAndOneInternalAddressAmongThemIsEnoughToRefuse() {
        assertThat(resolvingTo(List.of(), "140.82.112.3", "2606:50c0:8000::153").check("https://GitHub.com/Acme/App.git"))
                .isEqualTo(new GitUrl("https://github.com/Acme/App.git", "github.com"));
        assertThat(resolvingTo(List.of(), "100.63.255.255", "172.32.0.1", "8.8.8.8").check("https://x.dev/a.git").host())
                .isEqualTo("x.dev");
        assertThatThrownBy(() -> resolvingTo(List.of(), "140.82.112.3", "10.1.2.3").check("https://x.dev/a.git"))
                .isInstanceOf(GitProblems.UnsafeHost.class);
    }

    @Test
    void allowedHostsMayBeInternal() {
        assertThat(resolvingTo(List.of("git.corp.internal"), "10.0.0.7").check("https://git.corp.internal/team/app.git")
                .host()).isEqualTo("git.corp.internal");
    }

    @Test
    void numericHostsWithZeroLedPartsAreRefusedBecauseParsersDisagreeOnThem() {
        // The JVM reads 0177.0.0.1 as 177.0.0.1 (public), git and curl as 127.0.0.1.
        GitUrlPolicy policy = resolvingTo(List.of(), "140.82.112.3");
        for (String host : List.of("0177.0.0.1", "0177.1", "010.0.0.1", "127.0.0.01", "00.0.0.0")) {
            assertThatThrownBy(() -> policy.check("https://" + host + "/a/b.git")).as(host)
                    .isInstanceOf(GitProblems.UnsupportedUrl.class);
        }
        assertThat(policy.check("https://140.82.112.3/a/b.git").host()).isEqualTo("140.82.112.3");
        assertThat(policy.check("https://0day.example.com/a/b.git").host()).isEqualTo("0day.example.com");
        assertThat(policy.check("https://10.0.0.0.example.com/a/b.git").host()).isEqualTo("10.0.0.0.example.com");
    }

    @Test
    void unresolvableHostsAreRefused() {
        GitUrlPolicy policy = new GitUrlPolicy(properties(List.of(), false), host -> {
            throw new java.net.UnknownHostException(host);
        });
        assertThatThrownBy(() -> policy.check("https://no-such-host.invalid/a.git"))
                .isInstanceOf(GitProblems.UnresolvableHost.class);
    }

    @Test
    void onlyHttpsWithoutCredentialsAndFileWhenAllowed() {
        GitUrlPolicy policy = resolvingTo(List.of(), "140.82.112.3");
        for (String url : List.of("http://github.com/a/b.git", "git://github.com/a/b.git", "ssh://git@github.com/a/b",
                "git@github.com:a/b.git", "file:///srv/git/a.git", "https://github.com/a/b.git?x=1", "", "  ",
                "https:///nohost")) {
            assertThatThrownBy(() -> policy.check(url)).as(url).isInstanceOf(GitProblems.UnsupportedUrl.class);
        }
        for (String url : List.of("https://user:pass@github.com/a/b.git", "https://token@github.com/a/b.git")) {
            assertThatThrownBy(() -> policy.check(url)).as(url).isInstanceOf(GitProblems.CredentialsInUrl.class)
                    .satisfies(ex -> assertThat(((ApiException) ex).getMessage()).doesNotContain("pass", "token@"));
        }
        GitUrlPolicy files = new GitUrlPolicy(properties(List.of(), true));
        assertThat(files.check("file:///srv/git/a.git")).isEqualTo(new GitUrl("file:///srv/git/a.git", null));
        assertThatThrownBy(() -> files.check("file://server/share/a.git")).isInstanceOf(GitProblems.UnsupportedUrl.class);
    }

    @Test
    void fullNameIsOwnerAndRepositoryWithoutDotGit() {
        assertThat(new GitUrl("https://github.com/acme/app.git", "github.com").fullName()).isEqualTo("acme/app");
        assertThat(new GitUrl("https://gitlab.com/group/sub/app", "gitlab.com").fullName()).isEqualTo("sub/app");
        assertThat(new GitUrl("file:///srv/git/app.git", null).fullName()).isEqualTo("app");
    }
}
