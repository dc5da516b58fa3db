package dev.autodeploy.analyzer.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Python, Ruby, PHP, Elixir and .NET projects under {@code src/test/resources/fixtures}, analyzed end to end.
 * Each fixture's {@code <id>.origin.md} says which package it was copied from, or that it was written by hand.
 */
class LanguageFixturesTests {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    private final RepositoryAnalyzer analyzer = new RepositoryAnalyzer();

    // --- Python

    @Test
    void djangoStartprojectServesItsWsgiModuleWithGunicorn() throws IOException {
        Analysis analysis = analyze("python-django-startproject");
        assertFramework(analysis, "django", "Django", "3.2.25", "server");
        assertThat(analysis.language()).isEqualTo("python");
        assertThat(analysis.packageManager()).isEqualTo("pip");
        Analysis.BuildConfiguration build = analysis.buildConfiguration();
        assertThat(build.installCommand()).isEqualTo("pip install -r requirements.txt");
        assertThat(build.buildCommand()).isEqualTo("python manage.py collectstatic --noinput");
        assertThat(build.startCommand()).isEqualTo("python -m gunicorn mysite.wsgi --bind 0.0.0.0:${PORT:-8000}");
        assertThat(build.devCommand()).isEqualTo("python manage.py runserver");
        assertThat(build.runtime()).isEqualTo("python");
        assertThat(build.runtimeVersion()).isEqualTo("3.11.2");
        assertThat(analysis.evidence()).contains(
                new Evidence("framework=django", "requirements.txt", "dependency django@==3.2.25"),
                new Evidence("framework=django", "manage.py", "config file"),
                new Evidence("language=python", "requirements.txt", "Python manifest"),
                new Evidence("module=mysite", "manage.py", "DJANGO_SETTINGS_MODULE mysite.settings"),
                new Evidence("runtimeVersion", "runtime.txt", "python-3.11.2"));
        assertThat(analysis.recommendations().database()).isEqualTo("postgresql");
        assertThat(analysis.warnings()).isEmpty();
    }

    @Test
    void flaskQuickstartRunsTheAppObjectUnderGunicorn() throws IOException {
        Analysis analysis = analyze("python-flask-quickstart");
        assertFramework(analysis, "flask", "Flask", "2.2.2", "server");
        assertThat(analysis.buildConfiguration().startCommand())
                .isEqualTo("python -m gunicorn app:app --bind 0.0.0.0:${PORT:-8000}");
        assertThat(analysis.buildConfiguration().devCommand()).isEqualTo("python -m flask --app app run --debug");
        assertThat(analysis.buildConfiguration().runtimeVersion()).isEqualTo("3.11.2");
        assertThat(analysis.evidence()).contains(new Evidence("app=app:app", "app.py", "Flask app object"),
                new Evidence("runtimeVersion", ".python-version", "3.11.2"));
    }

    @Test
    void fastapiPoetryProjectRunsUvicornThroughPoetry() throws IOException {
        Analysis analysis = analyze("python-fastapi-readme");
        assertFramework(analysis, "fastapi", "FastAPI", "0.92.0", "server");
        assertThat(analysis.packageManager()).isEqualTo("poetry");
        Analysis.BuildConfiguration build = analysis.buildConfiguration();
        assertThat(build.installCommand()).isEqualTo("poetry install --no-root");
        assertThat(build.startCommand())
                .isEqualTo("poetry run python -m uvicorn main:app --host 0.0.0.0 --port ${PORT:-8000}");
        assertThat(build.devCommand()).isEqualTo("poetry run python -m uvicorn main:app --reload");
        assertThat(build.runtimeVersion()).isEqualTo("3.11");
        assertThat(analysis.dependencies().production()).containsExactly("fastapi", "uvicorn");
        assertThat(analysis.dependencies().development()).containsExactly("httpx", "pytest");
        assertThat(analysis.evidence()).contains(
                new Evidence("packageManager=poetry", "pyproject.toml", "[tool.poetry], no lock file"),
                new Evidence("runtimeVersion", "pyproject.toml", "tool.poetry.dependencies python ^3.11"));
    }

