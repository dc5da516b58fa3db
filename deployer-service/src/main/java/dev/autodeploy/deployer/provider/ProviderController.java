package dev.autodeploy.deployer.provider;

import java.util.List;

import dev.autodeploy.support.provider.ProviderProperties;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/providers}: the providers AutoDeploy knows, with their capabilities, regions and list prices,
 * and whether this deployer can deploy to each yet. The same for every organization: any signed-in user reads
 * it; an unknown name answers 404.
 */
@RestController
@RequestMapping("/api/v1/providers")
class ProviderController {

    private final ProviderCatalog catalog;

    ProviderController(ProviderCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    PagedModel<ProviderApi.ProviderView> list(@PageableDefault(size = 20) Pageable pageable) {
        return new PagedModel<>(catalog.list(pageable));
    }

    @GetMapping("/{name}")
    ProviderApi.ProviderView get(@PathVariable String name) {
        return catalog.get(name);
    }

    @GetMapping("/{name}/capabilities")
    List<ProviderProperties.Capability> capabilities(@PathVariable String name) {
        return catalog.capabilities(name);
    }

    @GetMapping("/{name}/regions")
    List<ProviderProperties.Region> regions(@PathVariable String name) {
        return catalog.regions(name);
    }

    @GetMapping("/{name}/pricing")
    ProviderProperties.Pricing pricing(@PathVariable String name) {
        return catalog.pricing(name);
    }
}
