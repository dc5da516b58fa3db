package dev.autodeploy.deployer.target.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import dev.autodeploy.deployer.config.DeployerProperties;
import dev.autodeploy.deployer.target.BuildSettings;
import dev.autodeploy.deployer.target.CommandLine;
import dev.autodeploy.deployer.target.DeployFailure;
import dev.autodeploy.deployer.target.DeployTarget;
import dev.autodeploy.deployer.target.Deployed;
import dev.autodeploy.deployer.target.DeploymentContext;
import dev.autodeploy.deployer.target.DeploymentLookup;
import dev.autodeploy.deployer.target.HealthReport;
import dev.autodeploy.deployer.target.InvalidCommand;
import dev.autodeploy.deployer.target.InvalidTargetSettings;
import dev.autodeploy.deployer.target.LogSink;
import dev.autodeploy.deployer.target.Release;
import dev.autodeploy.deployer.target.TargetEnvironment;
import dev.autodeploy.deployer.target.TargetStatus;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built-in {@code local} target: releases built and run on the deployer's own machine. A build moves the
 * deployment's checkout into a release directory and runs the install and build commands there (parsed into
 * arguments, never through a shell) with the environment's variables and nothing else of the deployer's
 * environment; a deploy starts the release as a process on a free port (its start command, or a static file
 * server for a static site) with resource limits, waits for its health check, and only then points the
 * environment's stable port — a small TCP proxy — at it. The previous release keeps running beside it, so a
 * rollback is a switch; a release that fails its health check never takes over, and one that fails within the
 * watch period after taking over is switched back from. A release that crashes later is restarted (a few times).
 * Processes write their output to files and outlive the deployer: after a restart they are found again (or
 * started again) and the stable ports come back.
 */
@Component
@EnableConfigurationProperties(LocalTargetProperties.class)
class LocalDeployTarget implements DeployTarget, SmartLifecycle {

    static final String ID = "local";
    private static final Logger log = LoggerFactory.getLogger(LocalDeployTarget.class);
    private static final Set<String> SETTINGS = new TreeSet<>(Set.of("healthCheckPath", "startTimeoutSeconds",
            "buildTimeoutMinutes", "memoryLimitMb", "keepPreviousRunning", "database"));
    private static final String STATE = "state.json";
    private static final int RESTARTS = 3;
    private static final Duration RESTART_WINDOW = Duration.ofMinutes(5);
    private static final int FAILED_PROBES = 2;

    private final LocalTargetProperties properties;
    private final ObjectProvider<DeploymentLookup> lookup;
    private final JsonMapper json;
    private final Clock clock;
    private final Path root;
    private final Map<UUID, Site> sites = new ConcurrentHashMap<>();
    private final Map<UUID, Operation> operations = new ConcurrentHashMap<>();
    private final HttpProbe probe;
    private ScheduledExecutorService watchdog;
    private volatile boolean running;

    LocalDeployTarget(LocalTargetProperties properties, DeployerProperties deployer,
            ObjectProvider<DeploymentLookup> lookup, JsonMapper json, Clock clock) {
        this.properties = properties;
        this.lookup = lookup;
        this.json = json;
        this.clock = clock;
        this.root = deployer.workDirectory().resolve("local");
        this.probe = new HttpProbe(properties.healthCheckTimeout(), clock);
    }

    /** The environment's state as kept on disk. */
    record State(int stablePort, AppInstance.Record serving, AppInstance.Record standby,
            List<AppInstance.Record> starting) {
    }

    /** What the target runs for one environment. */
    private final class Site {

        private final UUID environmentId;
        private final Path directory;
        private final LocalReleases releases;
        private final Deque<Instant> restarts = new ArrayDeque<>();
        private final Set<AppInstance> starting = ConcurrentHashMap.newKeySet();
        private TcpProxy proxy;
        private volatile AppInstance serving;
        private volatile AppInstance standby;
        private volatile Map<String, String> settings = Map.of();

        Site(UUID environmentId) {
            this.environmentId = environmentId;
            this.directory = root.resolve(environmentId.toString());
            this.releases = new LocalReleases(directory, json);
        }

        String url() {
            return "http://" + properties.publicHost() + ":" + proxy.port();
        }

