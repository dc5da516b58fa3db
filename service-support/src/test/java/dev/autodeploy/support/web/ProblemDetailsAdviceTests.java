package dev.autodeploy.support.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

class ProblemDetailsAdviceTests {

    @RestController
    static class Parameters {

        @GetMapping("/undecodable")
        String undecodable() {
            // What Tomcat throws when a handler reads a parameter of a query like ?size=%FF
            throw new InvalidParameterException("Character decoding failed. Parameter [size] has been ignored.");
        }

        @GetMapping("/broken")
        String broken() {
            throw new IllegalStateException("a bug");
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Parameters())
            .setControllerAdvice(new ProblemDetailsAdvice()).build();

    @Test
    void anUndecodableQueryParameterIsABadRequestNotAServerError() throws Exception {
        mvc.perform(get("/undecodable"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.type").value(ProblemDetailsAdvice.TYPE_BASE + "bad-request"))
                .andExpect(jsonPath("$.detail").value("The query string is not valid percent-encoded UTF-8."));
    }

    @Test
    void anythingElseUnexpectedStaysAnInternalErrorWithoutItsMessage() throws Exception {
        mvc.perform(get("/broken"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.type").value(ProblemDetailsAdvice.TYPE_BASE + "internal-error"))
                .andExpect(jsonPath("$.detail").value("The request failed on our side. Quote the request id when reporting it."));
    }
}
