package dev.autodeploy.deployer.target;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/** The deploy targets this deployer has, by id. */
@Component
public class DeployTargets {

    private final Map<String, DeployTarget> byId;

    public DeployTargets(List<DeployTarget> targets) {
        this.byId = targets.stream().collect(Collectors.toUnmodifiableMap(DeployTarget::id, Function.identity()));
    }

    public Optional<DeployTarget> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Set<String> ids() {
        return byId.keySet();
    }
}