        synchronized void save() {
            State state = new State(proxy.port(), record(serving), record(standby),
                    starting.stream().map(AppInstance::record).toList());
            try {
                Files.createDirectories(directory);
                Path temporary = directory.resolve(STATE + ".tmp");
                Files.writeString(temporary, json.writeValueAsString(state), StandardCharsets.UTF_8);
                Files.move(temporary, directory.resolve(STATE), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            catch (IOException ex) {
                log.warn("Could not save the local state of environment {}: {}", environmentId, ex.toString());
            }
        }

        private AppInstance.Record record(AppInstance instance) {
            return instance == null ? null : instance.record();
        }

        Set<UUID> runningReleases() {
            Set<UUID> ids = new HashSet<>();
            for (AppInstance instance : List.of(Optional.ofNullable(serving), Optional.ofNullable(standby))
                    .stream().flatMap(Optional::stream).toList()) {
                ids.add(instance.releaseId());
            }
            starting.forEach(instance -> ids.add(instance.releaseId()));
            return ids;
        }
    }

    /** A build or deploy running now, which {@link #cancel} stops. */
    private static final class Operation {

        private volatile boolean cancelled;
        private volatile ChildProcess process;
        private volatile AppInstance starting;

        void cancel(Duration grace) {
            cancelled = true;
            ChildProcess current = process;
            if (current != null) {
                current.stop(grace);
            }
            AppInstance instance = starting;
            if (instance != null) {
                instance.stop(grace);
            }
        }

        void check() throws DeployFailure {
            if (cancelled) {
                throw DeployFailure.cancellation();
            }
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void checkSettings(Map<String, String> settings) {
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            String key = setting.getKey();
            String value = setting.getValue() == null ? "" : setting.getValue().strip();
            switch (key) {
                case "healthCheckPath" -> {
                    if (!value.matches("/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]{0,200}")) {
                        throw new InvalidTargetSettings("healthCheckPath must be a path starting with /.");
                    }
                }
                case "startTimeoutSeconds" -> requireNumber(key, value, 1, 900);
                case "buildTimeoutMinutes" -> requireNumber(key, value, 1, 180);
                case "memoryLimitMb" -> requireNumber(key, value, 64, 65536);
                case "keepPreviousRunning" -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        throw new InvalidTargetSettings("keepPreviousRunning must be true or false.");
                    }
                }
                case "database" -> {
                    if (!value.equals("postgresql") && !value.equals("none")) {
                        throw new InvalidTargetSettings("database must be postgresql or none.");
                    }
                }
                default -> throw new InvalidTargetSettings("The local target has no setting '" + key + "'; it knows "
                        + String.join(", ", SETTINGS) + ".");
            }
        }
    }