    @Test
    void reflexWinsOverTheFastapiItDeclaresToo() throws IOException {
        Analysis analysis = analyze("python-reflex-create-llama");
        assertFramework(analysis, "reflex", "Reflex", "0.7.10", "server");
        assertThat(analysis.framework().confidence()).isEqualTo(0.99);
        assertThat(analysis.dependencies().production()).contains("fastapi", "uvicorn", "reflex");
        assertThat(analysis.buildConfiguration().installCommand()).isEqualTo("pip install .");
        assertThat(analysis.buildConfiguration().startCommand()).isEqualTo("python -m reflex run --env prod");
        assertThat(analysis.buildConfiguration().runtimeVersion()).isEqualTo("3.11");
        assertThat(analysis.evidence()).contains(new Evidence("framework=reflex", "rxconfig.py", "config file"));
    }

    @Test
    void pep621ProjectWithoutAFrameworkOrEntryScriptIsAPlainPythonLibrary() throws IOException {
        Analysis analysis = analyze("python-llamaindex-server-pep621");
        assertFramework(analysis, "python", "Python", null, "server");
        assertThat(analysis.apps().getFirst().role()).isEqualTo("library");
        assertThat(analysis.buildConfiguration().startCommand()).isNull();
        assertThat(analysis.buildConfiguration().installCommand()).isEqualTo("pip install .");
        assertThat(analysis.buildConfiguration().runtimeVersion()).isEqualTo("3.11");
        assertThat(analysis.dependencies().production()).contains("llama-index-core", "llama-deploy", "python-dotenv");
        assertThat(analysis.dependencies().development()).containsExactly("mypy", "pytest", "pytest-asyncio");
        assertThat(analysis.warnings()).isEmpty();
    }

    @Test
    void mkdocsSiteIsBuiltToSite() throws IOException {
        Analysis analysis = analyze("python-mkdocs-new");
        assertFramework(analysis, "mkdocs", "MkDocs", null, "static");
        assertThat(analysis.buildConfiguration().buildCommand()).isEqualTo("python -m mkdocs build");
        assertThat(analysis.buildConfiguration().devCommand()).isEqualTo("python -m mkdocs serve");
        assertThat(analysis.buildConfiguration().startCommand()).isNull();
        assertThat(analysis.buildConfiguration().outputDirectory()).isEqualTo("site");
        assertThat(analysis.evidence()).contains(new Evidence("framework=mkdocs", "mkdocs.yml", "required file"));
        assertThat(analysis.recommendations().provider()).isEqualTo("vercel");
    }

    @Test
    void tornadoEntryScriptIsFoundByWhatItImports() throws IOException {
        Analysis analysis = analyze("python-tornado-helloworld");
        assertFramework(analysis, "tornado", "Tornado", "6.2", "server");
        assertThat(analysis.buildConfiguration().startCommand()).isEqualTo("python helloworld.py");
    }

    @Test
    void streamlitAppListensOnThePlatformPort() throws IOException {
        Analysis analysis = analyze("python-streamlit-app");
        assertFramework(analysis, "streamlit", "Streamlit", "1.31", "server");
        assertThat(analysis.buildConfiguration().startCommand()).isEqualTo("python -m streamlit run streamlit_app.py"
                + " --server.address 0.0.0.0 --server.port ${PORT:-8501} --server.headless true");
        assertThat(analysis.buildConfiguration().runtimeVersion()).isEqualTo("3.12.2");
        assertThat(analysis.evidence()).contains(
                new Evidence("framework=streamlit", ".streamlit/config.toml", "config file"),
                new Evidence("runtimeVersion", ".tool-versions", "python 3.12.2"));
    }

