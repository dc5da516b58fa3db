package dev.autodeploy.analyzer.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class DotnetManifestsTests {

    @TempDir
    Path repo;

    private final Warnings warnings = new Warnings();

    @Test
    void webProjectDeclaresSdkPackagesAndTheAssemblyToRun() throws IOException {
        write("Api.csproj", """
                \uFEFF<Project Sdk="Microsoft.NET.Sdk.Web">
                  <PropertyGroup>
                    <TargetFramework>net8.0</TargetFramework>
                    <AssemblyName>Shop.Api</AssemblyName>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Npgsql" Version="8.0.2" />
                    <PackageReference Include="Serilog"><Version>3.1.1</Version></PackageReference>
                    <PackageReference Include="StyleCop.Analyzers" Version="1.1.118" PrivateAssets="all" />
                    <PackageReference Update="Serilog" Version="9.9.9" />
                  </ItemGroup>
                </Project>
                """);
        Manifest manifest = read("").orElseThrow();
        assertThat(manifest.production()).containsOnly(entry("Npgsql", "8.0.2"), entry("Serilog", "3.1.1"));
        assertThat(manifest.development()).containsOnly(entry("StyleCop.Analyzers", "1.1.118"));
        assertThat(manifest.placeholders()).containsEntry("project", "Api.csproj").containsEntry("assembly", "Shop.Api");
        assertThat(manifest.language()).isEqualTo("csharp");
        assertThat(manifest.runtimeVersion()).isEqualTo("8.0");
        assertThat(manifest.packageManager()).isEqualTo("dotnet");
        assertThat(manifest.evidence()).contains(new Evidence("sdk=Microsoft.NET.Sdk.Web", "Api.csproj", "Project Sdk"),
                new Evidence("runtimeVersion", "Api.csproj", "TargetFramework net8.0"));
    }

    @Test
    void aDoctypeIsRefusedSoNoEntityIsEverExpanded() throws IOException {
        write("secret.txt", "TOP-SECRET-VALUE");
        write("Evil.csproj", """
                <?xml version="1.0"?>
                <!DOCTYPE Project [ <!ENTITY secret SYSTEM "secret.txt"> ]>
                <Project Sdk="Microsoft.NET.Sdk.Web">
                  <PropertyGroup><AssemblyName>&secret;</AssemblyName></PropertyGroup>
                </Project>
                """);
        assertThat(read("")).isEmpty();
        assertThat(warnings.list()).containsExactly(
                "Evil.csproj declares a document type; it was not read (DTDs and entities are refused)");
    }

    @Test
    void anExternalDtdIsNeverFetched() {
        Optional<DotnetManifests.Project> project = DotnetManifests.parse("Remote.csproj", """
                <!DOCTYPE Project SYSTEM "http://127.0.0.1:1/never.dtd">
                <Project Sdk="Microsoft.NET.Sdk"/>
                """, warnings);
        assertThat(project).isEmpty();
        assertThat(warnings.list()).singleElement().asString().contains("refused");
    }

    @Test
    void malformedXmlIsAWarningWithTheLine() {
        assertThat(DotnetManifests.parse("Broken.csproj", "<Project>\n<PropertyGroup>\n</Project>", warnings))
                .isEmpty();
        assertThat(warnings.list()).singleElement().asString().startsWith("Broken.csproj is not well-formed XML: line 3");
    }

    @Test
    void aClassLibraryGetsNoCommandPlaceholders() throws IOException {
        write("Lib.fsproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFrameworks>net8.0;net6.0</TargetFrameworks></PropertyGroup>
                </Project>
                """);
        Manifest manifest = read("").orElseThrow();
        assertThat(manifest.placeholders()).isEmpty();
        assertThat(manifest.language()).isEqualTo("fsharp");
        assertThat(manifest.runtimeVersion()).isEqualTo("8.0");
    }

    @Test
    void anExecutableIsPreferredOverALibraryInTheSameDirectory() throws IOException {
        write("A.Lib.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"/>");
        write("B.Cli.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType>"
                + "</PropertyGroup></Project>");
        Manifest manifest = read("").orElseThrow();
        assertThat(manifest.file()).isEqualTo("B.Cli.csproj");
        assertThat(manifest.placeholders()).containsEntry("assembly", "B.Cli");
    }

    @Test
    void centrallyManagedVersionsComeFromDirectoryPackagesProps() throws IOException {
        write("Directory.Packages.props", """
                <Project>
                  <ItemGroup><PackageVersion Include="Dapper" Version="2.1.35" /></ItemGroup>
                </Project>
                """);
        write("src/Api/Api.csproj", """
                <Project Sdk="Microsoft.NET.Sdk.Web">
                  <ItemGroup><PackageReference Include="Dapper" /></ItemGroup>
                </Project>
                """);
        write("global.json", "{ \"sdk\": { \"version\": \"8.0.204\", \"rollForward\": \"latestMinor\" } }");
        Manifest manifest = read("src/Api").orElseThrow();
        assertThat(manifest.production()).containsOnly(entry("Dapper", "2.1.35"));
        assertThat(manifest.runtimeVersion()).isEqualTo("8.0.204");
        assertThat(manifest.evidence()).contains(new Evidence("runtimeVersion", "global.json", "sdk.version 8.0.204"));
    }

    @Test
    void aSolutionAloneDeclaresItsProjectsAsWorkspaces() throws IOException {
        write("All.sln", """
                Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Web", "src\\Web\\Web.csproj", "{1}"
                EndProject
                Project("{2150E333-8FDC-42A3-9474-1A3956D46DE8}") = "Solution Items", "Solution Items", "{2}"
                EndProject
                Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Evil", "..\\outside\\Evil.csproj", "{3}"
                EndProject
                """);
        Manifest manifest = read("").orElseThrow();
        assertThat(manifest.file()).isEqualTo("All.sln");
        assertThat(manifest.name()).isEqualTo("All");
        assertThat(manifest.workspaces()).containsExactly("src/Web");
        assertThat(manifest.placeholders()).isEmpty();
    }

    @Test
    void noProjectFileMeansNoDotnetProject() throws IOException {
        write("Program.cs", "Console.WriteLine(1);");
        assertThat(read("")).isEmpty();
    }

    private Optional<Manifest> read(String directory) throws IOException {
        return new DotnetManifests(new PackageManagers()).read(RepositoryTree.scan(repo, TreeLimits.DEFAULT), directory,
                warnings);
    }

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
