package dev.autodeploy.analyzer.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class PythonManifestsTests {

    @TempDir
    Path repo;

    private final Warnings warnings = new Warnings();

    @Test
    void requirementsDropOptionsMarkersExtrasAndComments() {
        Map<String, String> requirements = PythonManifests.requirements("""
                # comment
                --index-url https://pypi.org/simple
                -r base.txt
                -e .
                Django[argon2]>=5.0,<5.1 ; python_version >= "3.10"  # the framework
                psycopg[binary] == 3.1.18 \\
                    --hash=sha256:abc
                zope.interface
                My_Package (>=1.0)
                git+https://example.invalid/lib.git#egg=private_lib
                https://example.invalid/some.whl
                """);
        assertThat(requirements).containsExactly(entry("django", ">=5.0,<5.1"), entry("psycopg", "== 3.1.18"),
                entry("zope-interface", ""), entry("my-package", ">=1.0"), entry("private-lib", ""));
    }

    @Test
    void namesAreNormalizedTheWayPipComparesThem() {
        assertThat(PythonManifests.normalize("Flask_SQLAlchemy")).isEqualTo("flask-sqlalchemy");
        assertThat(PythonManifests.normalize("ruamel.yaml")).isEqualTo("ruamel-yaml");
        assertThat(PythonManifests.requirement("name @ https://example.invalid/x.zip")).contains(entry("name", ""));
    }

    @Test
    void pep621ProjectDeclaresProductionAndDevExtrasAndPythonVersion() throws IOException {
        write("pyproject.toml", """
                [project]
                name = "shop"
                requires-python = ">=3.12"
                dependencies = ["fastapi>=0.110", "uvicorn[standard]"]

                [project.optional-dependencies]
                test = ["pytest"]
                postgres = ["asyncpg"]
                """);
        Manifest manifest = read("").orElseThrow();
        assertThat(manifest.name()).isEqualTo("shop");
        assertThat(manifest.production()).containsOnlyKeys("fastapi", "uvicorn", "asyncpg");
        assertThat(manifest.development()).containsOnlyKeys("pytest");
        assertThat(manifest.runtimeVersion()).isEqualTo("3.12");
        assertThat(manifest.packageManager()).isEqualTo("pip");
        assertThat(manifest.installCommand()).isEqualTo("pip install .");
        assertThat(manifest.placeholders()).containsEntry("python", "python");
    }

    @Test
    void poetryProjectRunsThroughPoetryAndItsPythonEntryIsTheRuntimeNotADependency() throws IOException {
        write("pyproject.toml", """
                [tool.poetry]
                name = "api"
                [tool.poetry.dependencies]
                python = "~3.11"
                Flask = "^3.0"
                gunicorn = {version = "^21.2"}
                [tool.poetry.dev-dependencies]
                black = "*"
                [tool.poetry.group.test.dependencies]
                pytest = "^8"
                """);
        write("poetry.lock", "");
        write("app.py", "from flask import Flask\napplication = Flask(__name__)\n");
        Manifest manifest = read("").orElseThrow();
        assertThat(manifest.production()).containsOnly(entry("flask", "^3.0"), entry("gunicorn", "^21.2"));
        assertThat(manifest.development()).containsOnly(entry("black", ""), entry("pytest", "^8"));
        assertThat(manifest.runtimeVersion()).isEqualTo("3.11");
        assertThat(manifest.packageManager()).isEqualTo("poetry");
        assertThat(manifest.placeholders()).containsEntry("python", "poetry run python")
                .containsEntry("app", "app").containsEntry("callable", "app:application");
    }

    @Test
    void pipfileDeclaresPackagesAndPythonVersion() throws IOException {
        write("Pipfile", """
                [[source]]
                url = "https://pypi.org/simple"
                name = "pypi"

                [packages]
                django = "==5.0.2"
                requests = {version = "*", extras = ["socks"]}

                [dev-packages]
                pytest-django = "*"

                [requires]
                python_version = "3.11"
                """);
        Manifest manifest = read("").orElseThrow();
        assertThat(manifest.file()).isEqualTo("Pipfile");
        assertThat(manifest.production()).containsOnly(entry("django", "==5.0.2"), entry("requests", ""));
        assertThat(manifest.development()).containsOnlyKeys("pytest-django");
        assertThat(manifest.packageManager()).isEqualTo("pipenv");
        assertThat(manifest.runtimeVersion()).isEqualTo("3.11");
        assertThat(manifest.evidence()).contains(new Evidence("runtimeVersion", "Pipfile",
                "Pipfile python_version 3.11"));
    }

    @Test
    void setupPyAndSetupCfgAreReadAsTextOnly() throws IOException {
        write("setup.py", """
                import os
                os.system("echo this must never run")
                setup(
                    name="legacy",
                    python_requires=">=3.8",
                    install_requires=["flask>=2", 'gunicorn'],
                    tests_require=["pytest"],
                )
                """);
        Manifest manifest = read("").orElseThrow();
        assertThat(manifest.name()).isEqualTo("legacy");
        assertThat(manifest.production()).containsOnlyKeys("flask", "gunicorn");
        assertThat(manifest.development()).containsOnlyKeys("pytest");
        assertThat(manifest.runtimeVersion()).isEqualTo("3.8");

        Files.delete(repo.resolve("setup.py"));
        write("setup.cfg", """
                [metadata]
                name = cfgapp
                [options]
                python_requires = >=3.9
                install_requires =
                    starlette>=0.37
                    uvicorn
                [options.extras_require]
                dev =
                    pytest
                """);
        Manifest cfg = read("").orElseThrow();
        assertThat(cfg.name()).isEqualTo("cfgapp");
        assertThat(cfg.production()).containsOnlyKeys("starlette", "uvicorn");
        assertThat(cfg.development()).containsOnlyKeys("pytest");
        assertThat(cfg.runtimeVersion()).isEqualTo("3.9");
    }

    @Test
    void pythonVersionFilePrecedesRuntimeTxtToolVersionsAndTheManifest() throws IOException {
        write("requirements.txt", "flask\n");
        write("pyproject.toml", "[project]\nrequires-python = \">=3.9\"\n");
        write(".tool-versions", "python 3.10.4\n");
        assertThat(read("").orElseThrow().runtimeVersion()).isEqualTo("3.10.4");
        write("runtime.txt", "python-3.11.8\n");
        assertThat(read("").orElseThrow().runtimeVersion()).isEqualTo("3.11.8");
        write(".python-version", "3.12.2\n3.11\n");
        Manifest manifest = read("").orElseThrow();
        assertThat(manifest.runtimeVersion()).isEqualTo("3.12.2");
        assertThat(manifest.evidence()).contains(new Evidence("runtimeVersion", ".python-version", "3.12.2"));
    }

    @Test
    void brokenPyprojectAloneIsAWarningAndNoProject() throws IOException {
        write("pyproject.toml", "[project\nname = 'x'\n");
        assertThat(read("")).isEmpty();
        assertThat(warnings.list()).containsExactly(
                "pyproject.toml is not valid TOML (line 1, column 9: Newline not permitted here); it was ignored");
    }

    @Test
    void djangoPackageIsFoundByItsWsgiModuleWithoutManagePy() throws IOException {
        write("requirements.txt", "Django>=5.0\n");
        write("config/wsgi.py", "from django.core.wsgi import get_wsgi_application\n");
        write("config/settings/base.py", "");
        write("scripts/wsgi.py", "print('a WSGI shim of another kind')\n");
        assertThat(read("").orElseThrow().placeholders()).containsEntry("module", "config");
    }

    @Test
    void djangoSettingsModuleNestedInASettingsPackageStillNamesTheProjectPackage() throws IOException {
        write("requirements.txt", "Django>=5.0\n");
        write("manage.py", "os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"core.settings.production\")\n");
        write("core/wsgi.py", "");
        Manifest manifest = read("").orElseThrow();
        assertThat(manifest.placeholders()).containsEntry("module", "core");
        assertThat(manifest.evidence()).contains(new Evidence("module=core", "manage.py",
                "DJANGO_SETTINGS_MODULE core.settings.production"));
    }

    @Test
    void aSettingsModuleThatIsNotAPlainNameNeverReachesACommand() throws IOException {
        write("requirements.txt", "Django>=5.0\n");
        write("manage.py", "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'x;rm.settings')\n");
        write("x;rm/wsgi.py", "from django.core.wsgi import get_wsgi_application\n");
        assertThat(read("").orElseThrow().placeholders()).doesNotContainKey("module");
    }

    @Test
    void streamlitEntryIsTheScriptImportingStreamlit() throws IOException {
        write("requirements.txt", "streamlit\n");
        write("app.py", "print('helper')\n");
        write("dashboard.py", "import pandas\nimport streamlit as st\n");
        assertThat(read("").orElseThrow().placeholders()).containsEntry("entry", "dashboard.py");
    }

    @Test
    void noPythonManifestMeansNoPythonProject() throws IOException {
        write("main.py", "print('hi')\n");
        write("requirements-dev.txt", "pytest\n");
        assertThat(read("")).isEmpty();
    }

    @Test
    void readsTheProjectInASubdirectory() throws IOException {
        write("services/api/requirements.txt", "sanic==23.12\n");
        write("services/api/server.py", "from sanic import Sanic\napp = Sanic('api')\n");
        Manifest manifest = read("services/api").orElseThrow();
        assertThat(manifest.file()).isEqualTo("services/api/requirements.txt");
        assertThat(manifest.placeholders()).containsEntry("callable", "server:app");
        assertThat(manifest.evidence()).contains(new Evidence("app=server:app", "services/api/server.py",
                "Sanic app object"));
    }

    private Optional<Manifest> read(String directory) throws IOException {
        return new PythonManifests(new PackageManagers()).read(RepositoryTree.scan(repo, TreeLimits.DEFAULT), directory,
                warnings);
    }

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