    @Test
    void gradioUvProjectRunsItsScriptThroughUv() throws IOException {
        Analysis analysis = analyze("python-gradio-app");
        assertFramework(analysis, "gradio", "Gradio", "4.19", "server");
        assertThat(analysis.packageManager()).isEqualTo("uv");
        assertThat(analysis.buildConfiguration().installCommand()).isEqualTo("uv sync --frozen");
        assertThat(analysis.buildConfiguration().startCommand())
                .isEqualTo("GRADIO_SERVER_NAME=0.0.0.0 GRADIO_SERVER_PORT=${PORT:-7860} uv run python app.py");
        assertThat(analysis.dependencies().development()).containsExactly("pytest", "ruff");
        assertThat(analysis.evidence()).contains(new Evidence("packageManager=uv", "uv.lock", "lock file"));
    }

    @Test
    void requirementsWithOptionsAndMarkersStillYieldTheirPackages() throws IOException {
        Analysis analysis = analyze("python-requirements-options");
        assertFramework(analysis, "flask", "Flask", "3.0.2", "server");
        assertThat(analysis.dependencies().production()).containsExactly("flask", "flask-login", "gunicorn",
                "private-lib", "psycopg2-binary", "python-dotenv", "sqlalchemy");
        assertThat(analysis.dependencies().development()).containsExactly("black", "pytest");
        assertThat(analysis.buildConfiguration().startCommand())
                .isEqualTo("python -m gunicorn 'app:create_app()' --bind 0.0.0.0:${PORT:-8000}");
        assertThat(analysis.buildConfiguration().runtimeVersion()).isEqualTo("3.12.1");
        assertThat(analysis.recommendations().database()).isEqualTo("postgresql");
    }

    @Test
    void brokenPyprojectIsAWarningAndRequirementsStillDecide() throws IOException {
        Analysis analysis = analyze("python-broken-pyproject");
        assertFramework(analysis, "fastapi", "FastAPI", "0.110.0", "server");
        assertThat(analysis.buildConfiguration().startCommand())
                .isEqualTo("python -m uvicorn main:api --host 0.0.0.0 --port ${PORT:-8000}");
        assertThat(analysis.warnings()).containsExactly(
                "pyproject.toml is not valid TOML (line 5, column 23: Newline not permitted here); it was ignored");
    }

    // --- Ruby

    @Test
    void railsAppWinsOverItsPackageJson() throws IOException {
        Analysis analysis = analyze("ruby-rails-new");
        assertFramework(analysis, "rails", "Ruby on Rails", "6.1.7", "server");
        assertThat(analysis.language()).isEqualTo("ruby");
        assertThat(analysis.packageManager()).isEqualTo("bundler");
        Analysis.BuildConfiguration build = analysis.buildConfiguration();
        assertThat(build.installCommand()).isEqualTo("bundle install");
        assertThat(build.buildCommand()).isEqualTo("RAILS_ENV=production bundle exec rails assets:precompile");
        assertThat(build.startCommand())
                .isEqualTo("RAILS_ENV=production bundle exec rails server -b 0.0.0.0 -p ${PORT:-3000}");
        assertThat(build.devCommand()).isEqualTo("bundle exec rails server");
        assertThat(build.runtime()).isEqualTo("ruby");
        assertThat(build.runtimeVersion()).isEqualTo("3.1.2");
        assertThat(analysis.dependencies().development()).containsExactly("byebug", "capybara", "listen",
                "selenium-webdriver", "spring", "web-console");
        assertThat(analysis.dependencies().production()).contains("rails", "pg", "puma", "bootsnap", "tzinfo-data")
                .doesNotContain("redis", "bcrypt", "rack-mini-profiler");
        assertThat(analysis.evidence()).contains(
                new Evidence("framework=rails", "Gemfile", "dependency rails@~> 6.1.7, >= 6.1.7.10"),
                new Evidence("framework=rails", "config/application.rb", "config file"),
                new Evidence("packageManager=bundler", "Gemfile", "manifest, no lock file"),
                new Evidence("language=ruby", "Gemfile", "Gemfile"),
                new Evidence("runtimeVersion", ".ruby-version", "ruby-3.1.2"));
        assertThat(analysis.recommendations().database()).isEqualTo("postgresql");
    }

