package dev.amihousekeeping.core;

import static dev.amihousekeeping.testing.Fixtures.ACCOUNT;
import static dev.amihousekeeping.testing.Fixtures.NOW;

import dev.amihousekeeping.config.CrossRegionCopyConfig;
import dev.amihousekeeping.config.Selector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Images, configs and a tiny EC2 stand-in for the cross-region copy and tag-on-create tests. The plainest
 * source is owned, available, in us-east-1, named {@code web-2026-10-01}, tagged {@code CopyToDR=true}; the
 * plainest config copies to us-west-2 and eu-west-1.
 */
final class CopyFixtures {

    static final String OTHER_ACCOUNT = "444455556666";
    static final String SOURCE_REGION = "us-east-1";
    static final String WEST = "us-west-2";
    static final String EU = "eu-west-1";
    static final List<String> EXPIRY_KEYS = List.of("DeleteOn", "ExpirationDate", "ExpiryDate");

    private CopyFixtures() {
    }

    static String ami(int n) {
        return String.format("ami-%017x", n);
    }

    static String snap(int n) {
        return String.format("snap-%017x", n);
    }

    /** Copying on, to {@code regions}, with the default selector ({@code CopyToDR=true}); each method bends one thing. */
    static ConfigSpec config(String... regions) {
        return new ConfigSpec(true, List.of(regions), null, Map.of(), true, true);
    }

    record ConfigSpec(boolean enabled, List<String> destinations, Selector selector, Map<String, String> kmsKeyIds,
                      boolean copyTags, boolean retainCopies) {

        ConfigSpec disabled() {
            return new ConfigSpec(false, destinations, selector, kmsKeyIds, copyTags, retainCopies);
        }

        ConfigSpec selector(Selector s) {
            return new ConfigSpec(enabled, destinations, s, kmsKeyIds, copyTags, retainCopies);
        }

        ConfigSpec kmsKeyIds(Map<String, String> keys) {
            return new ConfigSpec(enabled, destinations, selector, keys, copyTags, retainCopies);
        }

        ConfigSpec copyTags(boolean value) {
            return new ConfigSpec(enabled, destinations, selector, kmsKeyIds, value, retainCopies);
        }

        ConfigSpec retainCopies(boolean value) {
            return new ConfigSpec(enabled, destinations, selector, kmsKeyIds, copyTags, value);
        }

        CrossRegionCopyPolicy policy() {
            return new CrossRegionCopyPolicy(copyConfig(), EXPIRY_KEYS);
        }

        CopyStampPolicy stampPolicy() {
            return new CopyStampPolicy(copyConfig(), EXPIRY_KEYS);
        }

        private CrossRegionCopyConfig copyConfig() {
            return new CrossRegionCopyConfig(enabled, destinations, selector, kmsKeyIds, copyTags, retainCopies);
        }
    }

    /** The plainest source; each method of the {@link TestImage} bends one thing. */
    static TestImage source(String imageId) {
        return new TestImage(SOURCE_REGION, imageId, "web-" + imageId.substring(imageId.length() - 4), ACCOUNT,
                Instant.parse("2026-10-01T00:00:00Z"), Map.of("CopyToDR", "true"));
    }

    /** Destination images as the gateway reads them: every destination read, holding {@code images}. */
    static Map<String, List<Image>> destinations(List<String> regions, Image... images) {
        Map<String, List<Image>> byRegion = new HashMap<>();
        regions.forEach(region -> byRegion.put(region, new ArrayList<>()));
        for (Image image : images) {
            byRegion.computeIfAbsent(image.region(), r -> new ArrayList<>()).add(image);
        }
        return byRegion;
    }

    static Map<String, List<Image>> emptyDestinations() {
        return destinations(List.of(WEST, EU));
    }

    /**
     * What EC2 holds after {@code copy} actions started: each destination gains a pending image with the source
     * id, the tags the action asked for, and the source's tags when {@code copyImageTags}. A client token seen
     * before returns the same image, as EC2 does, so applying a plan twice shows what a real retry would make.
     */
    static final class Ec2 {
        final Map<String, List<Image>> destinationImages;
        final Map<String, String> imagesByToken = new HashMap<>();
        private int next = 0xc000;

        Ec2(Map<String, List<Image>> destinationImages) {
            this.destinationImages = new HashMap<>();
            destinationImages.forEach((region, images) -> this.destinationImages.put(region, new ArrayList<>(images)));
        }

        void apply(Plan plan, Image source) {
            for (Action action : plan.actions()) {
                Action.Copy planned = (Action.Copy) action;
                String token = planned.clientToken();
                if (imagesByToken.containsKey(token)) {
                    continue;
                }
                Map<String, String> tags = new HashMap<>();
                if (planned.copyImageTags()) {
                    tags.putAll(source.tags());
                }
                tags.putAll(TestActions.tags(action));
                Image copy = new Image(action.region(), ami(next++), planned.name(),
                        ACCOUNT, ImageState.PENDING, NOW, tags, false, null, null, false, source.imageId(),
                        source.region(), List.of());
                imagesByToken.put(token, copy.imageId());
                destinationImages.computeIfAbsent(action.region(), r -> new ArrayList<>()).add(copy);
            }
        }

        long imagesIn(String region) {
            return destinationImages.getOrDefault(region, List.of()).size();
        }
    }
}
