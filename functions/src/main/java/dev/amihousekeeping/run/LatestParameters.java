package dev.amihousekeeping.run;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.core.Action;
import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.LatestParameterPolicy;
import dev.amihousekeeping.core.Plan;
import dev.amihousekeeping.core.RegionError;
import dev.amihousekeeping.core.SsmParameter;
import dev.amihousekeeping.core.port.Precondition;
import dev.amihousekeeping.ec2.Ec2Exception;
import dev.amihousekeeping.ec2.Ec2Gateway;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The latest-AMI parameters of {@code cross-region-copy} (DESIGN §5, "latest parameters"): reads each parameter a
 * region's lineages need ({@code ParameterStore}), with its tags and the image it names now, and plans through {@link LatestParameterPolicy};
 * re-reads them just before each write. A parameter that cannot be read is the region's error and gets no write:
 * whose it is, and what it names, are not known.
 */
record LatestParameters(LatestParameterPolicy policy, boolean enabled) {

    static LatestParameters of(Config config) {
        return new LatestParameters(new LatestParameterPolicy(config.latestParameters(),
                config.expiry().lineageTagKey()), config.latestParameters().enabled());
    }

    /** The catch-up in one region: every lineage of {@code images} (the region's, as listed) with its parameter. */
    TargetWork.TargetPlan planRegion(Ec2Gateway gateway, String region, List<Image> images) {
        if (!enabled) {
            return new TargetWork.TargetPlan(Plan.empty());
        }
        return plan(gateway, policy.newest(region, images), images);
    }

    /**
     * An image that became available: the parameter of its lineage in its region, from {@code regionImages} (the
     * region's images as listed; empty when they could not be listed, and then nothing is planned) with
     * {@code image} as read for the event in place of its listed self.
     */
    TargetWork.TargetPlan planFor(Ec2Gateway gateway, Image image, Optional<List<Image>> regionImages) {
        Optional<String> name = enabled ? policy.parameterOf(image) : Optional.empty();
        if (name.isEmpty() || regionImages.isEmpty()) {
            return new TargetWork.TargetPlan(Plan.empty());
        }
        List<Image> images = new ArrayList<>(regionImages.get().stream()
                .filter(i -> !i.imageId().equals(image.imageId())).toList());
        images.add(image);
        return plan(gateway, policy.newest(image.region(), images).only(name.get()), images);
    }

    private TargetWork.TargetPlan plan(Ec2Gateway gateway, LatestParameterPolicy.Newest newest, List<Image> images) {
        String region = newest.region();
        Map<String, Image> byId = images.stream().collect(Collectors.toMap(Image::imageId, Function.identity(),
                (a, b) -> a));
        Map<String, Optional<SsmParameter>> parameters = new HashMap<>();
        Map<String, Image> named = new HashMap<>();
        try {
            for (String name : newest.byParameter().keySet()) {
                Optional<SsmParameter> parameter = gateway.parameters().read(region, name);
                parameters.put(name, parameter);
                parameter.map(SsmParameter::value).flatMap(value -> namedImage(gateway, region, value, byId))
                        .ifPresent(image -> named.put(image.imageId(), image));
            }
        } catch (Ec2Exception e) {
            return new TargetWork.TargetPlan(new Plan(List.of(), newest.kept()),
                    List.of(new RegionError(region, e.errorCode(), "latest parameters not written: "
                            + e.errorMessage())));
        }
        return new TargetWork.TargetPlan(policy.plan(newest, parameters, named));
    }

    /** The image {@code value} names as EC2 shows it now: from the listing, else read (another owner's, or gone). */
    private static Optional<Image> namedImage(Ec2Gateway gateway, String region, String value,
                                              Map<String, Image> listed) {
        if (listed.containsKey(value)) {
            return Optional.of(listed.get(value));
        }
        return value.startsWith("ami-") ? gateway.describeImage(region, value) : Optional.empty();
    }

    /**
     * The re-check of a {@code set-parameter} just before the write (invariant 6): the parameter and its tags, the
     * image to name and the image the parameter names, all read again; other actions pass.
     */
    static Precondition recheck(Ec2Gateway gateway) {
        return action -> {
            if (!(action instanceof Action.SetParameter set)) {
                return Optional.empty();
            }
            Optional<SsmParameter> current = gateway.parameters().read(set.region(), set.resourceId());
            Optional<Image> named = current.map(SsmParameter::value).filter(v -> v.startsWith("ami-"))
                    .flatMap(v -> gateway.describeImage(set.region(), v));
            return LatestParameterPolicy.recheck(set, gateway.describeImage(set.region(), set.imageId()), current,
                    named);
        };
    }
}
