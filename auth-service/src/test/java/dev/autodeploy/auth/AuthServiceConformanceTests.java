package dev.autodeploy.auth;

import dev.autodeploy.testsupport.ServiceConformanceTests;
import org.springframework.boot.test.context.SpringBootTest;

// config-repo takes the token vault's master key from the environment; a test-only value stands in.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "TOKEN_VAULT_LOCAL_KEY=Y29uZm9ybWFuY2UtdGVzdC1rZXktbm90LWEtc2VjcmV0")
class AuthServiceConformanceTests extends ServiceConformanceTests {
}
