package dev.autodeploy.vault;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.autodeploy.testsupport.Contracts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The Vault backend against a WireMock Vault whose stubs follow Vault's published API
 * ({@code shared/contracts/vault.slice.json}): every request the client sends, and every success
 * response the stubs give, is checked against that contract after each test, so a client that
 * drifts from the real API fails here.
 */
class VaultTransitTokenVaultTests {

    private static final String TOKEN = "hvs.test-only-token-3b9f";
    private static final String KEY = "autodeploy-tokens";
    private static final String PLAINTEXT = "gho_16C7e42F292c6912E7710c838347Ae178B4a";
    private static final String USER = "user-3f1c";

    @RegisterExtension
    static final WireMockExtension vaultServer = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private static final OpenApiInteractionValidator contract = OpenApiInteractionValidator
            .createForSpecificationUrl(Contracts.file("vault.slice.json").toUri().toString())
            // the slice lists paths without Vault's /v1 API prefix
            .withBasePathOverride("/v1")
            // The slice (generated from Vault) declares transit's 200 responses without a body, while
            // Vault answers {"data": {...}} (api-docs/secret/transit); their status is still checked.
            .withLevelResolver(LevelResolver.create()
                    .withLevel("validation.response.body.unexpected", ValidationReport.Level.IGNORE)
                    .build())
            .build();

    private final VaultTransitTokenVault vault = VaultTransitTokenVault.connect(properties(vaultServer.baseUrl()));

    @AfterEach
    void everyInteractionFollowsTheVaultContract() {
        List<ServeEvent> served = vaultServer.getAllServeEvents();
        for (ServeEvent event : served) {
            // The slice documents only Vault's success responses; errors use Vault's generic
            // {"errors": [...]} envelope, which it does not describe, so only their requests are checked.
            ValidationReport report = Contracts.validate(contract, event);
            assertThat(report.hasErrors())
                    .as("%s against the Vault contract: %s", event.getRequest().getUrl(), report.getMessages())
                    .isFalse();
        }
    }

    @Test
    void encryptSendsBase64PlaintextAndDerivationContextWithTheTokenAndKeepsVaultsCiphertext() {
        vaultServer.stubFor(transit("encrypt")
                .withRequestBody(equalToJson(json("""
                        {"plaintext": "%s", "context": "%s"}""", base64(PLAINTEXT), base64(USER))))
                .willReturn(okJson(vaultData("""
                        {"ciphertext": "vault:v1:8SDd3WHDOjf7mq69CyCqYjBXAiQQAVZRkFM13ok481zoCmHnSeDX9vyf7w==", "key_version": 1}"""))));

        assertThat(vault.encrypt(PLAINTEXT, USER))
                .isEqualTo("vault:v1:8SDd3WHDOjf7mq69CyCqYjBXAiQQAVZRkFM13ok481zoCmHnSeDX9vyf7w==");
        vaultServer.verify(1, postRequestedFor(urlPathEqualTo("/v1/transit/encrypt/" + KEY)));
    }

    @Test
    void decryptReturnsWhatVaultDecryptedForTheSameContext() {
        vaultServer.stubFor(transit("decrypt")
                .withRequestBody(equalToJson(json("""
                        {"ciphertext": "vault:v1:abcdef==", "context": "%s"}""", base64(USER))))
                .willReturn(okJson(vaultData(json("""
                        {"plaintext": "%s"}""", base64(PLAINTEXT))))));

        assertThat(vault.decrypt("vault:v1:abcdef==", USER)).isEqualTo(PLAINTEXT);
    }

    @Test
    void decryptUnderAnotherContextFailsAsVaultRefusesIt() {
        vaultServer.stubFor(transit("decrypt")
                .willReturn(vaultErrors(400, "cipher: message authentication failed")));

        assertThatThrownBy(() -> vault.decrypt("vault:v1:abcdef==", "user-other"))
                .isInstanceOf(TokenVaultException.class)
                .hasMessageContaining("decrypt")
                .hasMessageContaining("HTTP 400");
        vaultServer.verify(postRequestedFor(urlPathEqualTo("/v1/transit/decrypt/" + KEY))
                .withRequestBody(equalToJson(json("""
                        {"ciphertext": "vault:v1:abcdef==", "context": "%s"}""", base64("user-other")))));
    }

