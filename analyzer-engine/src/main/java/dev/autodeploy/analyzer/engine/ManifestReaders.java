package dev.autodeploy.analyzer.engine;

import java.util.List;

/** Every ecosystem's manifest reader the engine ships with. */
public final class ManifestReaders {

    private ManifestReaders() {
    }

    public static List<ManifestReader> bundled() {
        PackageManagers packageManagers = new PackageManagers();
        return List.of(
                new NodeManifests(packageManagers),
                new PythonManifests(packageManagers),
                new RubyManifests(packageManagers),
                new PhpManifests(packageManagers),
                new ElixirManifests(packageManagers),
                new DotnetManifests(packageManagers),
                new DenoManifests(),
                new GoManifests(packageManagers),
                new RustManifests(packageManagers),
                new JavaManifests(packageManagers),
                new SiteManifests());
    }
}
