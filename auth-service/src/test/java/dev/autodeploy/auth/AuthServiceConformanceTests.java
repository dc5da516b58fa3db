package dev.autodeploy.auth;

import dev.autodeploy.testsupport.ServiceConformanceTests;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthServiceConformanceTests extends ServiceConformanceTests {
}
