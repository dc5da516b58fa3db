package dev.autodeploy.deployer.target.jenkins;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes the pipeline job an environment deploys with: a declarative Jenkinsfile with the stages of seed 003
 * (Checkout, then Install, Test, Build, Build Image, Push and Deploy when configured), reporting each stage and
 * the outcome back to AutoDeploy, inside a {@code WorkflowJob} config.xml whose build parameters carry every
 * value that comes from users or repositories.
 *
 * <p>No such value is ever written into the pipeline's code: the Jenkinsfile depends only on which stages there
 * are and on the agent label (checked against a strict pattern, and escaped as a Groovy literal anyway). Values
 * reach the stages as build parameters, which Jenkins hands to {@code sh} steps as environment variables; the
 * shell reads them inside double quotes, where their content is never parsed again. Commands are
 * {@link dev.autodeploy.deployer.target.CommandLine}s — checked before they get here to use no shell syntax but
 * words, quotes, variables and {@code &&} — and run with {@code eval} with globbing off, which is what that
 * syntax means to a shell. The XML is written by a DOM serializer, so {@code ]]>}, {@code <} or {@code &} in a
 * parameter's default value is just text. The callback token is a password parameter, and no step that sees it
 * traces its commands.
 */
final class JenkinsPipelineGenerator {

    static final String REPO_URL = "REPO_URL";
    static final String BRANCH = "BRANCH";
    static final String COMMIT_SHA = "COMMIT_SHA";
    static final String APP_DIR = "APP_DIR";
    static final String ENVIRONMENT = "ENVIRONMENT";
    static final String DEPLOYMENT_ID = "DEPLOYMENT_ID";
    static final String INSTALL_COMMAND = "INSTALL_COMMAND";
    static final String BUILD_COMMAND = "BUILD_COMMAND";
    static final String TEST_COMMAND = "TEST_COMMAND";
    static final String IMAGE = "IMAGE";
    static final String DEPLOY_COMMAND = "DEPLOY_COMMAND";
    static final String CALLBACK_URL = "AUTODEPLOY_CALLBACK_URL";
    static final String CALLBACK_TOKEN = "AUTODEPLOY_CALLBACK_TOKEN";

    /**
     * What the generated job does. Null or blank values leave their stage out.
     *
     * @param agentLabel the agents the pipeline may run on (null: any)
     */
    record Pipeline(String installCommand, String buildCommand, String testCommand, String image, boolean push,
            String deployCommand, String agentLabel, int timeoutMinutes) {

        boolean has(String value) {
            return value != null && !value.isBlank();
        }
    }

    private record Stage(String name, String script) {
    }

    private record Parameter(String name, String description, String defaultValue, boolean password) {
    }

