package dev.autodeploy.monitor.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.autodeploy.support.provider.ProviderProperties;
import dev.autodeploy.support.provider.ProviderProperties.ComputeUnit;
import dev.autodeploy.support.provider.ProviderProperties.Kind;
import dev.autodeploy.support.provider.ProviderProperties.Plan;
import dev.autodeploy.support.provider.ProviderProperties.PriceUnit;
import dev.autodeploy.support.provider.ProviderProperties.Provider;

/**
 * What an environment cost over a window at the catalog's list prices (the rules are in the module README):
 * each ready deployment's live period prorated from its plan's monthly instance price, plus, on CI providers with
 * a usage price, each build's minutes. Anything the catalog gives no price for is unknown (null), never guessed.
 */
final class CostCalculator {

    /** The month prices are prorated by: 365 × 24 / 12 hours. */
    static final BigDecimal HOURS_PER_MONTH = BigDecimal.valueOf(730);
    private static final int SCALE = 10;

    private final Map<String, Provider> providers;
    private final Map<String, String> plans;

    CostCalculator(ProviderProperties catalog, CostProperties properties) {
        this.providers = new LinkedHashMap<>();
        catalog.catalog().forEach(provider -> providers.put(provider.name(), provider));
        this.plans = properties.plans();
        plans.forEach((provider, plan) -> {
            Provider known = providers.get(provider);
            if (known == null || known.pricing().plans().stream().noneMatch(candidate -> candidate.id().equals(plan))) {
                throw new IllegalStateException("autodeploy.monitor.cost.plans." + provider + ": the provider catalog"
                        + " has no plan '" + plan + "' for '" + provider + "'");
            }
        });
    }

    /** A live period of a ready deployment, clipped to the window. */
    record Period(UUID deploymentId, String provider, String plan, Instant from, Instant to, double hours,
            BigDecimal cost, String currency) {
    }

    /** A build billed by a CI provider's usage price. */
    record Build(UUID deploymentId, String provider, String plan, double minutes, BigDecimal cost, String currency) {
    }

    record EnvironmentCost(String environment, BigDecimal cost, String currency, List<Period> periods,
            List<Build> builds) {
    }

    EnvironmentCost environment(String environment, List<DeliveryRun> runs, MetricsWindow window, Instant now) {
        Instant end = now.isBefore(window.to()) ? now : window.to();
        List<DeliveryRun> ready = runs.stream().filter(run -> run.ready() && run.finishedAt() != null)
                .sorted(Comparator.comparing(DeliveryRun::finishedAt)).toList();
        List<Period> periods = new ArrayList<>();
        for (int i = 0; i < ready.size(); i++) {
            DeliveryRun run = ready.get(i);
            Instant liveFrom = max(run.finishedAt(), window.from());
            Instant liveTo = i + 1 < ready.size() ? min(ready.get(i + 1).finishedAt(), end) : end;
            if (liveFrom.isBefore(liveTo)) {
                periods.add(period(run, liveFrom, liveTo));
            }
        }
        List<Build> builds = runs.stream().filter(run -> window.contains(run.finishedAt()) && run.runTime() != null)
                .map(this::build).flatMap(Optional::stream).toList();
        List<BigDecimal> costs = new ArrayList<>();
        List<String> currencies = new ArrayList<>();
        periods.forEach(period -> {
            costs.add(period.cost());
            currencies.add(period.currency());
        });
        builds.forEach(build -> {
            costs.add(build.cost());
            currencies.add(build.currency());
        });
        String currency = currencies.stream().filter(Objects::nonNull).distinct().count() == 1
                ? currencies.stream().filter(Objects::nonNull).findFirst().orElseThrow() : null;
        BigDecimal total = costs.contains(null) || (currency == null && !costs.isEmpty()) ? null
                : costs.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return new EnvironmentCost(environment, round(total), currency, periods, builds);
    }

    private Period period(DeliveryRun run, Instant from, Instant to) {
        Duration live = Duration.between(from, to);
        double hours = live.toMillis() / 3_600_000d;
        Optional<Provider> provider = Optional.ofNullable(run.target()).map(providers::get);
        Optional<Plan> plan = provider.flatMap(this::planOf);
        BigDecimal cost = plan.flatMap(chosen -> runtimeCost(provider.orElseThrow(), chosen, live)).orElse(null);
        return new Period(run.id(), run.target(), plan.map(Plan::id).orElse(null), from, to, hours, round(cost),
                provider.map(known -> known.pricing().currency()).orElse(null));
    }

    /**
     * Instance prices prorate by the hour; a seat price is per person, not per running environment, so it adds
     * nothing. A usage price billed for runtime (not for CI builds) depends on usage the monitor does not see.
     */
    private static Optional<BigDecimal> runtimeCost(Provider provider, Plan plan, Duration live) {
        if (plan.price() == null || (plan.compute() != null && provider.kind() != Kind.CI)) {
            return Optional.empty();
        }
        if (plan.unit() == PriceUnit.SEAT) {
            return Optional.of(BigDecimal.ZERO);
        }
        return Optional.of(plan.price().multiply(BigDecimal.valueOf(live.toMillis()))
                .divide(HOURS_PER_MONTH.multiply(BigDecimal.valueOf(3_600_000L)), SCALE, RoundingMode.HALF_EVEN));
    }

    /** CI usage: each build (started → finished) at the plan's usage price; per-minute prices bill whole minutes. */
    private Optional<Build> build(DeliveryRun run) {
        Provider provider = run.target() == null ? null : providers.get(run.target());
        if (provider == null || provider.kind() != Kind.CI) {
            return Optional.empty();
        }
        return planOf(provider).filter(plan -> plan.compute() != null).map(plan -> {
            long millis = run.runTime().toMillis();
            BigDecimal units = plan.compute().unit() == ComputeUnit.MINUTE
                    ? BigDecimal.valueOf((millis + 59_999) / 60_000)
                    : BigDecimal.valueOf(millis).divide(BigDecimal.valueOf(3_600_000L), SCALE, RoundingMode.HALF_EVEN);
            return new Build(run.id(), provider.name(), plan.id(), millis / 60_000d,
                    round(units.multiply(plan.compute().price())), provider.pricing().currency());
        });
    }

    /** The configured plan, else the first with a published price (empty when there is none). */
    Optional<Plan> planOf(Provider provider) {
        String configured = plans.get(provider.name());
        return provider.pricing().plans().stream()
                .filter(plan -> configured == null ? plan.price() != null : plan.id().equals(configured)).findFirst();
    }

    private static BigDecimal round(BigDecimal amount) {
        return amount == null ? null : amount.setScale(4, RoundingMode.HALF_EVEN);
    }

    private static Instant max(Instant left, Instant right) {
        return left.isAfter(right) ? left : right;
    }

    private static Instant min(Instant left, Instant right) {
        return left.isBefore(right) ? left : right;
    }
}
