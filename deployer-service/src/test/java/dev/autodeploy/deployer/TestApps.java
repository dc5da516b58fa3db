package dev.autodeploy.deployer;

import java.util.Map;

/**
 * Small real apps the local target deploys in tests: Node.js HTTP servers (the machine's {@code node}) and a
 * static site, with versions that work, crash, fail their health check, or build slowly.
 */
public final class TestApps {

    /** Build: {@code node build.js}; start: {@code node server.js}; health check {@code /health}. */
    public static final Map<String, String> NODE_BUILD = Map.of(
            "buildCommand", "node build.js", "startCommand", "node server.js", "runtime", "node");

    private TestApps() {
    }

    /**
     * A server answering {@code <version> <GREETING> key-length=<length of API_KEY>} on {@code /}, {@code ok} on
     * {@code /health}, printing its API key at start (to prove secrets are masked in logs). The build writes the
     * version into {@code version.txt} and records itself in {@code $MARKERS} when that variable is set.
     */
    public static Map<String, String> nodeServer(String version) {
        return Map.of("package.json", """
                {"name": "hello", "version": "1.0.0", "private": true,
                 "scripts": {"build": "node build.js", "start": "node server.js"}}
                """, "build.js", """
                const fs = require('fs');
                console.log('building %s');
                if (process.env.MARKERS) {
                  const n = fs.readdirSync(process.env.MARKERS).filter(f => f.startsWith('build-')).length + 1;
                  fs.writeFileSync(process.env.MARKERS + '/build-' + n, String(process.pid));
                }
                fs.writeFileSync('version.txt', '%s');
                console.error('built');
                """.formatted(version, version), "server.js", """
                const http = require('http');
                const fs = require('fs');
                const version = fs.readFileSync(__dirname + '/version.txt', 'utf8').trim();
                http.createServer((req, res) => {
                  if (req.url === '/health') { res.end('ok'); return; }
                  res.end(version + ' ' + (process.env.GREETING || '') + ' key-length='
                    + (process.env.API_KEY || '').length + ' db=' + (process.env.DATABASE_URL ? 'yes' : 'no'));
                }).listen(Number(process.env.PORT), '127.0.0.1',
                  () => console.log('listening on ' + process.env.PORT + ' with key ' + process.env.API_KEY));
                """);
    }

    /** Builds, then exits at start before answering anything. */
    public static Map<String, String> crashingServer() {
        return Map.of("server.js", """
                console.error('cannot start: missing configuration');
                process.exit(3);
                """);
    }

    /** Starts and listens, but its health check answers 500. */
    public static Map<String, String> unhealthyServer() {
        return Map.of("server.js", """
                require('http').createServer((req, res) => { res.statusCode = 500; res.end('broken'); })
                  .listen(Number(process.env.PORT), '127.0.0.1');
                """);
    }

    /**
     * A build that records itself in {@code $MARKERS} and then, the first time only, hangs until it is killed
     * (later attempts finish at once).
     */
    public static Map<String, String> buildHangingOnce() {
        return Map.of("build.js", """
                const fs = require('fs');
                const n = fs.readdirSync(process.env.MARKERS).filter(f => f.startsWith('build-')).length + 1;
                fs.writeFileSync(process.env.MARKERS + '/build-' + n, String(process.pid));
                fs.writeFileSync('version.txt', 'v-after-crash');
                console.log('build attempt ' + n);
                if (n === 1) { setInterval(() => console.log('still building'), 1000); }
                """);
    }

    /** A build that never ends on its own. */
    public static Map<String, String> buildHanging() {
        return Map.of("build.js", """
                const fs = require('fs');
                if (process.env.MARKERS) { fs.writeFileSync(process.env.MARKERS + '/slow-build', String(process.pid)); }
                console.log('building slowly');
                setInterval(() => console.log('still building'), 1000);
                """);
    }

    /** A build command that fails. */
    public static Map<String, String> buildFailing() {
        return Map.of("build.js", """
                console.error('error: cannot compile');
                process.exit(2);
                """);
    }

    /** A static site: one page, no build. */
    public static Map<String, String> staticSite(String heading) {
        return Map.of("index.html", "<!doctype html><h1>" + heading + "</h1>\n", "about/index.html",
                "<p>about</p>\n");
    }
}
