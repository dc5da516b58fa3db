package dev.autodeploy.auth.token;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.autodeploy.auth.AuthProperties;
import dev.autodeploy.testsupport.RealInfrastructure;
import dev.autodeploy.testsupport.TestHttp;
import dev.autodeploy.vault.TokenVault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Only RS256 tokens signed with a published key, unexpired, for our issuer and audience, get in. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class TokenVerificationTests {

    @LocalServerPort
    private int port;

    @Autowired
    private SigningKeys signingKeys;

    @Autowired
    private SigningKeyRepository repository;

    @Autowired
    private TokenVault vault;

    @Autowired
    private TransactionTemplate transactions;

    @Autowired
    private AuthProperties properties;

    @Autowired
    private JdbcClient jdbc;

    private RestClient http;
    private String userId;
    private String validToken;

    @BeforeEach
    void registerUser() {
        http = TestHttp.client(port);
        Map<String, Object> session = http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", "u-" + UUID.randomUUID() + "@example.test", "password", "long enough pw",
                        "name", "Tess"))
                .retrieve().body(TestHttp.JSON_OBJECT);
        validToken = (String) session.get("accessToken");
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) session.get("user");
        userId = (String) user.get("id");
    }

    @Test
    void issuedTokenIsAcceptedAndNamesItsKey() throws Exception {
        assertThat(status(validToken)).isEqualTo(200);
        SignedJWT parsed = SignedJWT.parse(validToken);
        assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(parsed.getHeader().getKeyID()).isEqualTo(signingKeys.current().getKeyID());
        assertThat(parsed.getJWTClaimsSet().getIssuer()).isEqualTo("autodeploy");
        assertThat(parsed.getJWTClaimsSet().getAudience()).containsExactly("autodeploy-api");
        Duration lifetime = Duration.between(parsed.getJWTClaimsSet().getIssueTime().toInstant(),
                parsed.getJWTClaimsSet().getExpirationTime().toInstant());
        assertThat(lifetime).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        assertThat(status(sign(signingKeys.current(), claims().issueTime(Date.from(past))
                .expirationTime(Date.from(past.plus(Duration.ofMinutes(15)))).build()))).isEqualTo(401);
    }

    @Test
    void wrongIssuerOrAudienceIsRefused() throws Exception {
        assertThat(status(sign(signingKeys.current(), claims().issuer("someone-else").build()))).isEqualTo(401);
        assertThat(status(sign(signingKeys.current(), claims().audience("another-api").build()))).isEqualTo(401);
        assertThat(status(sign(signingKeys.current(), claims().build()))).isEqualTo(200);
    }

    @Test
    void tamperedPayloadIsRefused() {
        String[] parts = validToken.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(userId, UUID.randomUUID().toString());
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(status(forged)).isEqualTo(401);
    }

    @Test
    void tokenSignedByAnUnpublishedKeyIsRefused() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        assertThat(status(sign(stranger, claims().build()))).isEqualTo(401);
        // Same kid as the real key, still the wrong key.
        RSAKey impostor = new RSAKeyGenerator(2048).keyID(signingKeys.current().getKeyID()).generate();
        assertThat(status(sign(impostor, claims().build()))).isEqualTo(401);
    }

    @Test
    void unsignedTokenIsRefused() {
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = validToken.split("\\.")[1];
        assertThat(status(header + "." + payload + ".")).isEqualTo(401);
    }

    @Test
    void hmacSignedWithThePublicKeyIsRefused() throws Exception {
        RSAKey key = signingKeys.current();
        byte[] publicKeyAsSecret = key.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
                claims().build());
        jwt.sign(new MACSigner(publicKeyAsSecret));
        assertThat(status(jwt.serialize())).isEqualTo(401);
        SignedJWT withEncoded = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
                claims().build());
        withEncoded.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
        assertThat(status(withEncoded.serialize())).isEqualTo(401);
    }

    @Test
    void jwksPublishesOnlyPublicParts() {
        Map<String, Object> jwks = http.get().uri("/.well-known/jwks.json").retrieve().body(TestHttp.JSON_OBJECT);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> keys = (List<Map<String, Object>>) jwks.get("keys");
        assertThat(keys).isNotEmpty().allSatisfy(key -> assertThat(key).containsEntry("kty", "RSA")
                .containsKeys("kid", "n", "e").doesNotContainKeys("d", "p", "q", "dp", "dq", "qi"));
        assertThat(keys).extracting(key -> key.get("kid")).contains(signingKeys.current().getKeyID());
    }

    @Test
    void signingKeySurvivesARestartAndRotatesWhenDue() throws Exception {
        // the key in the database now (another test may have replaced the one this context started with)
        String kid = new SigningKeys(repository, vault, transactions, properties, Duration.ofSeconds(30),
                Clock.systemUTC()).current().getKeyID();
        SigningKeys afterRestart = new SigningKeys(repository, vault, transactions, properties, Duration.ofSeconds(30),
                Clock.systemUTC());
        assertThat(afterRestart.current().getKeyID()).isEqualTo(kid);

        Clock later = Clock.fixed(Instant.now().plus(properties.signingKeyRotation()).plus(Duration.ofDays(1)),
                ZoneOffset.UTC);
        SigningKeys afterRotationPeriod = new SigningKeys(repository, vault, transactions, properties,
                Duration.ofSeconds(30), later);
        String rotated = afterRotationPeriod.current().getKeyID();
        assertThat(rotated).isNotEqualTo(kid);
        // Tokens signed with the retired key stay verifiable until they expire.
        assertThat(afterRotationPeriod.published().getKeyByKeyId(kid)).isNotNull();
        assertThat(status(validToken)).isEqualTo(200);
        // The private key is stored encrypted, never as a plain JWK.
        assertThat(repository.findById(rotated).orElseThrow().encryptedPrivateKey()).doesNotContain("\"d\"");
    }

    @Test
    void aSigningKeyTheVaultCanNoLongerDecryptIsReplacedInsteadOfFailingEveryLogin() {
        String kid = new SigningKeys(repository, vault, transactions, properties, Duration.ofSeconds(30),
                Clock.systemUTC()).rotate();
        // what a changed TOKEN_VAULT_LOCAL_KEY leaves behind: a ciphertext this vault cannot authenticate
        transactions.executeWithoutResult(status -> jdbc.sql("UPDATE signing_key SET private_key = ? WHERE kid = ?")
                .param(vault.encrypt("{}", "signing-key:someone-else")).param(kid).update());
        SigningKeys afterRestart = new SigningKeys(repository, vault, transactions, properties, Duration.ofSeconds(30),
                Clock.systemUTC());

        // as at registration: the first token of this instance is signed inside the caller's transaction, which commits
        String replacement = transactions.execute(status -> afterRestart.current().getKeyID());

        assertThat(replacement).isNotEqualTo(kid);
        assertThat(repository.findActive()).map(SigningKey::kid).contains(replacement);
        // tokens the old key signed stay verifiable until they expire
        assertThat(afterRestart.published().getKeyByKeyId(kid)).isNotNull();
        assertThat(afterRestart.published().getKeyByKeyId(replacement)).isNotNull();
    }

    private JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer("autodeploy").audience("autodeploy-api").subject(userId)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString());
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private int status(String token) {
        return http.get().uri("/api/v1/auth/me").header("Authorization", "Bearer " + token).retrieve()
                .toBodilessEntity().getStatusCode().value();
    }
}
