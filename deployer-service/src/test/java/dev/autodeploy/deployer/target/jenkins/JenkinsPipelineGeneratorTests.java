package dev.autodeploy.deployer.target.jenkins;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.xml.parsers.DocumentBuilderFactory;

import dev.autodeploy.deployer.target.BuildSettings;
import dev.autodeploy.deployer.target.FollowedRuns;
import dev.autodeploy.deployer.target.CommandLine;
import dev.autodeploy.deployer.target.DeployFailure;
import dev.autodeploy.deployer.target.DeploymentContext;
import dev.autodeploy.deployer.target.InvalidTargetSettings;
import dev.autodeploy.deployer.target.TargetEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The generated pipeline job: seed 003's stages as configured, and no value a user or repository controls ever
 * part of the pipeline's code — such values are refused (422) or travel as build parameters.
 */
class JenkinsPipelineGeneratorTests {

    private static final String NASTY = "echo ']]></script><x>&amp;' \"${HOME}\" \\'quoted\\'";

    private final JenkinsPipelineGenerator generator = new JenkinsPipelineGenerator();

    private static JenkinsPipelineGenerator.Pipeline pipeline(String command, String image, boolean push,
            String deploy) {
        return new JenkinsPipelineGenerator.Pipeline(command, command, command, image, push, deploy, null, 60);
    }

    @Test
    void stagesFollowTheConfiguration() {
        assertThat(JenkinsPipelineGenerator.stageNames(pipeline(null, null, true, null))).containsExactly("Checkout");
        assertThat(JenkinsPipelineGenerator.stageNames(pipeline("npm ci", "registry.example.com/shop", true,
                "./deploy.sh"))).containsExactly("Checkout", "Install", "Test", "Build", "Build Image", "Push",
                        "Deploy");
        assertThat(JenkinsPipelineGenerator.stageNames(new JenkinsPipelineGenerator.Pipeline(null, "npm run build",
                null, "shop", false, null, null, 60))).containsExactly("Checkout", "Build", "Build Image");
    }

    @Test
    void thePipelineIsTheSameWhateverTheValuesAreAndHoldsNoneOfThem() {
        String plain = generator.jenkinsfile(pipeline("npm ci", "shop", true, "./deploy.sh"));
        String nasty = generator.jenkinsfile(pipeline(NASTY, "evil.example.com:5000/x/y", true, NASTY));

        assertThat(nasty).isEqualTo(plain).doesNotContain("]]>", "<x>", "evil.example.com", "npm ci", "deploy.sh");
        // values reach the shell only as quoted environment variables, never through Groovy interpolation
        assertThat(plain).contains("eval \"$TEST_COMMAND\"", "git checkout -q --force \"$COMMIT_SHA\"",
                "git remote add origin \"$REPO_URL\"", "docker build -t \"$IMAGE:$COMMIT_SHA\" .")
                .doesNotContain("\"\"\"", "${params", "params.").doesNotContainPattern("\\bsh\\s*\\(?\\s*\"");
        // no step that can see the callback token traces its commands (sh -x would print it)
        assertThat(plain).doesNotContain("set -x").contains("script: '''#!/bin/sh\n");
        assertThat(plain.lines().filter(line -> line.contains("script: '''")))
                .allMatch(line -> line.endsWith("'''#!/bin/sh") || line.endsWith("'''#!/bin/sh -e"));
    }

