package dev.autodeploy.e2e.journey;

import java.util.Map;

/**
 * The files of a tiny dependency-free Node.js app (as web/e2e/journey.e2e.ts writes it): the build prints a line every
 * {@code stepMillis} for {@code steps} steps and then writes the version; the server answers with the version and the
 * length of the secret {@code API_KEY}. A crashing release exits at start; every build carries {@code marker} on its
 * command line so the test can tell whether its process is still running.
 */
record NodeRelease(String version, int steps, int stepMillis, boolean crashes, String marker) {

    static NodeRelease good(String version, String marker) {
        return new NodeRelease(version, 3, 1000, false, marker);
    }

    static NodeRelease crashing(String version, String marker) {
        return new NodeRelease(version, 1, 200, true, marker);
    }

    static NodeRelease slowBuild(String version, String marker) {
        return new NodeRelease(version, 120, 500, false, marker);
    }

    Map<String, String> files() {
        String packageJson = """
                {"name": "e2e-hello", "private": true,
                 "scripts": {"build": "node build.js %s", "start": "node server.js"}}
                """.formatted(marker);
        String build = """
                let step = 0;
                const timer = setInterval(() => {
                  step += 1;
                  console.log('building step ' + step + ' of %d');
                  if (step === %d) { clearInterval(timer); require('fs').writeFileSync('version.txt', '%s'); }
                }, %d);
                """.formatted(steps, steps, version, stepMillis);
        String server = crashes
                ? "console.error('release " + version + " cannot start'); process.exit(1);\n"
                : """
                const version = require('fs').readFileSync(__dirname + '/version.txt', 'utf8');
                require('http').createServer((req, res) => res.end(version + ': key has ' + (process.env.API_KEY || '').length + ' chars'))
                  .listen(process.env.PORT);
                """;
        return Map.of("package.json", packageJson, "build.js", build, "server.js", server);
    }
}
