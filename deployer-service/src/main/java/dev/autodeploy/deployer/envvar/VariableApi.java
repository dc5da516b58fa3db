package dev.autodeploy.deployer.envvar;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request and response bodies of the environment-variable endpoints. Values never appear in {@code toString}. */
final class VariableApi {

    static final String KEY = "[A-Za-z_][A-Za-z0-9_]{0,254}";
    static final int MAX_VALUE = 65536;

    private VariableApi() {
    }

    /** {@code POST /api/v1/projects/{id}/env}: a new variable (409 when the key exists). */
    record CreateVariable(@NotNull @Pattern(regexp = KEY, message = "must be letters, digits and _, not starting with a digit")
            String key, @NotNull @Size(max = MAX_VALUE) String value, Boolean secret) {

        boolean isSecret() {
            return Boolean.TRUE.equals(secret);
        }

        @Override
        public String toString() {
            return "CreateVariable[" + key + (isSecret() ? ", secret" : "") + "]";
        }
    }

    /** {@code PUT /api/v1/projects/{id}/env/{key}}: sets the value; {@code secret} null keeps what the key was. */
    record PutVariable(@NotNull @Size(max = MAX_VALUE) String value, Boolean secret) {

        @Override
        public String toString() {
            return "PutVariable[" + (Boolean.TRUE.equals(secret) ? "secret" : "") + "]";
        }
    }

    /**
     * {@code POST /api/v1/projects/{id}/env/import}: {@code .env} text. Every entry becomes a secret when
     * {@code secret}; keys that exist are replaced only when {@code overwrite}. A syntax error anywhere imports
     * nothing.
     */
    record ImportVariables(@NotBlank @Size(max = 1_048_576) String content, Boolean secret, Boolean overwrite) {

        boolean isSecret() {
            return Boolean.TRUE.equals(secret);
        }

        @Override
        public String toString() {
            return "ImportVariables[" + content.length() + " chars" + (isSecret() ? ", secret" : "") + "]";
        }
    }

    /** A variable as every response shows it: a secret's value is never returned ({@code null}). */
    record VariableView(String key, String value, boolean secret, UUID createdBy, Instant createdAt,
            Instant updatedAt) {

        @Override
        public String toString() {
            return "VariableView[" + key + (secret ? ", secret" : "") + "]";
        }
    }

    record VariableList(String environment, long version, List<VariableView> variables) {
    }

    record ImportResult(String environment, long version, List<String> created, List<String> updated,
            List<String> skipped, List<String> duplicates) {
    }
}