    @Test
    void theJobConfigIsWellFormedAndValuesAreOnlyParameterDefaults() throws Exception {
        JenkinsPipelineGenerator.Pipeline pipeline = pipeline(NASTY, "registry.example.com/shop", true, NASTY);
        String xml = generator.jobConfig(pipeline, "Deploys <shop> & co ]]> for AutoDeploy");

        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element root = document.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("flow-definition");
        assertThat(text(root, "description")).isEqualTo("Deploys <shop> & co ]]> for AutoDeploy");
        Element definition = (Element) root.getElementsByTagName("definition").item(0);
        assertThat(definition.getAttribute("class")).isEqualTo("org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition");
        assertThat(text(definition, "script")).isEqualTo(generator.jenkinsfile(pipeline));
        assertThat(text(definition, "sandbox")).isEqualTo("true");
        Map<String, String> defaults = new LinkedHashMap<>();
        Map<String, String> kinds = new HashMap<>();
        NodeList parameters = root.getElementsByTagName("parameterDefinitions").item(0).getChildNodes();
        for (int i = 0; i < parameters.getLength(); i++) {
            if (parameters.item(i) instanceof Element parameter) {
                defaults.put(text(parameter, "name"), text(parameter, "defaultValue"));
                kinds.put(text(parameter, "name"), parameter.getTagName());
            }
        }
        assertThat(defaults).containsEntry("TEST_COMMAND", NASTY).containsEntry("DEPLOY_COMMAND", NASTY)
                .containsEntry("INSTALL_COMMAND", NASTY).containsEntry("BUILD_COMMAND", NASTY)
                .containsEntry("IMAGE", "registry.example.com/shop").containsEntry("AUTODEPLOY_CALLBACK_TOKEN", "")
                .containsKeys("REPO_URL", "BRANCH", "COMMIT_SHA", "APP_DIR", "ENVIRONMENT", "DEPLOYMENT_ID",
                        "AUTODEPLOY_CALLBACK_URL");
        assertThat(kinds).containsEntry("AUTODEPLOY_CALLBACK_TOKEN", "hudson.model.PasswordParameterDefinition")
                .containsEntry("TEST_COMMAND", "hudson.model.StringParameterDefinition");
        // the nasty value occurs in the document only as the four defaults it was given for
        assertThat(xml.split("script&gt;&lt;x&gt;", -1)).hasSize(5);
    }

    @Test
    void anAgentLabelIsAnEscapedGroovyLiteral() {
        assertThat(JenkinsPipelineGenerator.groovyLiteral("a'b\\c\n$x")).isEqualTo("'a\\'b\\\\c\\n$x'");
        String pipeline = generator.jenkinsfile(new JenkinsPipelineGenerator.Pipeline(null, null, null, null, true,
                null, "linux-docker", 30));
        assertThat(pipeline).contains("agent { label 'linux-docker' }", "timeout(time: 30, unit: 'MINUTES')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"npm test $(curl evil)", "npm test `curl evil`",
            "npm test ${X:-$(curl evil)}", "npm test\ncurl evil", "npm test; curl evil", "npm test | sh",
            "npm test > /etc/passwd"})
    void commandsThatNeedAShellAreRefused(String command) {
        assertRefused(Map.of("providerId", UUID.randomUUID().toString(), "testCommand", command));
        assertRefused(Map.of("providerId", UUID.randomUUID().toString(), "deployCommand", command));
    }