    @Test
    void rotateReturnsTheCiphertextRewrappedUnderTheNewestKeyVersion() {
        vaultServer.stubFor(transit("rewrap")
                .withRequestBody(equalToJson(json("""
                        {"ciphertext": "vault:v1:abcdef==", "context": "%s"}""", base64(USER))))
                .willReturn(okJson(vaultData("""
                        {"ciphertext": "vault:v2:Zm9vYmFy", "key_version": 2}"""))));

        assertThat(vault.rotate("vault:v1:abcdef==", USER)).isEqualTo("vault:v2:Zm9vYmFy");
    }

    @Test
    void rotateReturnsTheInputWhenItIsAlreadyUnderTheNewestKeyVersion() {
        vaultServer.stubFor(transit("rewrap")
                .willReturn(okJson(vaultData("""
                        {"ciphertext": "vault:v2:bmV3bm9uY2U=", "key_version": 2}"""))));

        assertThat(vault.rotate("vault:v2:abcdef==", USER)).isEqualTo("vault:v2:abcdef==");
    }

    @Test
    void forbiddenFromVaultBecomesATokenVaultExceptionWithoutTheTokenOrThePlaintext() {
        vaultServer.stubFor(transit("encrypt").willReturn(vaultErrors(403, "permission denied")));

        TokenVaultException failure = catchThrowableOfType(TokenVaultException.class, () -> vault.encrypt(PLAINTEXT, USER));

        assertThat(failure).hasMessageContaining("encrypt").hasMessageContaining(KEY).hasMessageContaining("HTTP 403");
        assertThat(LocalTokenVaultTests.report(failure))
                .doesNotContain(TOKEN).doesNotContain(PLAINTEXT).doesNotContain(base64(PLAINTEXT));
    }

    @Test
    void serverErrorFromVaultBecomesATokenVaultExceptionWithoutTheTokenOrThePlaintext() {
        vaultServer.stubFor(transit("decrypt").willReturn(vaultErrors(500, "internal error")));

        TokenVaultException failure = catchThrowableOfType(TokenVaultException.class,
                () -> vault.decrypt("vault:v1:abcdef==", USER));

        assertThat(failure).hasMessageContaining("decrypt").hasMessageContaining("HTTP 500");
        assertThat(LocalTokenVaultTests.report(failure)).doesNotContain(TOKEN);
    }

    @Test
    void vaultThatDoesNotAnswerBecomesATokenVaultException() throws IOException {
        VaultTransitTokenVault unreachable = VaultTransitTokenVault.connect(properties("http://127.0.0.1:" + closedPort()));

        assertThatThrownBy(() -> unreachable.encrypt(PLAINTEXT, USER))
                .isInstanceOf(TokenVaultException.class)
                .hasMessageContaining("Vault did not answer")
                .hasMessageNotContaining(PLAINTEXT);
    }

    @Test
    void inputThatIsNotAVaultCiphertextIsRejectedWithoutCallingVaultOrEchoingIt() {
        assertThatThrownBy(() -> vault.decrypt(PLAINTEXT, USER))
                .isInstanceOf(TokenVaultException.class)
                .hasMessageContaining("not a Vault transit ciphertext")
                .hasMessageNotContaining(PLAINTEXT);
        assertThatThrownBy(() -> vault.rotate("v1:local:k1:a:b:c", USER)).isInstanceOf(TokenVaultException.class);
        assertThat(vaultServer.getAllServeEvents()).isEmpty();
    }

    @Test
    void contractCheckCatchesARequestVaultWouldNotAccept() {
        Request drifted = SimpleRequest.Builder.post("/v1/transit/encrypt/" + KEY)
                .withContentType("application/json")
                .withBody("{\"plaintext\": \"aGk=\", \"key_version\": \"latest\"}")
                .build();

        assertThat(contract.validateRequest(drifted).hasErrors()).isTrue();
    }

    private static MappingBuilder transit(String operation) {
        return post(urlPathEqualTo("/v1/transit/" + operation + "/" + KEY))
                .withHeader("X-Vault-Token", equalTo(TOKEN));
    }

    /** Vault's response envelope around an operation's data. */
    private static String vaultData(String data) {
        return """
                {"request_id": "2f0d2b4e-8f5c-4a6e-9d0a-6c1f1f3b7c11", "lease_id": "", "renewable": false,
                 "lease_duration": 0, "data": %s, "wrap_info": null, "warnings": null, "auth": null}""".formatted(data);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder vaultErrors(int status, String error) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"errors\": [\"" + error + "\"]}");
    }

    private static VaultTransitProperties properties(String uri) {
        return new VaultTransitProperties(URI.create(uri), TOKEN, "transit", KEY, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    private static String json(String template, Object... values) {
        return template.formatted(values);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(UTF_8));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
