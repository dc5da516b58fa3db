package dev.autodeploy.deployer.provider;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.autodeploy.deployer.target.DeployTargets;
import dev.autodeploy.support.provider.ProviderProperties;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

/**
 * The configured providers, each marked available when this deployer has a deploy target of that name. The
 * catalog itself never depends on the targets: a provider is listed (with its capabilities, regions and
 * prices) before AutoDeploy can deploy to it.
 */
@Component
class ProviderCatalog {

    static final String SORTABLE = "name";

    private final Map<String, ProviderProperties.Provider> byName = new LinkedHashMap<>();
    private final DeployTargets targets;

    ProviderCatalog(ProviderProperties properties, DeployTargets targets) {
        properties.catalog().forEach(provider -> byName.put(provider.name(), provider));
        this.targets = targets;
    }

    /** A page of the providers, in catalog order unless sorted by name. */
    Page<ProviderApi.ProviderView> list(Pageable pageable) {
        List<ProviderApi.ProviderView> all = byName.values().stream().map(this::view)
                .sorted(comparator(pageable.getSort())).toList();
        int from = (int) Math.min(pageable.getOffset(), all.size());
        int to = Math.min(from + pageable.getPageSize(), all.size());
        return new PageImpl<>(all.subList(from, to), pageable, all.size());
    }

    ProviderApi.ProviderView get(String name) {
        return view(require(name));
    }

    List<ProviderProperties.Capability> capabilities(String name) {
        return require(name).capabilities();
    }

    List<ProviderProperties.Region> regions(String name) {
        return require(name).regions();
    }

    ProviderProperties.Pricing pricing(String name) {
        return require(name).pricing();
    }

    private ProviderProperties.Provider require(String name) {
        return Optional.ofNullable(byName.get(name)).orElseThrow(ProviderProblems.ProviderNotFound::new);
    }

    private ProviderApi.ProviderView view(ProviderProperties.Provider provider) {
        return new ProviderApi.ProviderView(provider.name(), provider.displayName(), provider.kind(),
                provider.description(), provider.documentationUrl(), targets.find(provider.name()).isPresent(),
                provider.capabilities(), provider.regions(), provider.pricing());
    }

    /** Catalog order is the default; {@code sort=name[,desc]} is the only other order. */
    private static Comparator<ProviderApi.ProviderView> comparator(Sort sort) {
        Comparator<ProviderApi.ProviderView> order = (left, right) -> 0;
        for (Sort.Order by : sort) {
            if (!SORTABLE.equals(by.getProperty())) {
                throw new ProviderProblems.InvalidSort(SORTABLE);
            }
            Comparator<ProviderApi.ProviderView> byName = Comparator.comparing(ProviderApi.ProviderView::name);
            order = order.thenComparing(by.isAscending() ? byName : byName.reversed());
        }
        return order;
    }
}