    /**
     * What the pipeline's {@code eval "$X"} makes of a command the settings accept is exactly the argument list
     * {@link CommandLine} reads from it: quotes stay quotes, {@code ;} inside them is a character, variables are
     * expanded once and never re-parsed. Run by a real {@code /bin/sh}.
     */
    @ParameterizedTest
    @ValueSource(strings = {"printf [%s] test'; sh 'curl evil", "printf [%s] \"${PAYLOAD}\" ${PAYLOAD}",
            "printf [%s] 'a'\"b\"\\$PAYLOAD \"]]>\"", "printf [%s] \"${MISSING:-$PAYLOAD}\"", "printf [%s] *"})
    void acceptedCommandsMeanToTheShellWhatTheyMeanToCommandLine(String command) throws Exception {
        Map<String, String> environment = Map.of("PAYLOAD", "$(touch /tmp/pwned); `id` ; ' \" *");
        JenkinsSettings.of(Map.of("providerId", UUID.randomUUID().toString(), "testCommand", command));
        List<String> argv = CommandLine.parse(command).expand(environment).getFirst().argv();
        StringBuilder expected = new StringBuilder();
        argv.subList(2, argv.size()).forEach(argument -> expected.append('[').append(argument).append(']'));

        ProcessBuilder shell = new ProcessBuilder("/bin/sh", "-c", "set -f\neval \"$TEST_COMMAND\"")
                .redirectErrorStream(true);
        shell.environment().putAll(environment);
        shell.environment().put("TEST_COMMAND", command);
        Process process = shell.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).isZero();
        assertThat(output).isEqualTo(expected.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jobName=main'; sh 'curl evil", "jobName=../admin", "jobName=a b", "jobName=]]>",
            "folder=team/../../x", "folder=team//x", "folder=.hidden", "jobName=-rf", "image=Shop:latest",
            "image=]]><x/>", "image=reg.example.com/a b", "agentLabel=x'){ sh 'curl evil' }",
            "agentLabel=${evil}", "timeoutMinutes=1e3", "url=javascript:alert(1)", "push=yes", "script=evil"})
    void settingsThatCouldBecomeCodeOrPathsAreRefused(String setting) {
        String[] pair = setting.split("=", 2);
        Map<String, String> settings = new HashMap<>(Map.of("providerId", UUID.randomUUID().toString()));
        settings.put(pair[0], pair[1]);
        assertRefused(settings);
    }

    @Test
    void goodSettingsAreRead() {
        UUID provider = UUID.randomUUID();
        JenkinsSettings settings = JenkinsSettings.of(Map.of("providerId", provider.toString(), "folder", "team/apps",
                "image", "registry.example.com:5000/team/shop", "push", "false", "testCommand", "npm test",
                "url", "https://shop.example.com"));

        assertThat(settings.providerId()).isEqualTo(provider);
        assertThat(settings.push()).isFalse();
        assertThat(settings.job(environment(Map.of())).fullName()).isEqualTo("team/apps/shop-production");
        assertRefused(Map.of("folder", "team"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"main'; sh 'curl evil", "$(curl evil)", "${env.X}", "main\ncurl evil", "-upload-pack=x",
            "a..b"})
    void branchesThatAreNoPlainGitRefsAreNotPassedToJenkins(String branch) {
        assertThatThrownBy(() -> target().parameters(context(branch, "0123456789abcdef0123456789abcdef01234567")))
                .isInstanceOf(DeployFailure.class).hasMessageNotContaining("\n");
    }

    @Test
    void aCommitThatIsNoCommitIdIsNotPassedToJenkins() {
        assertThatThrownBy(() -> target().parameters(context("main", "$(curl evil)")))
                .isInstanceOf(DeployFailure.class);
    }

    @Test
    void theDeploymentsValuesAreTheBuildsParameters() throws DeployFailure {
        DeploymentContext context = context("feature/login", "0123456789abcdef0123456789abcdef01234567");

        Map<String, String> parameters = target().parameters(context);

        assertThat(parameters).containsEntry("BRANCH", "feature/login")
                .containsEntry("COMMIT_SHA", "0123456789abcdef0123456789abcdef01234567")
                .containsEntry("REPO_URL", "https://git.example.com/shop.git").containsEntry("APP_DIR", "web")
                .containsEntry("ENVIRONMENT", "production").containsEntry("INSTALL_COMMAND", "npm ci")
                .containsEntry("BUILD_COMMAND", "npm run build").containsEntry("TEST_COMMAND", "npm test")
                .containsEntry("DEPLOYMENT_ID", context.deploymentId().toString())
                .containsEntry("AUTODEPLOY_CALLBACK_TOKEN", "callback-secret")
                .containsEntry("AUTODEPLOY_CALLBACK_URL", "https://autodeploy.example.com/api/v1/webhooks/jenkins/"
                        + context.deploymentId());
    }

    private static JenkinsDeployTarget target() {
        return new JenkinsDeployTarget(null, null, null, null, null, new JenkinsTargetProperties(
                URI.create("https://autodeploy.example.com/"), Duration.ofMillis(10), Duration.ofMinutes(1)),
                new FollowedRuns(), Clock.systemUTC());
    }

    private static TargetEnvironment environment(Map<String, String> settings) {
        return new TargetEnvironment(UUID.randomUUID(), UUID.randomUUID(), "shop", UUID.randomUUID(), "production",
                settings);
    }

    private static DeploymentContext context(String branch, String commit) {
        return new DeploymentContext(UUID.randomUUID(), environment(Map.of("providerId", UUID.randomUUID().toString(),
                "testCommand", "npm test")), "https://git.example.com/shop.git", branch, commit, Instant.now(), "web",
                (Path) null, new BuildSettings("npm ci", "npm run build", "npm start", null, "node", null), Map.of(),
                java.util.Set.of(), 1, "callback-secret");
    }

    private static void assertRefused(Map<String, String> settings) {
        assertThatThrownBy(() -> JenkinsSettings.of(settings)).isInstanceOf(InvalidTargetSettings.class)
                .satisfies(failure -> assertThat(((InvalidTargetSettings) failure).status().value()).isEqualTo(422));
    }

    private static String text(Element parent, String name) {
        NodeList found = parent.getElementsByTagName(name);
        return found.getLength() == 0 ? null : found.item(0).getTextContent();
    }

}