    private static void requireNumber(String key, String value, int min, int max) {
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw new NumberFormatException();
            }
        }
        catch (NumberFormatException ex) {
            throw new InvalidTargetSettings(key + " must be a whole number from " + min + " to " + max + ".");
        }
    }

    @Override
    public void create(TargetEnvironment environment) throws DeployFailure {
        site(environment);
    }

    // ------------------------------------------------------------------ build

    @Override
    public Release build(DeploymentContext deployment, LogSink logs) throws DeployFailure {
        Operation operation = begin(deployment.deploymentId());
        try {
            Site site = site(deployment.environment());
            UUID id = deployment.deploymentId();
            Optional<LocalReleases.Manifest> done = site.releases.complete(id);
            if (done.isPresent()) {
                logs.info("The release was built already (an earlier attempt): " + done.get().checksum());
                return release(site, done.get());
            }
            Path buildPid = site.releases.directory(id).resolve("build.pid");
            stopOrphan(buildPid);
            if (deployment.source() == null || !Files.isDirectory(deployment.source())) {
                throw DeployFailure.retryable("The checkout of the commit is missing.");
            }
            Path checkout;
            try {
                checkout = site.releases.prepare(id, deployment.source());
            }
            catch (IOException ex) {
                throw DeployFailure.retryable("Cannot prepare the release directory: " + ex.getClass().getSimpleName());
            }
            Path app = appDirectory(checkout, deployment.rootDirectory());
            BuildSettings build = deployment.build();
            Map<String, String> environment = new LinkedHashMap<>(baseEnvironment());
            environment.putAll(deployment.variables());
            environment.put("CI", "true");
            Duration timeout = minutesSetting(site, "buildTimeoutMinutes").orElse(properties.buildTimeout());
            Instant deadline = clock.instant().plus(timeout);
            if (build.installCommand() == null && build.buildCommand() == null) {
                logs.info("No install or build command: the commit is the release");
            }
            run("install command", build.installCommand(), app, environment, deadline, timeout, buildPid, operation,
                    logs);
            run("build command", build.buildCommand(), app, environment, deadline, timeout, buildPid, operation, logs);
            operation.check();
            LocalReleases.Manifest manifest;
            try {
                Path output = build.outputDirectory() == null ? app : inside(app, build.outputDirectory(),
                        "outputDirectory");
                if (!Files.isDirectory(output)) {
                    throw DeployFailure.failed("The build left no output directory " + build.outputDirectory() + ".");
                }
                manifest = new LocalReleases.Manifest(id, deployment.commitSha(), deployment.rootDirectory(),
                        LocalReleases.checksum(output), clock.instant());
                site.releases.markComplete(manifest);
                Files.deleteIfExists(buildPid);
            }
            catch (IOException ex) {
                throw DeployFailure.retryable("Cannot finish the release: " + ex.getClass().getSimpleName());
            }
            logs.info("Built release " + manifest.checksum());
            site.releases.prune(properties.keepReleases(), site.runningReleases());
            return release(site, manifest);
        }
        finally {
            operations.remove(deployment.deploymentId());
        }
    }

    /** Runs a build configuration command: each of its {@code &&}-joined parts in turn, stopping at a failure. */
    private void run(String what, String command, Path directory, Map<String, String> environment, Instant deadline,
            Duration timeout, Path pidFile, Operation operation, LogSink logs) throws DeployFailure {
        if (command == null || command.isBlank()) {
            return;
        }
        List<CommandLine.Invocation> invocations;
        CommandLine line;
        try {
            line = CommandLine.parse(command);
            invocations = line.expand(environment);
        }
        catch (InvalidCommand ex) {
            throw DeployFailure.failed("The " + what + " cannot be run: " + ex.getMessage());
        }
        logs.line("info", "build", "$ " + line);
        for (CommandLine.Invocation invocation : invocations) {
            operation.check();
            ChildProcess process;
            try {
                process = ChildProcess.start(ChildProcess.Launch.of(invocation, directory, environment,
                        OptionalInt.of(properties.maxOpenFiles())),
                        new ChildProcess.Output.Piped((level, text) -> logs.line(level, "build", text)));
            }
            catch (IOException ex) {
                throw DeployFailure.failed("The " + what + " could not start: " + ex.getMessage());
            }
            operation.process = process;
            writeIdentity(pidFile, process.identity());
            OptionalInt exit;
            try {
                operation.check();
                exit = process.waitFor(remaining(deadline));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                process.stop(properties.stopGrace());
                throw DeployFailure.retryable("Interrupted while the " + what + " ran.");
            }
            catch (DeployFailure cancelled) {
                process.stop(properties.stopGrace());
                throw cancelled;
            }
            finally {
                operation.process = null;
            }
            if (exit.isEmpty()) {
                process.stop(properties.stopGrace());
                operation.check();
                throw DeployFailure.failed("The " + what + " took longer than " + timeout.toMinutes() + " min.");
            }
            operation.check();
            if (exit.getAsInt() != 0) {
                throw DeployFailure.failed("The " + what + " `" + line + "` exited with code " + exit.getAsInt() + ".");
            }
        }
    }

    @Override
    public Optional<Release> reuse(DeploymentContext deployment, UUID builtBy) {
        Site site = site(deployment.environment());
        return site.releases.complete(builtBy).map(manifest -> release(site, manifest));
    }

    private Release release(Site site, LocalReleases.Manifest manifest) {
        return new Release(manifest.builtBy(), site.releases.directory(manifest.builtBy()).toString(),
                manifest.checksum(), Map.of("commitSha", String.valueOf(manifest.commitSha())));
    }

    // ------------------------------------------------------------------ deploy

    @Override
    public Deployed deploy(DeploymentContext deployment, Release release, LogSink logs) throws DeployFailure {
        UUID id = deployment.deploymentId();
        Operation operation = begin(id);
        try {
            Site site = site(deployment.environment());
            site.settings = deployment.environment().settings();
            if (site.releases.complete(release.builtBy()).isEmpty()) {
                throw DeployFailure.failed("The release built by " + release.builtBy() + " is no longer here.");
            }
            AppInstance serving = site.serving;
            if (serving != null && serving.deploymentId().equals(id) && serving.alive()) {
                // An earlier attempt switched over already and stopped before recording it.
                return deployed(site, serving);
            }
            AppInstance candidate = takeStandby(site, release.builtBy(), deployment.variablesVersion());
            if (candidate != null) {
                candidate.servesFor(id, logs);
                logs.info("The release is running already (pid " + candidate.pid() + ", port " + candidate.port()
                        + "): switching to it");
            }
            else {
                candidate = start(site, deployment, release, logs, operation);
            }
            awaitHealthy(site, candidate, operation, logs);
            AppInstance previous = promote(site, candidate, logs);
            watch(site, candidate, previous, operation, logs);
            return deployed(site, candidate);
        }
        finally {
            operations.remove(id);
        }
    }

    private Deployed deployed(Site site, AppInstance instance) {
        return new Deployed(site.url(), Map.of("pid", String.valueOf(instance.pid()), "port",
                String.valueOf(instance.port()), "release", instance.releaseId().toString()));
    }

    /** The standby instance when it runs the release with the same variables: a rollback without a start. */
    private AppInstance takeStandby(Site site, UUID releaseId, long variablesVersion) {
        synchronized (site) {
            AppInstance standby = site.standby;
            if (standby != null && standby.releaseId().equals(releaseId) && standby.variablesVersion() == variablesVersion
                    && standby.alive()) {
                site.standby = null;
                site.starting.add(standby);
                return standby;
            }
            return null;
        }
    }

    /** Starts the release as a new process on a free port. */
    private AppInstance start(Site site, DeploymentContext deployment, Release release, LogSink logs,
            Operation operation) throws DeployFailure {
        Path checkout = site.releases.checkout(release.builtBy());
        Path app = appDirectory(checkout, deployment.rootDirectory());
        int port;
        try {
            port = PortFinder.freeLoopbackPort();
        }
        catch (IOException ex) {
            throw DeployFailure.retryable("No free port for the app: " + ex.getMessage());
        }
        Map<String, String> environment = new LinkedHashMap<>(baseEnvironment());
        environment.putAll(deployment.variables());
        environment.put("PORT", String.valueOf(port));
        BuildSettings build = deployment.build();
        List<CommandLine.Invocation> invocations;
        String shown;
        try {
            if (build.startCommand() != null && !build.startCommand().isBlank()) {
                CommandLine line = CommandLine.parse(build.startCommand());
                shown = line.toString();
                invocations = line.expand(environment);
            }
            else {
                Path files = build.outputDirectory() == null ? app : inside(app, build.outputDirectory(),
                        "outputDirectory");
                invocations = List.of(staticServer(files, port));
                shown = "static file server for " + (build.outputDirectory() == null ? "." : build.outputDirectory());
            }
        }
        catch (InvalidCommand ex) {
            throw DeployFailure.failed("The start command cannot be run: " + ex.getMessage());
        }
        // Everything before the last part of "a && b" runs to completion first (a migration, say).
        Instant deadline = clock.instant().plus(startTimeout(site));
        if (invocations.size() > 1) {
            for (CommandLine.Invocation step : invocations.subList(0, invocations.size() - 1)) {
                runToEnd(step, app, environment, deadline, operation, logs);
            }
        }
        Path logFile = site.directory.resolve("logs").resolve(deployment.deploymentId() + "-" + port + ".log");
        logs.info("Starting " + shown + " on port " + port);
        ChildProcess process;
        try {
            process = ChildProcess.start(ChildProcess.Launch.of(invocations.getLast(), app, environment,
                    OptionalInt.of(properties.maxOpenFiles())), new ChildProcess.Output.AppendedTo(logFile));
        }
        catch (IOException ex) {
            throw DeployFailure.failed("The app could not start: " + ex.getMessage());
        }
        AppInstance instance = instance(deployment.deploymentId(), release.builtBy(), port,
                deployment.variablesVersion(), logFile, process.identity(), process, 0, logs);
        site.starting.add(instance);
        operation.starting = instance;
        site.save();
        return instance;
    }

    private AppInstance instance(UUID deploymentId, UUID releaseId, int port, long variablesVersion, Path logFile,
            ProcessIdentity identity, ChildProcess process, long offset, LogSink logs) {
        AppInstance.Sink sink = new AppInstance.Sink(logs);
        LogFileTailer tailer = new LogFileTailer(logFile, offset, sink, properties.runtimeLogLinesPerSecond(), clock);
        tailer.start();
        CompletableFuture<Integer> exit = process != null ? process.onExit()
                : identity.find().map(handle -> handle.onExit().thenApply(h -> (Integer) null))
                        .orElse(CompletableFuture.completedFuture(null));
        AppInstance instance = new AppInstance(deploymentId, releaseId, port, variablesVersion, logFile, identity,
                process, tailer, sink, exit);
        exit.whenComplete((code, failure) -> exited(instance, code));
        return instance;
    }

    private void runToEnd(CommandLine.Invocation invocation, Path directory, Map<String, String> environment,
            Instant deadline, Operation operation, LogSink logs) throws DeployFailure {
        ChildProcess process;
        try {
            process = ChildProcess.start(ChildProcess.Launch.of(invocation, directory, environment,
                    OptionalInt.of(properties.maxOpenFiles())),
                    new ChildProcess.Output.Piped((level, text) -> logs.line(level, "runtime", text)));
        }
        catch (IOException ex) {
            throw DeployFailure.failed("The start command could not start: " + ex.getMessage());
        }
        operation.process = process;
        try {
            OptionalInt exit = process.waitFor(remaining(deadline));
            operation.check();
            if (exit.isEmpty()) {
                process.stop(properties.stopGrace());
                throw DeployFailure.failed("The start command's first part did not finish in time.");
            }
            if (exit.getAsInt() != 0) {
                throw DeployFailure.failed("The start command's first part exited with code " + exit.getAsInt() + ".");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            process.stop(properties.stopGrace());
            throw DeployFailure.retryable("Interrupted while starting.");
        }
        finally {
            operation.process = null;
        }
    }

    /** A static site: the JDK's own file server (jwebserver) on the release's files. */
    private static CommandLine.Invocation staticServer(Path files, int port) {
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path jwebserver = javaHome.resolve("bin").resolve("jwebserver");
        List<String> argv = Files.isExecutable(jwebserver)
                ? List.of(jwebserver.toString(), "-b", "127.0.0.1", "-p", String.valueOf(port), "-d",
                        files.toAbsolutePath().toString(), "-o", "none")
                : List.of(javaHome.resolve("bin").resolve("java").toString(), "-m", "jdk.httpserver", "-b",
                        "127.0.0.1", "-p", String.valueOf(port), "-d", files.toAbsolutePath().toString(), "-o", "none");
        return new CommandLine.Invocation(argv, Map.of());
    }

    private void awaitHealthy(Site site, AppInstance instance, Operation operation, LogSink logs) throws DeployFailure {
        String path = site.settings.getOrDefault("healthCheckPath", properties.healthCheckPath());
        Duration timeout = startTimeout(site);
        Instant deadline = clock.instant().plus(timeout);
        HealthReport last = null;
        while (true) {
            if (operation.cancelled) {
                stop(site, instance);
                throw DeployFailure.cancellation();
            }
            if (!instance.alive()) {
                stop(site, instance);
                throw unhealthy(site, "The app exited before it answered its health check"
                        + exitCode(instance) + ".");
            }
            last = probe.probe(instance.port(), path);
            if (last.healthy()) {
                logs.info("Health check GET " + path + " answered " + last.httpStatus() + " in "
                        + last.latency().toMillis() + " ms");
                return;
            }
            if (!clock.instant().isBefore(deadline)) {
                stop(site, instance);
                throw unhealthy(site, "The app did not pass its health check GET " + path + " within "
                        + timeout.toSeconds() + " s (last: " + last.detail() + ").");
            }
            LockSupport.parkNanos(properties.healthCheckInterval().toNanos());
        }
    }

    private DeployFailure unhealthy(Site site, String message) {
        AppInstance serving = site.serving;
        return serving != null && serving.alive() ? DeployFailure.keptPrevious(message) : DeployFailure.failed(message);
    }

    private static String exitCode(AppInstance instance) {
        Integer code = instance.exit().getNow(null);
        return code == null ? "" : " (exit code " + code + ")";
    }

    /** Points the stable port at the instance; the one it replaces becomes the standby (or stops). */
    private AppInstance promote(Site site, AppInstance candidate, LogSink logs) {
        AppInstance previous;
        List<AppInstance> retired = new ArrayList<>();
        synchronized (site) {
            previous = site.serving;
            site.proxy.switchTo(candidate.port());
            site.serving = candidate;
            site.starting.remove(candidate);
            AppInstance oldStandby = site.standby;
            boolean keep = Boolean.parseBoolean(site.settings.getOrDefault("keepPreviousRunning",
                    String.valueOf(properties.keepPreviousRunning())));
            site.standby = keep && previous != null && previous != candidate && previous.alive() ? previous : null;
            if (previous != null && previous != candidate && previous != site.standby) {
                retired.add(previous);
            }
            if (oldStandby != null && oldStandby != site.standby && oldStandby != candidate) {
                retired.add(oldStandby);
            }
            site.save();
        }
        retired.forEach(instance -> retire(site, instance));
        logs.info("Serving at " + site.url() + " (pid " + candidate.pid() + ", port " + candidate.port() + ")");
        return previous;
    }

    /** Stops a replaced release once the requests still open to it are done (at most the stop grace). */
    private void retire(Site site, AppInstance instance) {
        Thread.ofVirtual().name("local-retire-" + instance.pid()).start(() -> {
            Instant until = clock.instant().plus(properties.stopGrace());
            while (site.proxy.openConnections(instance.port()) > 0 && clock.instant().isBefore(until)) {
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
            instance.stop(properties.stopGrace());
        });
    }

    /**
     * Watches a release that just took over; if it dies or fails its health check twice in a row within the watch
     * period, the environment switches back to the release it replaced.
     */
    private void watch(Site site, AppInstance candidate, AppInstance previous, Operation operation, LogSink logs)
            throws DeployFailure {
        Duration period = properties.watchPeriod();
        if (period.isZero() || period.isNegative()) {
            return;
        }
        String path = site.settings.getOrDefault("healthCheckPath", properties.healthCheckPath());
        Instant until = clock.instant().plus(period);
        int failures = 0;
        while (clock.instant().isBefore(until)) {
            LockSupport.parkNanos(properties.healthCheckInterval().toNanos());
            String problem = null;
            if (operation.cancelled) {
                problem = "cancelled";
            }
            else if (!candidate.alive()) {
                problem = "The new release exited" + exitCode(candidate) + " right after it took over.";
            }
            else {
                HealthReport report = probe.probe(candidate.port(), path);
                failures = report.healthy() ? 0 : failures + 1;
                if (failures >= FAILED_PROBES) {
                    problem = "The new release failed its health check right after it took over (" + report.detail()
                            + ").";
                }
            }
            if (problem != null) {
                boolean back = switchBack(site, candidate, previous);
                if (operation.cancelled) {
                    throw DeployFailure.cancellation();
                }
                logs.error(problem + (back ? " Switched back to the previous release." : ""));
                throw back ? DeployFailure.keptPrevious(problem) : DeployFailure.failed(problem);
            }
        }
    }

    private boolean switchBack(Site site, AppInstance failed, AppInstance previous) {
        boolean back;
        synchronized (site) {
            back = previous != null && previous.alive();
            if (back) {
                site.proxy.switchTo(previous.port());
                site.serving = previous;
                if (site.standby == previous) {
                    site.standby = null;
                }
            }
            else if (site.serving == failed) {
                site.serving = null;
            }
            site.save();
        }
        failed.stop(properties.stopGrace());
        return back;
    }

    private void stop(Site site, AppInstance instance) {
        site.starting.remove(instance);
        instance.stop(properties.stopGrace());
        site.save();
    }

    /** A process ended: a serving release that crashed is started again, a few times within a window. */
    private void exited(AppInstance instance, Integer code) {
        if (instance.stopping() || !running) {
            return;
        }
        for (Site site : sites.values()) {
            if (site.serving == instance) {
                Thread.ofVirtual().name("local-restart-" + site.environmentId).start(() -> restart(site, instance, code));
                return;
            }
            if (site.standby == instance) {
                synchronized (site) {
                    site.standby = null;
                    site.save();
                }
                return;
            }
        }
    }

    private void restart(Site site, AppInstance crashed, Integer code) {
        UUID deploymentId = crashed.deploymentId();
        DeploymentLookup deployments = lookup.getObject();
        LogSink logs = logs(deployments, deploymentId);
        Instant now = clock.instant();
        synchronized (site) {
            while (!site.restarts.isEmpty() && site.restarts.peekFirst().isBefore(now.minus(RESTART_WINDOW))) {
                site.restarts.pollFirst();
            }
            if (site.restarts.size() >= RESTARTS) {
                logs.error("The app exited" + (code == null ? "" : " with code " + code) + " and was restarted "
                        + RESTARTS + " times within " + RESTART_WINDOW.toMinutes() + " min; it stays stopped.");
                return;
            }
            site.restarts.addLast(now);
        }
        logs.warn("The app exited" + (code == null ? "" : " with code " + code) + "; starting it again");
        Optional<DeploymentContext> context = deployments.context(deploymentId);
        if (context.isEmpty()) {
            return;
        }
        Operation operation = new Operation();
        try {
            AppInstance fresh = start(site, context.get(), new Release(crashed.releaseId(), null, null, Map.of()), logs,
                    operation);
            awaitHealthy(site, fresh, operation, logs);
            synchronized (site) {
                if (site.serving != crashed) {
                    // Another deployment took over meanwhile.
                    fresh.stop(properties.stopGrace());
                    site.starting.remove(fresh);
                    return;
                }
                site.proxy.switchTo(fresh.port());
                site.serving = fresh;
                site.starting.remove(fresh);
                site.save();
            }
            logs.info("Restarted (pid " + fresh.pid() + ", port " + fresh.port() + ")");
        }
        catch (DeployFailure | RuntimeException ex) {
            logs.error("Restarting the app failed: " + ex.getMessage());
        }
    }

    // ------------------------------------------------------------------ the rest of the SPI

    @Override
    public void cancel(UUID deploymentId) {
        Operation operation = operations.get(deploymentId);
        if (operation != null) {
            operation.cancel(properties.stopGrace());
        }
    }

    @Override
    public TargetStatus status(TargetEnvironment environment) {
        Site site = sites.get(environment.environmentId());
        AppInstance serving = site == null ? null : site.serving;
        if (serving == null) {
            return new TargetStatus("stopped", null, site == null ? null : site.url(), "No release is serving.");
        }
        return new TargetStatus(serving.alive() ? "serving" : "unknown", serving.deploymentId(), site.url(),
                "pid " + serving.pid() + ", port " + serving.port());
    }

    @Override
    public HealthReport health(TargetEnvironment environment) {
        Site site = sites.get(environment.environmentId());
        Instant now = clock.instant();
        if (site == null || site.serving == null) {
            return new HealthReport(false, null, Duration.ZERO, "No release is serving.", now);
        }
        String path = environment.settings().getOrDefault("healthCheckPath", properties.healthCheckPath());
        return probe.probe(site.proxy.port(), path);
    }

    @Override
    public void destroy(TargetEnvironment environment) {
        Site site = sites.remove(environment.environmentId());
        Path directory = root.resolve(environment.environmentId().toString());
        if (site != null) {
            List<AppInstance> all = new ArrayList<>(site.starting);
            Optional.ofNullable(site.serving).ifPresent(all::add);
            Optional.ofNullable(site.standby).ifPresent(all::add);
            all.forEach(instance -> instance.stop(properties.stopGrace()));
            site.proxy.close();
        }
        else {
            readState(directory).ifPresent(this::stopRecorded);
        }
        try {
            FileSystemUtils.deleteRecursively(directory);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    // ------------------------------------------------------------------ sites and their state

    private Operation begin(UUID deploymentId) {
        Operation operation = new Operation();
        operations.put(deploymentId, operation);
        return operation;
    }

    private Site site(TargetEnvironment environment) {
        Site site = sites.computeIfAbsent(environment.environmentId(), id -> open(id, null));
        site.settings = environment.settings();
        return site;
    }

    /** The environment's site with its stable port listening: the port it had, or a free one of the range. */
    private Site open(UUID environmentId, State state) {
        Site site = new Site(environmentId);
        Set<Integer> taken = new HashSet<>();
        sites.values().forEach(other -> taken.add(other.proxy.port()));
        int port = state != null ? state.stablePort() : readState(site.directory).map(State::stablePort).orElse(0);
        try {
            InetAddress bind = InetAddress.getByName(properties.bindAddress());
            TcpProxy proxy = null;
            if (port > 0 && !taken.contains(port)) {
                try {
                    proxy = new TcpProxy(bind, port);
                    proxy.start();
                }
                catch (IOException ex) {
                    log.warn("Stable port {} of environment {} is taken; choosing another", port, environmentId);
                    proxy = null;
                }
            }
            while (proxy == null) {
                int candidate = PortFinder.firstFreeIn(properties.stablePortsFrom(), properties.stablePortsTo(), taken)
                        .orElseThrow(() -> new IllegalStateException("No free port left in the local target's range "
                                + properties.stablePortsFrom() + "-" + properties.stablePortsTo()));
                try {
                    proxy = new TcpProxy(bind, candidate);
                    proxy.start();
                }
                catch (IOException ex) {
                    taken.add(candidate);
                    proxy = null;
                }
            }
            site.proxy = proxy;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot open a stable port for environment " + environmentId, ex);
        }
        site.save();
        return site;
    }

    private Optional<State> readState(Path directory) {
        Path file = directory.resolve(STATE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(Files.readString(file, StandardCharsets.UTF_8), State.class));
        }
        catch (IOException | RuntimeException ex) {
            log.warn("Ignoring unreadable local state {}: {}", file, ex.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private void stopRecorded(State state) {
        Stream.concat(Stream.of(state.serving(), state.standby()), state.starting() == null ? Stream.empty()
                : state.starting().stream()).filter(java.util.Objects::nonNull)
                .forEach(record -> new ProcessIdentity(record.pid(), record.startedAt()).stopTree(properties.stopGrace()));
    }

    /**
     * After a restart: every environment's stable port opens again, the releases that were serving or on standby
     * are adopted when their processes still run (or the serving one is started again), and processes of a
     * deploy that was cut short are stopped.
     */
    private void restore() {
        if (!Files.isDirectory(root)) {
            return;
        }
        List<Path> directories;
        try (Stream<Path> entries = Files.list(root)) {
            directories = entries.filter(Files::isDirectory).toList();
        }
        catch (IOException ex) {
            log.warn("Cannot list {}: {}", root, ex.toString());
            return;
        }
        for (Path directory : directories) {
            UUID environmentId;
            try {
                environmentId = UUID.fromString(directory.getFileName().toString());
            }
            catch (IllegalArgumentException ex) {
                continue;
            }
            Optional<State> state = readState(directory);
            if (state.isEmpty()) {
                continue;
            }
            try {
                restore(environmentId, state.get());
            }
            catch (RuntimeException ex) {
                log.warn("Could not restore environment {}: {}", environmentId, ex.toString());
            }
        }
    }

    private void restore(UUID environmentId, State state) {
        if (state.starting() != null) {
            state.starting().forEach(record -> new ProcessIdentity(record.pid(), record.startedAt())
                    .stopTree(properties.stopGrace()));
        }
        Site site = open(environmentId, state);
        sites.put(environmentId, site);
        DeploymentLookup deployments = lookup.getObject();
        AppInstance.Record serving = state.serving();
        AppInstance.Record standby = state.standby();
        if (standby != null) {
            adopt(deployments, standby).ifPresent(instance -> site.standby = instance);
        }
        if (serving != null) {
            Optional<AppInstance> adopted = adopt(deployments, serving);
            if (adopted.isPresent()) {
                site.serving = adopted.get();
                site.proxy.switchTo(adopted.get().port());
                log.info("Environment {} serves release {} again (pid {})", environmentId, serving.releaseId(),
                        serving.pid());
            }
            else {
                // Not running any more (the machine restarted): start it again, off the start-up path.
                Thread.ofVirtual().name("local-restore-" + environmentId).start(() -> startAgain(site, serving));
            }
        }
        site.save();
    }

    private Optional<AppInstance> adopt(DeploymentLookup deployments, AppInstance.Record record) {
        ProcessIdentity identity = new ProcessIdentity(record.pid(), record.startedAt());
        if (!identity.isAlive()) {
            return Optional.empty();
        }
        Path logFile = Path.of(record.logFile());
        long offset = LogFileTailer.sizeOf(logFile);
        LogSink logs = logs(deployments, record.deploymentId());
        return Optional.of(instance(record.deploymentId(), record.releaseId(), record.port(), record.variablesVersion(),
                logFile, identity, null, offset, logs));
    }

    private void startAgain(Site site, AppInstance.Record record) {
        DeploymentLookup deployments = lookup.getObject();
        Optional<DeploymentContext> context = deployments.context(record.deploymentId());
        if (context.isEmpty() || site.releases.complete(record.releaseId()).isEmpty()) {
            log.warn("Environment {} cannot serve release {} again: it is gone", site.environmentId, record.releaseId());
            return;
        }
        LogSink logs = logs(deployments, record.deploymentId());
        logs.warn("The deployer restarted and the app was not running: starting it again");
        Operation operation = new Operation();
        try {
            AppInstance instance = start(site, context.get(), new Release(record.releaseId(), null, null, Map.of()),
                    logs, operation);
            awaitHealthy(site, instance, operation, logs);
            synchronized (site) {
                if (site.serving == null) {
                    site.proxy.switchTo(instance.port());
                    site.serving = instance;
                    site.starting.remove(instance);
                    site.save();
                    logs.info("Serving again at " + site.url());
                    return;
                }
            }
            stop(site, instance);
        }
        catch (DeployFailure | RuntimeException ex) {
            logs.error("Starting the app again failed: " + ex.getMessage());
        }
    }

    private static LogSink logs(DeploymentLookup deployments, UUID deploymentId) {
        try {
            return deployments.logs(deploymentId);
        }
        catch (RuntimeException ex) {
            return (level, source, message) -> {
            };
        }
    }

    /** Stops what uses more memory than its environment allows; the crash restart then takes over. */
    private void checkMemory() {
        for (Site site : sites.values()) {
            long limit = intSetting(site, "memoryLimitMb").map(mb -> mb * 1024L * 1024L)
                    .orElse(properties.memoryLimit().toBytes());
            List<AppInstance> instances = new ArrayList<>(site.starting);
            Optional.ofNullable(site.serving).ifPresent(instances::add);
            Optional.ofNullable(site.standby).ifPresent(instances::add);
            for (AppInstance instance : instances) {
                long used = instance.residentBytes();
                if (used > limit && instance.alive()) {
                    logs(lookup.getObject(), instance.deploymentId()).error("The app uses " + used / (1024 * 1024)
                            + " MiB, more than the " + limit / (1024 * 1024) + " MiB allowed: stopping it");
                    instance.terminate(properties.stopGrace());
                }
            }
        }
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void start() {
        running = true;
        restore();
        watchdog = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("local-memory").daemon()
                .factory());
        watchdog.scheduleWithFixedDelay(() -> {
            try {
                checkMemory();
            }
            catch (RuntimeException ex) {
                log.warn("Memory check failed: {}", ex.toString());
            }
        }, 2, 2, TimeUnit.SECONDS);
    }

    /**
     * Apps keep running (they are found again at the next start); builds and deploys under way stop, to be run
     * again when their deployments resume; the stable ports close with the deployer.
     */
    @Override
    public void stop() {
        running = false;
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
        operations.values().forEach(operation -> operation.cancel(properties.stopGrace()));
        for (Site site : sites.values()) {
            site.save();
            site.proxy.close();
            List<AppInstance> all = new ArrayList<>(site.starting);
            Optional.ofNullable(site.serving).ifPresent(all::add);
            Optional.ofNullable(site.standby).ifPresent(all::add);
            if (properties.stopAppsOnShutdown()) {
                all.forEach(instance -> instance.stop(properties.stopGrace()));
            }
            else {
                all.forEach(AppInstance::detach);
            }
        }
        sites.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Not stopped when a context is only paused (the test framework pauses idle cached contexts): that would stop
     * every environment's stable port and app, for nothing.
     */
    @Override
    public boolean isPauseable() {
        return false;
    }

    /** The probe outlives a stop: a stopped context (a paused test context, say) may be started again. */
    @PreDestroy
    void closeProbe() {
        probe.close();
    }

    // ------------------------------------------------------------------ small things

    private Map<String, String> baseEnvironment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", properties.path());
        Path home = root.resolve("home");
        Path tmp = root.resolve("tmp");
        try {
            Files.createDirectories(home);
            Files.createDirectories(tmp);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        environment.put("HOME", home.toString());
        environment.put("TMPDIR", tmp.toString());
        environment.put("LANG", "C.UTF-8");
        return environment;
    }

    private Duration startTimeout(Site site) {
        return intSetting(site, "startTimeoutSeconds").map(seconds -> Duration.ofSeconds(seconds))
                .orElse(properties.startTimeout());
    }

    private Optional<Duration> minutesSetting(Site site, String key) {
        return intSetting(site, key).map(minutes -> Duration.ofMinutes(minutes));
    }

    private static Optional<Integer> intSetting(Site site, String key) {
        String value = site.settings.get(key);
        try {
            return value == null ? Optional.empty() : Optional.of(Integer.parseInt(value.strip()));
        }
        catch (NumberFormatException ex) {
            return Optional.empty();
        }
    }

    private Duration remaining(Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Path appDirectory(Path checkout, String rootDirectory) throws DeployFailure {
        Path app = rootDirectory == null || rootDirectory.isBlank() ? checkout
                : inside(checkout, rootDirectory, "the app's directory");
        if (!Files.isDirectory(app)) {
            throw DeployFailure.failed("The commit has no directory " + rootDirectory + ".");
        }
        return app;
    }

    /** {@code relative} resolved inside {@code base}; anything leading out of it is refused. */
    private static Path inside(Path base, String relative, String what) throws DeployFailure {
        Path resolved = base.resolve(relative).normalize();
        if (!resolved.startsWith(base.normalize())) {
            throw DeployFailure.failed(what + " must stay inside the repository.");
        }
        return resolved;
    }

    private void stopOrphan(Path pidFile) {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            ProcessIdentity orphan = json.readValue(Files.readString(pidFile, StandardCharsets.UTF_8),
                    ProcessIdentity.class);
            if (orphan.isAlive()) {
                log.info("Stopping build process {} an interrupted attempt left", orphan.pid());
                orphan.stopTree(properties.stopGrace());
            }
        }
        catch (IOException | RuntimeException ex) {
            log.warn("Could not read {}: {}", pidFile, ex.getClass().getSimpleName());
        }
    }

    private void writeIdentity(Path pidFile, ProcessIdentity identity) {
        try {
            Files.createDirectories(pidFile.getParent());
            Files.writeString(pidFile, json.writeValueAsString(identity), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            log.warn("Could not record build process {}: {}", identity.pid(), ex.toString());
        }
    }
}
