package dev.autodeploy.support.provider;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;

/**
 * The providers AutoDeploy knows, as configured once for every service ({@code autodeploy.providers} in
 * {@code config-repo/application.yml}): what each is, what it can do as a deploy target, where it runs and what it
 * costs. Independent of which deploy targets a deployer has. A service that needs it enables it with
 * {@code @EnableConfigurationProperties(ProviderProperties.class)}.
 *
 * @param catalog every provider, in the order the catalog lists them
 */
@Validated
@ConfigurationProperties("autodeploy.providers")
public record ProviderProperties(@NotEmpty List<@Valid @NotNull Provider> catalog) {

    private static final String SLUG = "[a-z0-9]+(-[a-z0-9]+)*";
    private static final String NOT_A_SLUG = "must be lower-case words joined by '-'";

    @AssertTrue(message = "provider names must be unique")
    boolean isEachNameUnique() {
        return catalog == null || unique(catalog.stream(), Provider::name);
    }

    /**
     * One provider.
     *
     * @param name stable id, also the id of the deployer's deploy target that deploys to it (a deployment's
     *        {@code target})
     * @param documentationUrl the provider's own documentation
     */
    public record Provider(@NotBlank @Pattern(regexp = SLUG, message = NOT_A_SLUG) String name,
            @NotBlank @Size(max = 60) String displayName,
            @NotNull Kind kind,
            @NotBlank @Size(max = 200) String description,
            @NotNull URI documentationUrl,
            @NotEmpty List<@Valid @NotNull Capability> capabilities,
            @NotEmpty List<@Valid @NotNull Region> regions,
            @NotNull @Valid Pricing pricing) {

        @AssertTrue(message = "capability, region and plan ids must be unique within a provider")
        boolean isEachIdUnique() {
            return (capabilities == null || unique(capabilities.stream(), Capability::id))
                    && (regions == null || unique(regions.stream(), Region::id))
                    && (pricing == null || pricing.plans() == null || unique(pricing.plans().stream(), Plan::id));
        }
    }

    /** What AutoDeploy can do with a provider, by stable id ({@code preview-environments}, {@code instant-rollback}, ...). */
    public record Capability(@NotBlank @Pattern(regexp = SLUG, message = NOT_A_SLUG) String id,
            @NotBlank @Size(max = 200) String description) {
    }

    /** Where a provider runs what it deploys. */
    public record Region(@NotBlank @Pattern(regexp = SLUG, message = NOT_A_SLUG) String id,
            @NotBlank @Size(max = 80) String name,
            @NotBlank @Size(max = 120) String location) {
    }

    /**
     * A provider's public list prices.
     *
     * @param source where the figures were taken from
     * @param asOf the date of that source
     * @param note what the figures leave out or how they are billed
     */
    public record Pricing(@NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
            @NotEmpty List<@Valid @NotNull Plan> plans,
            @NotNull URI source,
            @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @Size(max = 400) String note) {
    }

    /**
     * A plan or instance type.
     *
     * @param price monthly base price per {@code unit}; {@code null} when the vendor publishes none (custom pricing)
     * @param included what the base price includes, as short statements
     * @param compute the published usage price, when there is one
     */
    public record Plan(@NotBlank @Pattern(regexp = SLUG, message = NOT_A_SLUG) String id,
            @NotBlank @Size(max = 60) String name,
            @PositiveOrZero BigDecimal price,
            @NotNull PriceUnit unit,
            @DefaultValue List<@NotBlank @Size(max = 120) String> included,
            @Valid Compute compute) {
    }

    /**
     * A usage price: cost is {@code price} per {@code unit} of what {@code basis} names.
     *
     * @param basis what is metered ("Linux 2-core runner", "Active CPU time in iad1")
     */
    public record Compute(@NotNull ComputeUnit unit, @NotNull @PositiveOrZero BigDecimal price,
            @NotBlank @Size(max = 120) String basis) {
    }

    public enum Kind {
        EMBEDDED("embedded"), CONTAINER_ORCHESTRATOR("container-orchestrator"), CI("ci"), PAAS("paas");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        @JsonValue
        public String id() {
            return id;
        }
    }

    public enum PriceUnit {
        SEAT("seat"), INSTANCE("instance");

        private final String id;

        PriceUnit(String id) {
            this.id = id;
        }

        @JsonValue
        public String id() {
            return id;
        }
    }

    public enum ComputeUnit {
        HOUR("hour"), MINUTE("minute");

        private final String id;

        ComputeUnit(String id) {
            this.id = id;
        }

        @JsonValue
        public String id() {
            return id;
        }
    }

    private static <T> boolean unique(Stream<T> items, Function<T, String> id) {
        Set<String> seen = new HashSet<>();
        return items.filter(item -> item != null).map(id).allMatch(value -> value == null || seen.add(value));
    }
}
