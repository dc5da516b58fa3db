package dev.autodeploy.deployer.provider;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.support.provider.ProviderProperties;
import dev.autodeploy.testsupport.RealInfrastructure;
import dev.autodeploy.testsupport.TestHttp;
import dev.autodeploy.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v1/providers} through HTTP, on the service's real application context and configuration. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class ProviderApiTests {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_ARRAY =
            new ParameterizedTypeReference<>() {
            };
    private static final String NOT_FOUND = "https://autodeploy.dev/problems/provider-not-found";

    @LocalServerPort
    private int port;

    @Autowired
    private ProviderProperties properties;

    private RestClient http;
    private String token;

    @BeforeEach
    void client() {
        http = TestHttp.client(port);
        token = TestTokens.get().forUser(UUID.randomUUID());
    }

    @Test
    void listsEveryConfiguredProviderAvailableWhereThisDeployerHasItsTarget() {
        ResponseEntity<Map<String, Object>> response = get("/api/v1/providers");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        List<Map<String, Object>> providers = list(response.getBody().get("content"));
        assertThat(providers).extracting(provider -> provider.get("name"))
                .containsExactly("local", "kubernetes", "jenkins", "github-actions", "gitlab-ci", "vercel", "render")
                .containsExactlyElementsOf(properties.catalog().stream().map(ProviderProperties.Provider::name).toList());
        assertThat(map(response.getBody().get("page"))).containsEntry("totalElements", 7).containsEntry("number", 0);
        assertThat(providers).extracting(provider -> provider.get("available"))
                // local, jenkins, github-actions and gitlab-ci have their targets on this deployer
                .containsExactly(true, false, true, true, true, false, false);
        assertThat(providers).allSatisfy(provider -> {
            assertThat(provider).containsKeys("displayName", "kind", "description", "documentationUrl");
            assertThat(list(provider.get("capabilities"))).isNotEmpty();
            assertThat(list(provider.get("regions"))).isNotEmpty();
            Map<String, Object> pricing = map(provider.get("pricing"));
            assertThat(list(pricing.get("plans"))).isNotEmpty();
            assertThat(pricing).containsKeys("currency", "source", "asOf");
        });
        assertThat(providers).extracting(provider -> provider.get("kind"))
                .containsExactly("embedded", "container-orchestrator", "ci", "ci", "ci", "paas", "paas");
    }

    @Test
    void listPagesAndSortsByName() {
        ResponseEntity<Map<String, Object>> page = get("/api/v1/providers?size=2&page=1&sort=name,desc");

        assertThat(list(page.getBody().get("content"))).extracting(provider -> provider.get("name"))
                .containsExactly("local", "kubernetes");
        assertThat(map(page.getBody().get("page"))).containsEntry("totalElements", 7).containsEntry("totalPages", 4);

        ResponseEntity<Map<String, Object>> unsortable = get("/api/v1/providers?sort=kind");
        assertThat(unsortable.getStatusCode().value()).isEqualTo(400);
        assertThat(unsortable.getBody()).containsEntry("type", "https://autodeploy.dev/problems/invalid-sort");
    }

    @Test
    void providerByName() {
        ResponseEntity<Map<String, Object>> response = get("/api/v1/providers/vercel");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).containsEntry("name", "vercel").containsEntry("displayName", "Vercel")
                .containsEntry("kind", "paas").containsEntry("documentationUrl", "https://vercel.com/docs")
                .containsEntry("available", false);
    }

    @Test
    void capabilitiesAreStableIdsWithDescriptions() {
        ResponseEntity<List<Map<String, Object>>> response = getArray("/api/v1/providers/vercel/capabilities");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).extracting(capability -> capability.get("id"))
                .contains("preview-environments", "instant-rollback").doesNotContain("managed-databases");
        assertThat(response.getBody()).allSatisfy(capability -> assertThat(capability.get("description"))
                .asString().isNotBlank());
    }

    @Test
    void regionsOfAProviderAndOfSelfHostedOnes() {
        assertThat(getArray("/api/v1/providers/render/regions").getBody()).extracting(region -> region.get("id"))
                .containsExactly("oregon", "ohio", "virginia", "frankfurt", "singapore");
        assertThat(getArray("/api/v1/providers/local/regions").getBody())
                .singleElement().satisfies(region -> assertThat(region).containsEntry("id", "this-machine")
                        .containsKeys("name", "location"));
        assertThat(getArray("/api/v1/providers/kubernetes/regions").getBody())
                .extracting(region -> region.get("id")).containsExactly("your-cluster");
    }

    @Test
    void pricingHasPlansWithAMachineReadableComputePrice() {
        ResponseEntity<Map<String, Object>> response = get("/api/v1/providers/github-actions/pricing");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).containsEntry("currency", "USD")
                .containsEntry("source", "https://docs.github.com/en/billing/reference/actions-runner-pricing")
                .containsEntry("asOf", "2026-09-20");
        Map<String, Object> team = list(response.getBody().get("plans")).get(1);
        assertThat(team).containsEntry("id", "team").containsEntry("price", 4).containsEntry("unit", "seat");
        assertThat(map(team.get("compute"))).containsEntry("unit", "minute").containsEntry("price", 0.006)
                .containsKey("basis");

        Map<String, Object> enterprise = list(get("/api/v1/providers/vercel/pricing").getBody().get("plans")).get(2);
        assertThat(enterprise).containsEntry("id", "enterprise").containsEntry("price", null)
                .containsEntry("compute", null);
    }

    @Test
    void selfHostedProvidersAddNoCharge() {
        for (String name : List.of("local", "kubernetes", "jenkins")) {
            Map<String, Object> pricing = get("/api/v1/providers/" + name + "/pricing").getBody();
            assertThat(list(pricing.get("plans"))).as(name).singleElement()
                    .satisfies(plan -> assertThat(plan).containsEntry("price", 0).containsEntry("compute", null));
        }
    }

    @Test
    void unknownProviderIsAProblem404OnEveryPath() {
        for (String path : List.of("", "/capabilities", "/regions", "/pricing")) {
            ResponseEntity<Map<String, Object>> response = get("/api/v1/providers/heroku" + path);
            assertThat(response.getStatusCode().value()).as(path).isEqualTo(404);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getBody()).containsEntry("type", NOT_FOUND).containsEntry("status", 404)
                    .doesNotContainKey("trace");
        }
    }

    @Test
    void catalogNeedsAnAccessToken() {
        for (String path : List.of("/api/v1/providers", "/api/v1/providers/local", "/api/v1/providers/local/pricing")) {
            ResponseEntity<Map<String, Object>> anonymous = http.get().uri(path).retrieve().toEntity(TestHttp.JSON_OBJECT);
            assertThat(anonymous.getStatusCode().value()).as(path).isEqualTo(401);
            assertThat(anonymous.getBody()).containsEntry("type", "https://autodeploy.dev/problems/unauthorized");
        }
        ResponseEntity<Map<String, Object>> forged = http.get().uri("/api/v1/providers")
                .header("Authorization", "Bearer " + TestTokens.get().forgedForUser(UUID.randomUUID()))
                .retrieve().toEntity(TestHttp.JSON_OBJECT);
        assertThat(forged.getStatusCode().value()).isEqualTo(401);
    }

    private ResponseEntity<Map<String, Object>> get(String path) {
        return http.get().uri(path).header("Authorization", "Bearer " + token).retrieve().toEntity(TestHttp.JSON_OBJECT);
    }

    private ResponseEntity<List<Map<String, Object>>> getArray(String path) {
        return http.get().uri(path).header("Authorization", "Bearer " + token).retrieve().toEntity(JSON_ARRAY);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