    /** The job's config.xml: the pipeline and its parameters, {@code description} as the job's description. */
    String jobConfig(Pipeline pipeline, String description) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Document xml = factory.newDocumentBuilder().newDocument();
            xml.setXmlStandalone(true);
            Element root = xml.createElement("flow-definition");
            root.setAttribute("plugin", "workflow-job");
            xml.appendChild(root);
            text(xml, root, "description", description);
            text(xml, root, "keepDependencies", "false");
            Element properties = child(xml, root, "properties");
            Element parametersProperty = child(xml, properties, "hudson.model.ParametersDefinitionProperty");
            Element definitions = child(xml, parametersProperty, "parameterDefinitions");
            for (Parameter parameter : parameters(pipeline)) {
                Element definition = child(xml, definitions, parameter.password()
                        ? "hudson.model.PasswordParameterDefinition" : "hudson.model.StringParameterDefinition");
                text(xml, definition, "name", parameter.name());
                text(xml, definition, "description", parameter.description());
                text(xml, definition, "defaultValue", parameter.defaultValue());
                if (!parameter.password()) {
                    text(xml, definition, "trim", "false");
                }
            }
            Element definition = child(xml, root, "definition");
            definition.setAttribute("class", "org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition");
            definition.setAttribute("plugin", "workflow-cps");
            text(xml, definition, "script", jenkinsfile(pipeline));
            text(xml, definition, "sandbox", "true");
            child(xml, root, "triggers");
            text(xml, root, "disabled", "false");
            TransformerFactory transformers = TransformerFactory.newInstance();
            transformers.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            var transformer = transformers.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(xml), new StreamResult(out));
            return out.toString();
        }
        catch (ParserConfigurationException | TransformerException ex) {
            throw new IllegalStateException("The JDK's XML serializer is not usable", ex);
        }
    }

    /** The declarative pipeline: the same text for every pipeline with the same stages and agent label. */
    String jenkinsfile(Pipeline pipeline) {
        StringBuilder out = new StringBuilder();
        out.append("// Generated by AutoDeploy: changes made here are replaced on the next deployment.\n");
        out.append("// Every value of a deployment arrives as a build parameter; none is part of this script.\n");
        out.append("def report(String kind, String body) {\n");
        out.append("    withEnv(['AUTODEPLOY_REPORT_KIND=' + kind, 'AUTODEPLOY_REPORT_BODY=' + body]) {\n");
        out.append("        sh(label: 'Report to AutoDeploy', script: '''#!/bin/sh\n");
        out.append("[ -n \"$AUTODEPLOY_CALLBACK_URL\" ] || exit 0\n");
        out.append("printf 'X-AutoDeploy-Token: %s\\n' \"$AUTODEPLOY_CALLBACK_TOKEN\" | curl -fsS -m 10 -o /dev/null "
                + "-X POST -H @- -H 'Content-Type: application/json' --data \"$AUTODEPLOY_REPORT_BODY\" "
                + "\"$AUTODEPLOY_CALLBACK_URL/$AUTODEPLOY_REPORT_KIND\" || echo 'AutoDeploy did not take the report'\n");
        out.append("''')\n");
        out.append("    }\n");
        out.append("}\n\n");
        out.append("pipeline {\n");
        if (pipeline.has(pipeline.agentLabel())) {
            out.append("    agent { label ").append(groovyLiteral(pipeline.agentLabel())).append(" }\n");
        }
        else {
            out.append("    agent any\n");
        }
        out.append("    options {\n");
        out.append("        disableConcurrentBuilds()\n");
        out.append("        timeout(time: ").append(Math.max(1, pipeline.timeoutMinutes())).append(", unit: 'MINUTES')\n");
        out.append("    }\n");
        out.append("    stages {\n");
        for (Stage stage : stages(pipeline)) {
            String name = groovyLiteral(stage.name());
            String running = groovyLiteral("{\"stage\":\"" + stage.name() + "\",\"status\":\"running\"}");
            String success = groovyLiteral("{\"stage\":\"" + stage.name() + "\",\"status\":\"success\"}");
            String failed = groovyLiteral("{\"stage\":\"" + stage.name() + "\",\"status\":\"failed\"}");
            out.append("        stage(").append(name).append(") {\n");
            out.append("            steps {\n");
            out.append("                report('stage', ").append(running).append(")\n");
            out.append("                sh(label: ").append(name).append(", script: '''#!/bin/sh -e\n");
            out.append("set -f\n");
            out.append(stage.script());
            out.append("''')\n");
            out.append("            }\n");
            out.append("            post {\n");
            out.append("                success { report('stage', ").append(success).append(") }\n");
            out.append("                unsuccessful { report('stage', ").append(failed).append(") }\n");
            out.append("            }\n");
            out.append("        }\n");
        }
        out.append("    }\n");
        out.append("    post {\n");
        out.append("        success { report('status', '{\"status\":\"success\"}') }\n");
        out.append("        unstable { report('status', '{\"status\":\"failed\",\"reason\":\"unstable\"}') }\n");
        out.append("        failure { report('status', '{\"status\":\"failed\"}') }\n");
        out.append("        aborted { report('status', '{\"status\":\"canceled\"}') }\n");
        out.append("    }\n");
        out.append("}\n");
        return out.toString();
    }

    /** The stages, in order; each script is shell text with no value in it, only parameter references. */
    private static List<Stage> stages(Pipeline pipeline) {
        List<Stage> stages = new ArrayList<>();
        stages.add(new Stage("Checkout", """
                git init -q .
                git remote remove origin 2>/dev/null || true
                git remote add origin "$REPO_URL"
                git fetch -q --depth 1 origin "$COMMIT_SHA" || git fetch -q origin
                git checkout -q --force "$COMMIT_SHA"
                git log -1 --format='Checked out %h %s'
                """));
        if (pipeline.has(pipeline.installCommand())) {
            stages.add(new Stage("Install", command(INSTALL_COMMAND)));
        }
        if (pipeline.has(pipeline.testCommand())) {
            stages.add(new Stage("Test", command(TEST_COMMAND)));
        }
        if (pipeline.has(pipeline.buildCommand())) {
            stages.add(new Stage("Build", command(BUILD_COMMAND)));
        }
        if (pipeline.has(pipeline.image())) {
            stages.add(new Stage("Build Image", """
                    cd "./$APP_DIR"
                    docker build -t "$IMAGE:$COMMIT_SHA" .
                    """));
            if (pipeline.push()) {
                stages.add(new Stage("Push", """
                        docker push "$IMAGE:$COMMIT_SHA"
                        """));
            }
        }
        if (pipeline.has(pipeline.deployCommand())) {
            stages.add(new Stage("Deploy", """
                    IMAGE_REF="$IMAGE:$COMMIT_SHA"
                    export IMAGE_REF
                    """ + command(DEPLOY_COMMAND)));
        }
        return stages;
    }

    /** The names of the pipeline's stages, in order. */
    static List<String> stageNames(Pipeline pipeline) {
        return stages(pipeline).stream().map(Stage::name).toList();
    }

    /** Runs the command held by parameter {@code parameter} in the app's directory. */
    private static String command(String parameter) {
        return "cd \"./$APP_DIR\"\n"
                + "printf '+ %s\\n' \"$" + parameter + "\"\n"
                + "eval \"$" + parameter + "\"\n";
    }

    /** The job's parameters, with the defaults a manual "Build with Parameters" starts from. */
    private static List<Parameter> parameters(Pipeline pipeline) {
        Map<String, String[]> values = new LinkedHashMap<>();
        values.put(REPO_URL, new String[] {"The Git repository to check out", ""});
        values.put(BRANCH, new String[] {"The branch the commit is on", ""});
        values.put(COMMIT_SHA, new String[] {"The commit to build and deploy", ""});
        values.put(APP_DIR, new String[] {"The app's directory in the repository", "."});
        values.put(ENVIRONMENT, new String[] {"The AutoDeploy environment", ""});
        values.put(DEPLOYMENT_ID, new String[] {"The AutoDeploy deployment this build carries out", ""});
        values.put(INSTALL_COMMAND, new String[] {"Installs dependencies", orEmpty(pipeline.installCommand())});
        values.put(BUILD_COMMAND, new String[] {"Builds the app", orEmpty(pipeline.buildCommand())});
        values.put(TEST_COMMAND, new String[] {"Runs the tests", orEmpty(pipeline.testCommand())});
        values.put(IMAGE, new String[] {"The image repository, tagged with the commit", orEmpty(pipeline.image())});
        values.put(DEPLOY_COMMAND, new String[] {"Deploys the image (IMAGE_REF)", orEmpty(pipeline.deployCommand())});
        values.put(CALLBACK_URL, new String[] {"Where the pipeline reports its stages and outcome", ""});
        List<Parameter> parameters = new ArrayList<>();
        values.forEach((name, value) -> parameters.add(new Parameter(name, value[0], value[1], false)));
        parameters.add(new Parameter(CALLBACK_TOKEN, "The deployment's callback token", "", true));
        return parameters;
    }

    /** {@code value} as a Groovy single-quoted string literal (no interpolation happens in those). */
    static String groovyLiteral(String value) {
        StringBuilder out = new StringBuilder("'");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('\'').toString();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static Element child(Document xml, Element parent, String name) {
        Element element = xml.createElement(name);
        parent.appendChild(element);
        return element;
    }

    private static void text(Document xml, Element parent, String name, String value) {
        child(xml, parent, name).setTextContent(value);
    }
}
