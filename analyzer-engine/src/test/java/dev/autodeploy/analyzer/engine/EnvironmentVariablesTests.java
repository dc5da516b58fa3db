package dev.autodeploy.analyzer.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentVariablesTests {

    @TempDir
    Path repo;

    private final EnvironmentVariables extractor = new EnvironmentVariables();
    private final Warnings warnings = new Warnings();

    // ---- example env files -------------------------------------------------------------------------

    @Test
    void anExampleFileListsRequiredVariablesWithTheCommentAboveAsDescription() throws IOException {
        write(".env.example", """
                # Connection string of the main database
                DATABASE_URL="postgres://app:app@localhost:5432/app"

                export API_BASE=https://api.example.com
                # ----------------------------
                # Key for signing sessions
                SESSION_SECRET='changeme'
                SMTP_FROM=noreply@example.com # who the mails come from
                """);
        Map<String, Analysis.EnvironmentVariable> found = byKey(extract(""));
        assertThat(found).containsOnlyKeys("DATABASE_URL", "API_BASE", "SESSION_SECRET", "SMTP_FROM");
        assertThat(found.get("DATABASE_URL")).isEqualTo(new Analysis.EnvironmentVariable("DATABASE_URL", true,
                "database_connection", "Connection string of the main database", ".env.example:2"));
        assertThat(found.get("API_BASE").type()).isEqualTo("url");
        assertThat(found.get("API_BASE").required()).isTrue(); // a non-empty example value is no default
        assertThat(found.get("API_BASE").source()).isEqualTo(".env.example:4");
        assertThat(found.get("SESSION_SECRET").description()).isEqualTo("Key for signing sessions");
        assertThat(found.get("SMTP_FROM").description()).isEqualTo("who the mails come from");
    }

    @Test
    void anExampleCommentSayingOptionalOrDefaultMakesTheVariableOptional() throws IOException {
        write(".env.sample", """
                # Optional: error reporting
                SENTRY_DSN=
                # Log level, defaults to info
                LOG_LEVEL=info
                # Required
                REQUIRED_THING=
                """);
        Map<String, Analysis.EnvironmentVariable> found = byKey(extract(""));
        assertThat(found.get("SENTRY_DSN").required()).isFalse();
        assertThat(found.get("SENTRY_DSN").type()).isEqualTo("secret");
        assertThat(found.get("LOG_LEVEL").required()).isFalse();
        assertThat(found.get("REQUIRED_THING").required()).isTrue();
    }

    @Test
    void noValueFromAnExampleFileEverReachesTheResultNotEvenThroughComments() throws IOException {
        write(".env.example", """
                # Stripe key, e.g. sk_live_51HdistinctiveSECRETvalue
                STRIPE_SECRET_KEY=sk_live_51HdistinctiveSECRETvalue
                # DATABASE_URL=postgres://admin:hunter2secretpw@db.internal/prod
                # Main database, looks like postgres://dbuser:dbpasswordXYZ@host/db
                DATABASE_URL=postgres://dbuser:dbpasswordXYZ@host/db
                PRIVATE_PEM="-----BEGIN PRIVATE KEY-----
                MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7PEMLINEVALUE
                NOT_A_KEY=inside-the-pem-value
                -----END PRIVATE KEY-----"
                """);
        List<Analysis.EnvironmentVariable> found = extract("");
        String everything = found.toString() + warnings.list();
        assertThat(everything).doesNotContain("sk_live_51HdistinctiveSECRETvalue", "hunter2secretpw",
                "dbpasswordXYZ", "PEMLINEVALUE", "inside-the-pem-value", "dbuser");
        assertThat(found).extracting(Analysis.EnvironmentVariable::key)
                .containsExactly("DATABASE_URL", "PRIVATE_PEM", "STRIPE_SECRET_KEY");
        assertThat(byKey(found).get("STRIPE_SECRET_KEY").description()).isEqualTo("Stripe key, e.g. …");
        assertThat(byKey(found).get("DATABASE_URL").description()).startsWith("Main database");
    }

    @Test
    void aCommentTooLongToCutSafelyOrInAGeneratedFileIsNotUsed() throws IOException {
        write(".env.example", "# " + "very long explanation ".repeat(60) + "\nLONG_COMMENTED_TOKEN=\n");
        assertThat(extract("").getFirst().description()).startsWith("Secret:");
        StringBuilder generated = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            generated.append("# Setting number ").append(i).append("\nSETTING_").append(i).append("=v").append(i)
                    .append("\n");
        }
        write(".env.example", generated.toString());
        assertThat(extract("")).hasSize(250).allMatch(v -> v.description() == null);
    }

    @Test
    void realEnvFilesAreNeverRead() throws IOException {
        write(".env", "LEAKED_FROM_DOT_ENV=secret\n");
        write(".env.local", "LEAKED_LOCAL=secret\n");
        write(".env.production", "LEAKED_PROD=secret\n");
        write("env.example", "FROM_EXAMPLE=\n");
        assertThat(keys(extract(""))).containsExactly("FROM_EXAMPLE");
    }

    // ---- code, per language --------------------------------------------------------------------------

    @Test
    void javascriptReadsWithFallbacksAreOptionalAndBareReadsRequired() throws IOException {
        write("src/server.ts", """
                const url = process.env.DATABASE_URL;
                const port = process.env.PORT || 3000;
                const region = process.env["AWS_REGION"] ?? "us-east-1";
                const { STRIPE_KEY, LOG_LEVEL = "info", SENTRY_DSN: dsn } = process.env;
                const api = import.meta.env.VITE_API_URL;
                const mode = import.meta.env.MODE;
                const deno = Deno.env.get("DENO_TOKEN");
                const bun = Bun.env.BUN_THING;
                const lower = process.env.npm_package_version;
                """);
        write("package.json", "{}");
        Map<String, Analysis.EnvironmentVariable> found = byKey(extract("", manifest("node")));
        assertThat(found).containsOnlyKeys("DATABASE_URL", "PORT", "AWS_REGION", "STRIPE_KEY", "LOG_LEVEL",
                "SENTRY_DSN", "VITE_API_URL", "DENO_TOKEN", "BUN_THING");
        assertThat(found.get("DATABASE_URL").required()).isTrue();
        assertThat(found.get("DATABASE_URL").source()).isEqualTo("src/server.ts:1");
        assertThat(found.get("AWS_REGION").required()).isFalse();
        assertThat(found.get("LOG_LEVEL").required()).isFalse();
        assertThat(found.get("STRIPE_KEY").required()).isTrue();
        assertThat(found.get("STRIPE_KEY").source()).isEqualTo("src/server.ts:4");
        assertThat(found.get("SENTRY_DSN").required()).isTrue();
        assertThat(found.get("DENO_TOKEN").source()).isEqualTo("src/server.ts:7");
        assertThat(found.get("VITE_API_URL").description()).isEqualTo("URL. Exposed to the browser (VITE_ prefix)");
    }

    @Test
    void multiLineDestructuringReportsEachNameOnItsOwnLine() throws IOException {
        write("config.js", """
                const {
                  API_TOKEN, // the token
                  TIMEOUT_MS = '5000',
                  ...rest
                } = process.env;
                """);
        Map<String, Analysis.EnvironmentVariable> found = byKey(extract(""));
        assertThat(found).containsOnlyKeys("API_TOKEN", "TIMEOUT_MS");
        assertThat(found.get("API_TOKEN").source()).isEqualTo("config.js:2");
        assertThat(found.get("TIMEOUT_MS").source()).isEqualTo("config.js:3");
        assertThat(found.get("TIMEOUT_MS").required()).isFalse();
    }

    @Test
    void pythonOsEnvironGetenvAndDjangoEnviron() throws IOException {
        write("app/settings.py", """
                import os
                import environ
                env = environ.Env()
                SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
                DEBUG = os.environ.get("DJANGO_DEBUG", "false")
                REDIS = os.getenv("CACHE_LOCATION")
                REGION = os.getenv('AWS_REGION', 'eu-west-1')
                ALLOWED = env("ALLOWED_HOSTS", cast=list)
                TIMEOUT = env.int("REQUEST_TIMEOUT", default=30)
                EMAIL = env.str("EMAIL_HOST_USER", multiline=False)
                NAME = os.environ.get("SITE_NAME") or "site"
                DATABASES = {"default": env.db()}
                """);
        Map<String, Analysis.EnvironmentVariable> found = byKey(extract(""));
        assertThat(found).containsOnlyKeys("DJANGO_SECRET_KEY", "DJANGO_DEBUG", "CACHE_LOCATION", "AWS_REGION",
                "ALLOWED_HOSTS", "REQUEST_TIMEOUT", "EMAIL_HOST_USER", "SITE_NAME", "DATABASE_URL");
        assertThat(required(found)).containsOnlyKeys("DJANGO_SECRET_KEY", "CACHE_LOCATION", "ALLOWED_HOSTS",
                "EMAIL_HOST_USER", "DATABASE_URL");
        assertThat(found.get("DJANGO_DEBUG").type()).isEqualTo("flag"); // from the default's value
        assertThat(found.get("DATABASE_URL").type()).isEqualTo("database_connection");
        assertThat(found.get("DATABASE_URL").source()).isEqualTo("app/settings.py:12");
    }

    @Test
    void rubyEnvIndexFetchAndErbInYaml() throws IOException {
        write("config/initializers/app.rb", """
                Stripe.api_key = ENV["STRIPE_API_KEY"]
                host = ENV.fetch("APP_HOST")
                threads = ENV.fetch("RAILS_MAX_THREADS") { 5 }
                level = ENV.fetch('LOG_LEVEL', 'info')
                name = ENV['APP_NAME'] || 'app'
                """);
        write("config/database.yml", """
                production:
                  url: <%= ENV['DATABASE_URL'] %>
                """);
        write("config/plain.yml", "key: ENV['NOT_ERB']\n");
        Map<String, Analysis.EnvironmentVariable> found = byKey(extract(""));
        assertThat(found).containsOnlyKeys("STRIPE_API_KEY", "APP_HOST", "RAILS_MAX_THREADS", "LOG_LEVEL",
                "APP_NAME", "DATABASE_URL");
        assertThat(required(found)).containsOnlyKeys("STRIPE_API_KEY", "APP_HOST", "DATABASE_URL");
        assertThat(found.get("DATABASE_URL").source()).isEqualTo("config/database.yml:2");
    }

    @Test
    void phpEnvGetenvAndSuperglobalsButNotCgiVariables() throws IOException {
        write("config/app.php", """
                <?php
                return [
                    'key' => env('APP_KEY'),
                    'debug' => env('APP_DEBUG', false),
                    'mail' => getenv('MAIL_HOST'),
                    'queue' => $_ENV['QUEUE_URL'] ?? 'sync://',
                    'server' => $_SERVER['CUSTOM_SETTING'],
                    'method' => $_SERVER['REQUEST_METHOD'],
                    'agent' => $_SERVER['HTTP_USER_AGENT'],
                    'lower' => env('app_name'),
                    'method_env' => $this->env('NOT_A_READ'),
                ];
                """);
        Map<String, Analysis.EnvironmentVariable> found = byKey(extract(""));
        assertThat(found).containsOnlyKeys("APP_KEY", "APP_DEBUG", "MAIL_HOST", "QUEUE_URL", "CUSTOM_SETTING");
        assertThat(required(found)).containsOnlyKeys("APP_KEY", "MAIL_HOST", "CUSTOM_SETTING");
        assertThat(found.get("APP_DEBUG").type()).isEqualTo("flag");
    }

    @Test
    void goGetenvIsRequiredAndLookupEnvOrAHelperWithFallbackOptional() throws IOException {
        write("main.go", """
                package main
                import "os"
                func main() {
                    dsn := os.Getenv("DATABASE_URL")
                    token, ok := os.LookupEnv("GITHUB_TOKEN")
                    port := getEnv("HTTP_PORT", "8080")
                    key := mustGetenv("SIGNING_KEY")
                }
                """);
        write("main_test.go", "package main\nvar x = os.Getenv(\"ONLY_IN_TESTS\")\n");
        Map<String, Analysis.EnvironmentVariable> found = byKey(extract(""));
        assertThat(found).containsOnlyKeys("DATABASE_URL", "GITHUB_TOKEN", "HTTP_PORT", "SIGNING_KEY");
        assertThat(required(found)).containsOnlyKeys("DATABASE_URL", "SIGNING_KEY");
        assertThat(found.get("HTTP_PORT").type()).isEqualTo("port");
    }

    @Test
    void rustVarEnvMacroAndOptionEnv() throws IOException {
        write("src/main.rs", """
                let url = std::env::var("DATABASE_URL").expect("set it");
                let port = env::var("PORT").unwrap_or_else(|_| "8080".into());
                let level = env::var("RUST_LOG").ok().unwrap_or_default();
                const BUILT: &str = env!("BUILD_SHA");
                const MAYBE: Option<&str> = option_env!("BUILD_TAG");
                """);
        Map<String, Analysis.EnvironmentVariable> found = byKey(extract(""));
        assertThat(found).containsOnlyKeys("DATABASE_URL", "PORT", "RUST_LOG", "BUILD_SHA", "BUILD_TAG");
        assertThat(required(found)).containsOnlyKeys("DATABASE_URL", "BUILD_SHA");
    }

    @Test
    void javaAndKotlinGetenvAndSpringPlaceholders() throws IOException {
        write("src/main/java/App.java", """
                String key = System.getenv("API_KEY");
                String region = Optional.ofNullable(System.getenv("AWS_REGION")).orElse("eu-west-1");
                String mode = System.getenv().getOrDefault("APP_MODE", "web");
                String strict = Optional.ofNullable(System.getenv("MUST_HAVE")).orElseThrow();
                """);
        write("src/main/kotlin/App.kt", "val host = System.getenv(\"SMTP_HOST\") ?: \"localhost\"\n");
        write("src/main/resources/application.yml", """
                spring:
                  datasource:
                    url: ${JDBC_DATABASE_URL}
                    password: ${DB_PASSWORD:}
                server:
                  port: ${PORT:8080}
                app:
                  other: ${app.name}
                  dotted: ${DB.HOST}
                """);
        write("src/main/resources/application-prod.properties", "feature.flag=${FEATURE_BETA:false}\n");
        Map<String, Analysis.EnvironmentVariable> found = byKey(extract(""));
        assertThat(found).containsOnlyKeys("API_KEY", "AWS_REGION", "APP_MODE", "MUST_HAVE", "SMTP_HOST",
                "JDBC_DATABASE_URL", "DB_PASSWORD", "PORT", "FEATURE_BETA");
        assertThat(required(found)).containsOnlyKeys("API_KEY", "MUST_HAVE", "JDBC_DATABASE_URL");
        assertThat(found.get("JDBC_DATABASE_URL").type()).isEqualTo("database_connection");
        assertThat(found.get("FEATURE_BETA").type()).isEqualTo("flag");
    }

    @Test
    void elixirGetEnvWithDefaultIsOptionalButOrRaiseIsRequired() throws IOException {
        write("config/runtime.exs", """
                database_url =
                  System.get_env("DATABASE_URL") ||
                    raise \"\"\"
                    environment variable DATABASE_URL is missing.
                    \"\"\"
                secret_key_base = System.fetch_env!("SECRET_KEY_BASE")
                host = System.get_env("PHX_HOST") || "example.com"
                pool = System.get_env("POOL_SIZE", "10")
                """);
        Map<String, Analysis.EnvironmentVariable> found = byKey(extract(""));
        assertThat(found).containsOnlyKeys("DATABASE_URL", "SECRET_KEY_BASE", "PHX_HOST", "POOL_SIZE");
        assertThat(required(found)).containsOnlyKeys("DATABASE_URL", "SECRET_KEY_BASE");
        assertThat(found.get("PHX_HOST").type()).isEqualTo("url");
    }

    @Test
    void csharpGetEnvironmentVariableWithNullCoalescingIsOptional() throws IOException {
        write("Program.cs", """
                var conn = Environment.GetEnvironmentVariable("CONNECTION_STRING");
                var env = Environment.GetEnvironmentVariable("APP_REGION") ?? "westeurope";
                """);
        Map<String, Analysis.EnvironmentVariable> found = byKey(extract(""));
        assertThat(found).containsOnlyKeys("CONNECTION_STRING", "APP_REGION");
        assertThat(required(found)).containsOnlyKeys("CONNECTION_STRING");
    }

    @Test
    void dockerfileEnvAndArgWithValuesAreOptionalAndComposeInterpolationFollowsItsOperators() throws IOException {
        write("Dockerfile", """
                ARG NODE_VERSION=20
                ARG BUILD_TOKEN
                FROM node:${NODE_VERSION}
                ENV NODE_ENV=production \\
                    APP_HOME="/srv/app" LOG_FORMAT=json
                ENV LEGACY_SETTING some value
                # ENV COMMENTED_OUT=1
                """);
        write("docker-compose.yml", """
                services:
                  web:
                    environment:
                      DATABASE_URL: ${DATABASE_URL}
                      REDIS_URL: ${REDIS_URL:-redis://redis:6379}
                      MUST: ${MUST_BE_SET:?set it}
                      ESCAPED: $${NOT_INTERPOLATED}
                """);
        Map<String, Analysis.EnvironmentVariable> found = byKey(extract(""));
        assertThat(found).containsOnlyKeys("NODE_VERSION", "BUILD_TOKEN", "APP_HOME", "LOG_FORMAT",
                "LEGACY_SETTING", "DATABASE_URL", "REDIS_URL", "MUST_BE_SET");
        assertThat(required(found)).containsOnlyKeys("BUILD_TOKEN", "DATABASE_URL", "MUST_BE_SET");
        assertThat(found.get("APP_HOME").source()).isEqualTo("Dockerfile:4");
        assertThat(found.get("REDIS_URL").description()).isEqualTo("Redis connection string");
    }

    // ---- merging ---------------------------------------------------------------------------------------

    @Test
    void aVariableSeenSeveralTimesIsRequiredUnlessEverySightingHasADefaultAndKeepsTheFirstSource()
            throws IOException {
        write("a.js", "const a = process.env.SHARED_SETTING || 'x';\nconst b = process.env.ALWAYS_DEFAULTED || 'y';\n");
        write("b.js", "const a = process.env.SHARED_SETTING;\nconst b = process.env.ALWAYS_DEFAULTED ?? 'z';\n");
        Map<String, Analysis.EnvironmentVariable> found = byKey(extract(""));
        assertThat(found.get("SHARED_SETTING").required()).isTrue();
        assertThat(found.get("SHARED_SETTING").source()).isEqualTo("a.js:1");
        assertThat(found.get("ALWAYS_DEFAULTED").required()).isFalse();
    }

    @Test
    void anExampleFileIsTheCitedSourceAndItsCommentTheDescriptionEvenWhenCodeComesFirstInPathOrder()
            throws IOException {
        write("a/first.js", "process.env.API_URL;\n");
        write("z/.env.example", "# Where the API lives\nAPI_URL=\n");
        Analysis.EnvironmentVariable variable = extract("").getFirst();
        assertThat(variable.source()).isEqualTo("z/.env.example:2");
        assertThat(variable.description()).isEqualTo("Where the API lives");
    }

    @Test
    void portIsOptionalBecauseThePlatformSetsItAndShellNoiseIsSkipped() throws IOException {
        write(".env.example", "PORT=3000\nNODE_ENV=development\nHOME=/root\n");
        write("index.js", "process.env.PORT; process.env.PATH; process.env.CI; process.env.HOSTNAME; process.env.PWD;\n");
        List<Analysis.EnvironmentVariable> found = extract("");
        assertThat(found).containsExactly(new Analysis.EnvironmentVariable("PORT", false, "port",
                "Port the server listens on; the platform sets it", ".env.example:1"));
    }

    // ---- classification ------------------------------------------------------------------------------

    @Test
    void classificationFollowsTheDocumentedOrder() {
        Map<String, String> byName = Map.ofEntries(
                Map.entry("DATABASE_URL", "database_connection"), Map.entry("READ_DATABASE_URL", "database_connection"),
                Map.entry("POSTGRES_PRISMA_URL", "database_connection"), Map.entry("MONGODB_URI", "database_connection"),
                Map.entry("MONGO_URL", "database_connection"), Map.entry("MYSQL_URL", "database_connection"),
                Map.entry("REDIS_URL", "database_connection"), Map.entry("API_URL", "url"),
                Map.entry("OAUTH_TOKEN_URL", "url"), Map.entry("CALLBACK_URI", "url"), Map.entry("S3_ENDPOINT", "url"),
                Map.entry("SMTP_HOST", "url"), Map.entry("JWT_SECRET", "secret"), Map.entry("API_KEY", "secret"),
                Map.entry("GITHUB_TOKEN", "secret"), Map.entry("DB_PASSWORD", "secret"), Map.entry("SMTP_PASS", "secret"),
                Map.entry("GOOGLE_CREDENTIALS", "secret"), Map.entry("SENTRY_DSN", "secret"),
                Map.entry("SECRET_KEY_BASE", "secret"), Map.entry("PRIVATE_KEY_PEM", "secret"), Map.entry("PORT", "port"),
                Map.entry("REDIS_PORT", "port"), Map.entry("DEBUG", "flag"), Map.entry("CACHE_ENABLED", "flag"),
                Map.entry("ENABLE_SIGNUPS", "flag"), Map.entry("TELEMETRY_DISABLED", "flag"),
                Map.entry("FEATURE_NEW_UI", "flag"), Map.entry("APP_NAME", "string"),
                Map.entry("AWS_ACCESS_KEY_ID", "string"));
        byName.forEach((key, type) -> assertThat(EnvClassifier.type(key, List.of(), false)).as(key).isEqualTo(type));
    }

    @Test
    void valuesClassifyWhatTheNameDoesNot() {
        assertThat(EnvClassifier.type("PRIMARY", List.of(EnvSighting.ValueKind.of("postgresql://h/db")), false))
                .isEqualTo("database_connection");
        assertThat(EnvClassifier.type("STORE", List.of(EnvSighting.ValueKind.of("mongodb+srv://c/db")), false))
                .isEqualTo("database_connection");
        assertThat(EnvClassifier.type("CACHE", List.of(EnvSighting.ValueKind.of("rediss://c:6380")), false))
                .isEqualTo("database_connection");
        assertThat(EnvClassifier.type("LOCAL_DB", List.of(EnvSighting.ValueKind.of("sqlite:///x.db")), false))
                .isEqualTo("database_connection");
        assertThat(EnvClassifier.type("UPSTREAM", List.of(EnvSighting.ValueKind.of("https://x")), false))
                .isEqualTo("url");
        assertThat(EnvClassifier.type("VERBOSE", List.of(EnvSighting.ValueKind.of("Yes")), false)).isEqualTo("flag");
        // The name wins over a value: a Sentry DSN is an https URL but a secret.
        assertThat(EnvClassifier.type("SENTRY_DSN", List.of(EnvSighting.ValueKind.HTTP), false)).isEqualTo("secret");
    }

    @Test
    void aBrowserExposedVariableIsNeverASecretAndItsDescriptionWarns() {
        assertThat(EnvClassifier.type("NEXT_PUBLIC_STRIPE_KEY", List.of(), true)).isEqualTo("string");
        assertThat(EnvClassifier.describe("NEXT_PUBLIC_STRIPE_KEY", "string", List.of(), true, null))
                .isEqualTo("Exposed to the browser (NEXT_PUBLIC_ prefix): it must not hold a secret");
        assertThat(EnvClassifier.describe("NUXT_PUBLIC_SITE_NAME", "string", List.of(), true, null))
                .isEqualTo("Exposed to the browser (NUXT_PUBLIC_ prefix)");
        assertThat(EnvClassifier.describe("REACT_APP_API_URL", "url", List.of(), true, null))
                .isEqualTo("URL. Exposed to the browser (REACT_APP_ prefix)");
        // Outside a JavaScript project the prefix means nothing.
        assertThat(EnvClassifier.type("PUBLIC_KEY", List.of(), false)).isEqualTo("secret");
    }

    // ---- conventions -----------------------------------------------------------------------------------

    @Test
    void aPrismaSchemaIsReadAndItsProviderDescribesTheConnection() throws IOException {
        write("package.json", "{}");
        write("prisma/schema.prisma", """
                generator client {
                  provider = "prisma-client-js"
                }
                datasource db {
                  provider  = "postgresql"
                  url       = env("DATABASE_URL")
                  directUrl = env("DIRECT_URL")
                }
                """);
        Map<String, Analysis.EnvironmentVariable> found = byKey(extract("", manifest("node", "@prisma/client")));
        assertThat(found).containsOnlyKeys("DATABASE_URL", "DIRECT_URL");
        assertThat(found.get("DATABASE_URL")).isEqualTo(new Analysis.EnvironmentVariable("DATABASE_URL", true,
                "database_connection", "PostgreSQL connection string", "prisma/schema.prisma:6"));
        assertThat(found.get("DIRECT_URL").type()).isEqualTo("database_connection");
        assertThat(found.get("DIRECT_URL").description()).isEqualTo("PostgreSQL connection string");
    }

    @Test
    void aConventionAddsWhatNothingElseNamedWithItsDependencyAsSource() throws IOException {
        write("package.json", "{}");
        write("src/auth.ts", "export const url = process.env.NEXTAUTH_URL;\n");
        Map<String, Analysis.EnvironmentVariable> found = byKey(extract("",
                manifest("node", "@prisma/client", "next-auth", "stripe")));
        assertThat(found).containsOnlyKeys("DATABASE_URL", "NEXTAUTH_SECRET", "NEXTAUTH_URL", "STRIPE_SECRET_KEY");
        assertThat(found.get("DATABASE_URL").source()).isEqualTo("convention: @prisma/client");
        assertThat(found.get("NEXTAUTH_SECRET")).isEqualTo(new Analysis.EnvironmentVariable("NEXTAUTH_SECRET", true,
                "secret", "Secret NextAuth.js signs and encrypts sessions with", "convention: next-auth"));
        // Found in code: the code is the source, the convention only describes it.
        assertThat(found.get("NEXTAUTH_URL").source()).isEqualTo("src/auth.ts:1");
        assertThat(found.get("NEXTAUTH_URL").required()).isTrue();
        assertThat(found.get("NEXTAUTH_URL").description()).startsWith("Canonical URL of the site");
    }

    @Test
    void aConventionStandsBackWhenTheCodeNamesTheServiceItsOwnWayOrItsConditionFails() throws IOException {
        write("Gemfile", "");
        write("app/payments.rb", "Stripe.api_key = ENV['STRIPE_API_KEY']\n");
        List<Manifest> manifests = manifest("ruby", "stripe", "rails");
        assertThat(keys(extract("", manifests))).containsExactly("STRIPE_API_KEY");
        write("config/credentials.yml.enc", "encrypted");
        assertThat(keys(extract("", manifests))).containsExactly("RAILS_MASTER_KEY", "STRIPE_API_KEY");
    }

    @Test
    void theBundledConventionsAgreeWithTheClassifier() {
        for (EnvConventions.Convention convention : EnvConventions.bundled().conventions()) {
            for (EnvConventions.Variable variable : convention.variables()) {
                assertThat(EnvClassifier.type(variable.key(), List.of(), true)).as(variable.key())
                        .isEqualTo(variable.type());
                assertThat(variable.description()).as(variable.key()).isNotBlank();
            }
        }
    }

    // ---- bounds and hostile input ------------------------------------------------------------------------

    @Test
    void testsFixturesExamplesAndTestFilesAreNotTheApp() throws IOException {
        write("src/app.js", "process.env.REAL_ONE;\n");
        write("src/app.test.js", "process.env.IN_A_TEST;\n");
        write("src/app.spec.ts", "process.env.IN_A_SPEC;\n");
        write("tests/helpers.py", "os.environ['IN_TESTS_DIR']\n");
        write("test_app.py", "os.environ['IN_PYTEST_FILE']\n");
        write("spec/app_spec.rb", "ENV['IN_RSPEC']\n");
        write("__fixtures__/x.js", "process.env.IN_FIXTURE;\n");
        write("examples/demo/.env.example", "IN_EXAMPLES_DIR=\n");
        write("src/main/java/AppTest.java", "System.getenv(\"IN_JUNIT\");\n");
        write("src/env.d.ts", "interface ImportMetaEnv { readonly VITE_DECLARED: string; process.env.IN_DTS }\n");
        assertThat(keys(extract(""))).containsExactly("REAL_ONE");
    }

    @Test
    void namesThatAreNotPlainUpperCaseIdentifiersNeverReachTheOutput() throws IOException {
        write("weird.js", """
                process.env["ROOT; rm -rf /"];
                process.env["lower_case"];
                process.env['<script>'];
                process.env.café;
                process.env["%%s%%n"];
                process.env.___;
                process.env.%s;
                process.env["\\u0000EVIL"];
                process.env.%s;
                process.env.GOOD_ONE;
                """.formatted("A".repeat(129), "B".repeat(128)));
        write(".env.example", "bad key=1\nKEY WITH SPACE=1\n-DASHED=1\nOK_TOO=\n");
        assertThat(keys(extract(""))).containsExactly("B".repeat(128), "GOOD_ONE", "OK_TOO");
    }

    @Test
    void aBinaryFileWithASourceExtensionIsSkipped() throws IOException {
        byte[] bytes = "process.env.FROM_BINARY\0\1\2\3".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(repo.resolve("blob.js"), bytes);
        write("ok.js", "process.env.FROM_TEXT;\n");
        assertThat(keys(extract(""))).containsExactly("FROM_TEXT");
    }

    @Test
    void hostileOneMebibyteLinesAreScannedInLinearTime() throws IOException {
        int size = 1024 * 1024 - 64;
        Map<String, String> hostile = Map.ofEntries(
                Map.entry("a.js", fill("process.env.", size)),
                Map.entry("b.js", fill("const {", size - 20) + " = process.env"),
                Map.entry("c.js", "const {" + fill("A,", size - 20) + " = process.env"),
                Map.entry("d.js", fill("process.env[\"", size)),
                Map.entry("e.js", "process.env.X ||" + " ".repeat(size - 20)),
                Map.entry("a.py", fill("os.getenv(\"A\",", size)),
                Map.entry("b.py", "os.getenv(" + " ".repeat(size - 20)),
                Map.entry("c.py", fill("env(\"A\", ", size)),
                Map.entry("a.rb", fill("ENV.fetch(\"A\", ", size)),
                Map.entry("a.php", fill("env('A'", size)),
                Map.entry("a.go", fill("getEnv(\"", size)),
                Map.entry("a.rs", fill("env::var(\"A\")", size)),
                Map.entry("a.ex", fill("System.get_env(\"A\" || ", size)),
                Map.entry("application.yml", fill("${A:${", size)),
                Map.entry("docker-compose.yml", fill("${A:-", size)),
                Map.entry("schema.prisma", "datasource db {" + fill("env(\"A\") ", size - 20)),
                Map.entry("Dockerfile", fill("ENV A=1 \\\n", size)),
                Map.entry(".env.example", "A=\"" + fill("B=\\\"\n", size - 10)),
                Map.entry("x.ts", "AAAAAAAA".repeat(size / 8)));
        for (Map.Entry<String, String> entry : hostile.entrySet()) {
            write(entry.getKey(), entry.getValue());
        }
        List<Analysis.EnvironmentVariable> found = org.junit.jupiter.api.Assertions
                .assertTimeoutPreemptively(Duration.ofSeconds(20), () -> extract(""));
        assertThat(found).isNotNull();
        for (Map.Entry<String, String> entry : hostile.entrySet()) {
            Files.delete(repo.resolve(entry.getKey()));
        }
        for (Map.Entry<String, String> entry : hostile.entrySet()) {
            write(entry.getKey(), entry.getValue());
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(3), () -> extract(""),
                    entry.getKey());
            Files.delete(repo.resolve(entry.getKey()));
        }
    }

    @Test
    void atMostMaxFilesAreReadAndTheRestIsAWarning() throws IOException {
        for (int i = 0; i <= EnvironmentVariables.MAX_FILES; i++) {
            write("src/f%05d.js".formatted(i), "process.env.V" + i + ";\n");
        }
        List<Analysis.EnvironmentVariable> found = extract("");
        assertThat(found).hasSize(EnvironmentVariables.MAX_VARIABLES);
        assertThat(warnings.list()).anyMatch(w -> w.startsWith("More than 3000 files could name environment variables"))
                .anyMatch(w -> w.startsWith("More than 500 environment variables"));
    }

    // ---- monorepos and determinism -----------------------------------------------------------------------

    @Test
    void excludedSubProjectsDoNotLendTheirVariablesToTheRoot() throws IOException {
        write("package.json", "{}");
        write("scripts/deploy.js", "process.env.ROOT_DEPLOY_TOKEN;\n");
        write("apps/web/src/page.ts", "process.env.WEB_ONLY_URL;\n");
        write("apps/api/main.py", "os.environ['API_ONLY_SECRET']\n");
        write("apps/api/.env.example", "API_EXAMPLE_KEY=\n");
        assertThat(keys(extract(""))).containsExactly("API_EXAMPLE_KEY", "API_ONLY_SECRET", "ROOT_DEPLOY_TOKEN",
                "WEB_ONLY_URL");
        assertThat(keys(extractor.extract(tree(), "", List.of("apps/web", "apps/api/"), List.of(), warnings)))
                .containsExactly("ROOT_DEPLOY_TOKEN");
        Map<String, Analysis.EnvironmentVariable> api = byKey(extract("apps/api"));
        assertThat(api).containsOnlyKeys("API_EXAMPLE_KEY", "API_ONLY_SECRET");
        assertThat(api.get("API_ONLY_SECRET").source()).isEqualTo("apps/api/main.py:1");
    }

    @Test
    void theResultIsSortedDeduplicatedAndTheSameEveryTime() throws IOException {
        write("z.js", "process.env.ZETA; process.env.ALPHA; process.env.ZETA;\n");
        write("a.py", "os.environ['MIDDLE']\nos.environ['ALPHA']\n");
        List<Analysis.EnvironmentVariable> first = extract("");
        assertThat(keys(first)).containsExactly("ALPHA", "MIDDLE", "ZETA");
        assertThat(byKey(first).get("ALPHA").source()).isEqualTo("a.py:2");
        assertThat(extract("")).isEqualTo(first);
    }

    @Test
    void theRepositoryAnalyzerReportsTheVariablesOfTheApp() throws IOException {
        write("package.json", """
                {"dependencies":{"next":"14.2.3"},"scripts":{"build":"next build","start":"next start"}}""");
        write("app/page.tsx", "const key = process.env.NEXT_PUBLIC_ANALYTICS_ID;\n");
        Analysis analysis = new RepositoryAnalyzer().analyze(repo);
        assertThat(analysis.environmentVariables()).extracting(Analysis.EnvironmentVariable::key)
                .containsExactly("NEXT_PUBLIC_ANALYTICS_ID");
        assertThat(analysis.environmentVariables().getFirst().description())
                .isEqualTo("Exposed to the browser (NEXT_PUBLIC_ prefix)");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private List<Analysis.EnvironmentVariable> extract(String directory) throws IOException {
        return extract(directory, List.of());
    }

    private List<Analysis.EnvironmentVariable> extract(String directory, List<Manifest> manifests) throws IOException {
        return extractor.extract(tree(), directory, manifests, warnings);
    }

    private RepositoryTree tree() throws IOException {
        return RepositoryTree.scan(repo, TreeLimits.DEFAULT);
    }

    private static List<Manifest> manifest(String ecosystem, String... dependencies) {
        Map<String, String> production = Arrays.stream(dependencies).collect(Collectors.toMap(d -> d, d -> "1.0.0"));
        return List.of(new Manifest(ecosystem, "", "manifest", null, null, null, null, production, Map.of(), Map.of(),
                Map.of(), null, null, List.of(), List.of()));
    }

    private static Map<String, Analysis.EnvironmentVariable> byKey(List<Analysis.EnvironmentVariable> variables) {
        return variables.stream().collect(Collectors.toMap(Analysis.EnvironmentVariable::key, Function.identity()));
    }

    private static Map<String, Analysis.EnvironmentVariable> required(Map<String, Analysis.EnvironmentVariable> all) {
        return all.entrySet().stream().filter(e -> e.getValue().required())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static List<String> keys(List<Analysis.EnvironmentVariable> variables) {
        return variables.stream().map(Analysis.EnvironmentVariable::key).toList();
    }

    private static String fill(String unit, int size) {
        return unit.repeat(Math.max(1, size / unit.length()));
    }

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