    @Test
    void jekyllSiteIsStaticAndBuildsToUnderscoreSite() throws IOException {
        Analysis analysis = analyze("ruby-jekyll-new");
        assertFramework(analysis, "jekyll", "Jekyll", "4.3.1", "static");
        assertThat(analysis.buildConfiguration().buildCommand()).isEqualTo("JEKYLL_ENV=production bundle exec jekyll build");
        assertThat(analysis.buildConfiguration().devCommand()).isEqualTo("bundle exec jekyll serve");
        assertThat(analysis.buildConfiguration().outputDirectory()).isEqualTo("_site");
        assertThat(analysis.dependencies().production()).containsExactly("http_parser.rb", "jekyll", "jekyll-feed",
                "minima", "tzinfo", "tzinfo-data", "wdm");
        assertThat(analysis.evidence()).contains(new Evidence("framework=jekyll", "_config.yml", "config file"));
    }

    @Test
    void classicSinatraAppIsServedThroughItsConfigRu() throws IOException {
        Analysis analysis = analyze("ruby-sinatra-readme");
        assertFramework(analysis, "sinatra", "Sinatra", null, "server");
        assertThat(analysis.buildConfiguration().startCommand())
                .isEqualTo("APP_ENV=production bundle exec rackup config.ru --host 0.0.0.0 --port ${PORT:-4567}");
        assertThat(analysis.buildConfiguration().devCommand()).isEqualTo("bundle exec ruby app.rb");
        assertThat(analysis.buildConfiguration().runtimeVersion()).isEqualTo("3.1.2");
        assertThat(analysis.dependencies().production()).containsExactly("haml", "puma", "sinatra");
    }

    @Test
    void gemfileGroupsDecideDevelopmentAndTheLockFileDecidesVersions() throws IOException {
        Analysis analysis = analyze("ruby-gemfile-groups");
        assertFramework(analysis, "rack", "Rack", null, "server");
        assertThat(analysis.dependencies().production()).containsExactly("internal-auth", "pg", "puma", "roda",
                "sentry-ruby", "sequel", "zeitwerk");
        assertThat(analysis.dependencies().development()).containsExactly("debug", "dotenv", "rack-test", "rspec",
                "rubocop", "stackprof");
        assertThat(analysis.buildConfiguration().startCommand())
                .isEqualTo("bundle exec rackup config.ru --host 0.0.0.0 --port ${PORT:-9292}");
        assertThat(analysis.buildConfiguration().runtimeVersion()).isEqualTo("3.3.0");
        assertThat(analysis.evidence()).contains(new Evidence("packageManager=bundler", "Gemfile.lock", "lock file"),
                new Evidence("runtimeVersion", "Gemfile.lock", "RUBY VERSION 3.3.0p0"));
        assertThat(analysis.warnings()).isEmpty();
    }

    // --- PHP

    @Test
    void laravelWinsOverViteBuildsItsViteAssetsAndItsOwnDevScriptRunsDev() throws IOException {
        Analysis analysis = analyze("php-laravel-vite");
        assertFramework(analysis, "laravel", "Laravel", "11.9", "server");
        assertThat(analysis.language()).isEqualTo("php");
        assertThat(analysis.packageManager()).isEqualTo("composer");
        Analysis.BuildConfiguration build = analysis.buildConfiguration();
        assertThat(build.installCommand()).isEqualTo("composer install --no-dev --prefer-dist && npm install");
        assertThat(build.buildCommand()).isEqualTo("npm run build && php artisan optimize");
        assertThat(build.startCommand()).isEqualTo("php artisan serve --host=0.0.0.0 --port=${PORT:-8000}");
        assertThat(build.devCommand()).isEqualTo("composer run dev");
        assertThat(build.runtime()).isEqualTo("php");
        assertThat(build.runtimeVersion()).isEqualTo("8.2");
        assertThat(analysis.evidence()).contains(
                new Evidence("framework=laravel", "composer.json", "dependency laravel/framework@^11.9"),
                new Evidence("framework=laravel", "artisan", "config file"),
                new Evidence("devCommand", "composer.json", "script dev"),
                new Evidence("buildCommand", "package.json", "script build (front-end assets)"),
                new Evidence("runtimeVersion", "composer.json", "require.php ^8.2"));
        assertThat(analysis.apps()).singleElement();
    }

