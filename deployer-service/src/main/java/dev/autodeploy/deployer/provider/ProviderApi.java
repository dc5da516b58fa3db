package dev.autodeploy.deployer.provider;

import java.net.URI;
import java.util.List;

import dev.autodeploy.support.provider.ProviderProperties;

/** Response bodies of the provider endpoints; capabilities, regions and pricing are the configured records. */
final class ProviderApi {

    private ProviderApi() {
    }

    /**
     * A provider of the catalog.
     *
     * @param available whether this deployer has a deploy target for the provider, so environments can use it now
     */
    record ProviderView(String name, String displayName, ProviderProperties.Kind kind, String description,
            URI documentationUrl, boolean available, List<ProviderProperties.Capability> capabilities,
            List<ProviderProperties.Region> regions, ProviderProperties.Pricing pricing) {
    }
}
