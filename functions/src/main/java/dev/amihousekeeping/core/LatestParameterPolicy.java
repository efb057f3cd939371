package dev.amihousekeeping.core;

import dev.amihousekeeping.config.LatestParametersConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Latest-AMI parameters (DESIGN §5, "latest parameters"): in each region, the SSM parameter {@code prefix + lineage}
 * names the newest available AMI of that lineage there, so that launch templates and stacks can follow it and expiry
 * counts that AMI as in use.
 *
 * <p>Two steps, with the reads between them done by the caller: {@link #newest} finds, from a region's images, the
 * newest available AMI in the selector of each lineage and the parameter that names it; then, with each of those
 * parameters as read now and the image its value names, {@link #plan} gives a {@link Action.SetParameter} or the
 * reason not to. A parameter is never written when it lacks our {@value #MANAGED_BY_TAG} tag (someone else owns it),
 * never moved to an AMI older than the one it names, and not written when it already names the newest.
 * {@link #recheck} applies the same rules to what is read again just before the write (invariant 6).
 */
public final class LatestParameterPolicy {

    /** The tag that marks a parameter as this tool's: only such a parameter is ever overwritten. */
    public static final String MANAGED_BY_TAG = "ManagedBy";
    public static final String MANAGED_BY_VALUE = "ami-housekeeping";

    private final LatestParametersConfig config;
    private final String lineageTagKey;

    /** {@code lineageTagKey}: {@code expiry.lineageTagKey} (may be null), so that both features mean one lineage. */
    public LatestParameterPolicy(LatestParametersConfig config, String lineageTagKey) {
        this.config = Objects.requireNonNull(config, "config");
        this.lineageTagKey = lineageTagKey;
    }

    /** The newest image of each lineage of a region, by the parameter that should name it. */
    public record Newest(String region, Map<String, Image> byParameter, Map<String, String> lineages,
                         List<Kept> kept) {

        public Newest {
            byParameter = Collections.unmodifiableMap(new LinkedHashMap<>(byParameter));
            lineages = Map.copyOf(lineages);
            kept = List.copyOf(kept);
        }

        /** Only the parameter {@code name}, if it is one of these. */
        public Newest only(String name) {
            Image image = byParameter.get(name);
            return new Newest(region, image == null ? Map.of() : Map.of(name, image),
                    image == null ? Map.of() : Map.of(name, lineages.get(name)), List.of());
        }
    }

    /**
     * For each lineage of {@code images} (one region's, any states) with an available image in the selector, the
     * newest such image, by parameter name, names sorted; a lineage SSM cannot name is kept with the reason.
     */
    public Newest newest(String region, List<Image> images) {
        Map<String, Image> newest = new TreeMap<>();
        Map<String, String> lineages = new TreeMap<>();
        Map<String, Image> unnamed = new TreeMap<>();
        for (Image image : images) {
            if (!region.equals(image.region()) || !isCandidate(image)) {
                continue;
            }
            String lineage = Lineage.of(image, lineageTagKey).name();
            Optional<String> name = config.parameterName(lineage);
            if (name.isEmpty()) {
                unnamed.merge(lineage, image, LatestParameterPolicy::newer);
                continue;
            }
            newest.merge(name.get(), image, LatestParameterPolicy::newer);
            lineages.put(name.get(), lineage);
        }
        List<Kept> kept = new ArrayList<>();
        unnamed.forEach((lineage, image) -> kept.add(new Kept(region, ResourceType.IMAGE, image.imageId(),
                "lineage-unnamable: lineage \"" + lineage + "\" leaves no letter or digit (or too long a name) for an"
                        + " SSM parameter under " + config.prefix())));
        return new Newest(region, newest, lineages, kept);
    }

    /** The parameter that names {@code image}'s lineage, if the image counts (available, in the selector). */
    public Optional<String> parameterOf(Image image) {
        return isCandidate(image) ? config.parameterName(Lineage.of(image, lineageTagKey).name()) : Optional.empty();
    }

    /**
     * The writes {@code newest} needs: for each parameter, {@code parameters} holds it as read now (absent from the
     * map or empty: it does not exist) and {@code namedImages} the image its value names as EC2 shows it now (absent:
     * EC2 shows no such image).
     */
    public Plan plan(Newest newest, Map<String, Optional<SsmParameter>> parameters, Map<String, Image> namedImages) {
        List<Action> actions = new ArrayList<>();
        List<Kept> kept = new ArrayList<>(newest.kept());
        newest.byParameter().forEach((name, image) -> {
            Optional<SsmParameter> current = parameters.getOrDefault(name, Optional.empty());
            Optional<Image> named = current.map(SsmParameter::value).map(namedImages::get);
            Optional<String> refused = refusal(name, image, current, named);
            if (refused.isPresent()) {
                kept.add(new Kept(newest.region(), ResourceType.PARAMETER, name, refused.get()));
                return;
            }
            String lineage = newest.lineages().get(name);
            actions.add(new Action.SetParameter(newest.region(), name, "latest of lineage " + lineage + ": "
                    + image.imageId() + " (created " + image.creationDate() + ")"
                    + current.map(p -> ", was " + p.value()).orElse(", new parameter"),
                    image.imageId(), image.creationDate(), lineage, current.isEmpty(),
                    current.map(SsmParameter::value).orElse(null)));
        });
        return new Plan(actions, kept);
    }

    /**
     * The re-check just before the write (invariant 6), on what was read again: {@code image} the AMI to name,
     * {@code current} the parameter and its tags, {@code named} the image its value names now. Empty: write.
     */
    public static Optional<String> recheck(Action.SetParameter action, Optional<Image> image,
                                           Optional<SsmParameter> current, Optional<Image> named) {
        if (image.isEmpty()) {
            return Optional.of("image " + action.imageId() + " is gone");
        }
        if (image.get().state() != ImageState.AVAILABLE) {
            return Optional.of("image " + action.imageId() + " is " + image.get().state().apiValue() + " now");
        }
        if (action.create() != current.isEmpty()) {
            // Created or deleted by someone since planning: whose it is now is for the next run to see.
            return Optional.of("parameter " + (current.isEmpty() ? "deleted" : "created") + " since planning");
        }
        return refusal(action.resourceId(), image.get(), current, named);
    }

    /** Why {@code name} is not set to {@code image}, given the parameter now and the image it names; empty: set it. */
    private static Optional<String> refusal(String name, Image image, Optional<SsmParameter> current,
                                            Optional<Image> named) {
        if (current.isEmpty()) {
            return Optional.empty();
        }
        if (!MANAGED_BY_VALUE.equals(current.get().tags().get(MANAGED_BY_TAG))) {
            return Optional.of("foreign-parameter: no tag " + MANAGED_BY_TAG + "=" + MANAGED_BY_VALUE
                    + ", someone else's; not written");
        }
        if (image.imageId().equals(current.get().value())) {
            return Optional.of("latest-parameter: already " + image.imageId());
        }
        if (named.isPresent() && Lineage.NEWEST_FIRST.compare(named.get(), image) < 0) {
            return Optional.of("never-older: " + name + " names " + named.get().imageId() + " (created "
                    + named.get().creationDate() + "), newer than " + image.imageId() + " (created "
                    + image.creationDate() + ")");
        }
        return Optional.empty();
    }

    private boolean isCandidate(Image image) {
        return image.state() == ImageState.AVAILABLE && image.creationDate() != null
                && image.isSelectedBy(config.selector());
    }

    private static Image newer(Image a, Image b) {
        return Lineage.NEWEST_FIRST.compare(a, b) <= 0 ? a : b;
    }
}