    @Test
    void symfonyServesPublicAndTakesPhpVersionFromDotPhpVersion() throws IOException {
        Analysis analysis = analyze("php-symfony-skeleton");
        assertFramework(analysis, "symfony", "Symfony", "7.0", "server");
        assertThat(analysis.buildConfiguration().startCommand())
                .isEqualTo("APP_ENV=prod php -S 0.0.0.0:${PORT:-8000} -t public");
        assertThat(analysis.buildConfiguration().runtimeVersion()).isEqualTo("8.3");
        assertThat(analysis.dependencies().production()).doesNotContain("php", "ext-ctype", "ext-iconv")
                .contains("symfony/framework-bundle");
        assertThat(analysis.evidence()).contains(new Evidence("runtimeVersion", ".php-version", "8.3"));
    }

    @Test
    void slimExampleIsServedFromItsDocumentRoot() throws IOException {
        Analysis analysis = analyze("php-slim-example");
        assertFramework(analysis, "slim", "Slim", "3.12", "server");
        assertThat(analysis.buildConfiguration().startCommand()).isEqualTo("php -S 0.0.0.0:${PORT:-8080} -t public");
        assertThat(analysis.buildConfiguration().runtimeVersion()).isEqualTo("8.2.7");
        assertThat(analysis.evidence()).contains(
                new Evidence("runtimeVersion", "composer.json", "config.platform.php 8.2.7"));
    }

    @Test
    void wordpressWithoutComposerIsRecognisedByItsFiles() throws IOException {
        Analysis analysis = analyze("php-wordpress-debian");
        assertFramework(analysis, "wordpress", "WordPress", null, "server");
        assertThat(analysis.packageManager()).isNull();
        assertThat(analysis.buildConfiguration().installCommand()).isNull();
        assertThat(analysis.buildConfiguration().startCommand()).isEqualTo("php -S 0.0.0.0:${PORT:-8080} -t .");
        assertThat(analysis.evidence()).contains(
                new Evidence("framework=wordpress", "wp-config-sample.php", "required file"),
                new Evidence("language=php", "index.php", "PHP front controller, no composer.json"));
    }

    @Test
    void plainPhpSiteFallsBackToTheBuiltInServer() throws IOException {
        Analysis analysis = analyze("php-plain-site");
        assertFramework(analysis, "php", "PHP", null, "server");
        assertThat(analysis.framework().confidence()).isEqualTo(0.5);
        assertThat(analysis.buildConfiguration().startCommand()).isEqualTo("php -S 0.0.0.0:${PORT:-8080} -t .");
        assertThat(analysis.buildConfiguration().runtimeVersion()).isEqualTo("8.2.7");
        assertThat(analysis.apps().getFirst().role()).isEqualTo("app");
    }

    @Test
    void composerJsonThatIsNotJsonIsAWarningAndTheSiteIsStillSeen() throws IOException {
        Analysis analysis = analyze("php-broken-composer");
        assertFramework(analysis, "php", "PHP", null, "server");
        assertThat(analysis.packageManager()).isNull();
        assertThat(analysis.warnings()).singleElement().asString().startsWith("composer.json is not valid JSON");
    }

    // --- Elixir

    @Test
    void phoenixIsBuiltAsAReleaseWithItsAssets() throws IOException {
        Analysis analysis = analyze("elixir-phoenix-app");
        assertFramework(analysis, "phoenix", "Phoenix", "1.7.11", "server");
        assertThat(analysis.language()).isEqualTo("elixir");
        assertThat(analysis.packageManager()).isEqualTo("mix");
        Analysis.BuildConfiguration build = analysis.buildConfiguration();
        assertThat(build.installCommand()).isEqualTo("mix deps.get --only prod");
        assertThat(build.buildCommand())
                .isEqualTo("MIX_ENV=prod mix assets.deploy && MIX_ENV=prod mix release storefront");
        assertThat(build.startCommand())
                .isEqualTo("PHX_SERVER=true PORT=${PORT:-4000} _build/prod/rel/storefront/bin/storefront start");
        assertThat(build.devCommand()).isEqualTo("mix phx.server");
        assertThat(build.runtime()).isEqualTo("elixir");
        assertThat(build.runtimeVersion()).isEqualTo("1.15.7");
        assertThat(analysis.dependencies().development()).containsExactly("credo", "floki", "phoenix_live_reload");
        assertThat(analysis.dependencies().production()).contains("phoenix", "heroicons", "bandit", "postgrex")
                .doesNotContain("ex_aws");
        assertThat(analysis.evidence()).contains(
                new Evidence("framework=phoenix", "mix.exs", "dependency phoenix@~> 1.7.11"),
                new Evidence("framework=phoenix", "config/runtime.exs", "config file"),
                new Evidence("language=elixir", "mix.exs", "mix.exs"),
                new Evidence("otpVersion=26.2.1", ".tool-versions", "erlang 26.2.1"));
        assertThat(analysis.recommendations().database()).isEqualTo("postgresql");
    }

    @Test
    void mixNewSupervisedAppIsAPlainMixReleaseWithoutDependencies() throws IOException {
        Analysis analysis = analyze("elixir-mix-new-sup");
        assertFramework(analysis, "elixir", "Elixir (Mix)", null, "server");
        assertThat(analysis.dependencies().production()).isEmpty();
        assertThat(analysis.buildConfiguration().buildCommand()).isEqualTo("MIX_ENV=prod mix release hello");
        assertThat(analysis.buildConfiguration().startCommand()).isEqualTo("_build/prod/rel/hello/bin/hello start");
        assertThat(analysis.buildConfiguration().runtimeVersion()).isEqualTo("1.14");
        assertThat(analysis.evidence()).contains(new Evidence("runtimeVersion", "mix.exs", "elixir: \"~> 1.14\""));
    }

    // --- .NET

    @Test
    void aspnetCoreApiInASolutionIsThePrimaryApp() throws IOException {
        Analysis analysis = analyze("dotnet-aspnetcore-solution");
        assertFramework(analysis, "aspnetcore", "ASP.NET Core", null, "server");
        assertThat(analysis.language()).isEqualTo("csharp");
        assertThat(analysis.packageManager()).isEqualTo("dotnet");
        assertThat(analysis.apps().getFirst().directory()).isEqualTo("src/Storefront.Api");
        Analysis.BuildConfiguration build = analysis.buildConfiguration();
        assertThat(build.installCommand()).isEqualTo("dotnet restore");
        assertThat(build.buildCommand()).isEqualTo("dotnet publish Storefront.Api.csproj -c Release -o out");
        assertThat(build.startCommand())
                .isEqualTo("ASPNETCORE_URLS=http://0.0.0.0:${PORT:-8080} dotnet out/Storefront.Api.dll");
        assertThat(build.devCommand()).isEqualTo("dotnet watch run --project Storefront.Api.csproj");
        assertThat(build.runtime()).isEqualTo("dotnet");
        assertThat(build.runtimeVersion()).isEqualTo("8.0.100");
        assertThat(analysis.dependencies().development()).containsExactly("Microsoft.EntityFrameworkCore.Design");
        assertThat(analysis.evidence()).contains(
                new Evidence("framework=aspnetcore", "src/Storefront.Api/Storefront.Api.csproj", "required file"),
                new Evidence("sdk=Microsoft.NET.Sdk.Web", "src/Storefront.Api/Storefront.Api.csproj", "Project Sdk"),
                new Evidence("runtimeVersion", "global.json", "sdk.version 8.0.100"));
        assertThat(analysis.monorepo()).isTrue();
        assertThat(analysis.apps()).extracting(Analysis.App::directory)
                .containsExactlyInAnyOrder("src/Storefront.Api", "", "tests/Storefront.Api.Tests");
        assertThat(analysis.recommendations().database()).isEqualTo("postgresql");
    }

    @Test
    void blazorWebAssemblyIsAStaticSitePublishedToWwwroot() throws IOException {
        Analysis analysis = analyze("dotnet-blazor-wasm");
        assertFramework(analysis, "blazor-wasm", "Blazor WebAssembly", null, "static");
        assertThat(analysis.buildConfiguration().buildCommand()).isEqualTo("dotnet publish Dashboard.csproj -c Release -o out");
        assertThat(analysis.buildConfiguration().startCommand()).isNull();
        assertThat(analysis.buildConfiguration().outputDirectory()).isEqualTo("out/wwwroot");
        assertThat(analysis.buildConfiguration().runtimeVersion()).isEqualTo("8.0.101");
        assertThat(analysis.dependencies().development())
                .containsExactly("Microsoft.AspNetCore.Components.WebAssembly.DevServer");
        assertThat(analysis.recommendations().provider()).isEqualTo("vercel");
    }

    @Test
    void lambdaClassLibraryIsDotnetWithNothingToStart() throws IOException {
        Analysis analysis = analyze("dotnet-amplify-lambda");
        assertFramework(analysis, "dotnet", ".NET", null, "server");
        assertThat(analysis.apps()).singleElement().satisfies(app -> {
            assertThat(app.directory()).isEqualTo("src");
            assertThat(app.role()).isEqualTo("library");
        });
        assertThat(analysis.buildConfiguration().buildCommand()).isNull();
        assertThat(analysis.buildConfiguration().startCommand()).isNull();
        assertThat(analysis.buildConfiguration().runtimeVersion()).isEqualTo("8.0.404");
        assertThat(analysis.dependencies().production()).containsExactly("Amazon.Lambda.Core",
                "Amazon.Lambda.Serialization.Json");
        assertThat(analysis.evidence()).contains(new Evidence("runtimeVersion", "src/global.json", "sdk.version 8.0.404"));
    }

    @Test
    void projectFileWithADoctypeIsRefusedAndItsEntityNeverRead() throws IOException {
        Analysis analysis = analyze("dotnet-csproj-doctype");
        assertThat(analysis.framework()).isNull();
        assertThat(analysis.apps()).isEmpty();
        assertThat(analysis.warnings()).contains(
                "Evil.csproj declares a document type; it was not read (DTDs and entities are refused)");
        assertThat(analysis.toString()).doesNotContain("FIXTURE-SECRET-7f3a9c").doesNotContain("lollol");
    }

    // --- every fixture

    @Test
    void everyFixtureSaysWhereItCameFrom() throws IOException {
        try (Stream<Path> entries = Files.list(FIXTURES)) {
            entries.filter(Files::isDirectory).map(dir -> dir.getFileName().toString())
                    .filter(id -> id.matches("(python|ruby|php|elixir|dotnet)-.*"))
                    .forEach(id -> assertThat(FIXTURES.resolve(id + ".origin.md")).as(id).isRegularFile());
        }
    }

    private Analysis analyze(String fixture) throws IOException {
        Path root = FIXTURES.resolve(fixture);
        assertThat(root).isDirectory();
        return analyzer.analyze(root);
    }

    private static void assertFramework(Analysis analysis, String id, String name, String version, String kind) {
        assertThat(analysis.framework()).isNotNull();
        assertThat(analysis.framework().id()).isEqualTo(id);
        assertThat(analysis.framework().name()).isEqualTo(name);
        assertThat(analysis.framework().version()).isEqualTo(version);
        assertThat(analysis.framework().kind()).isEqualTo(kind);
    }
}
