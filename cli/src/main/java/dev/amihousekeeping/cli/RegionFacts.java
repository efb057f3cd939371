package dev.amihousekeeping.cli;

import dev.amihousekeeping.config.Config;
import dev.amihousekeeping.core.ExpiryPolicy;
import dev.amihousekeeping.core.Image;
import dev.amihousekeeping.core.ImageState;
import dev.amihousekeeping.core.Inventory;
import dev.amihousekeeping.ec2.Ec2Gateway;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one region holds, as the lower bound of a run's calls counts it: the images and snapshots that
 * {@code Owners=self} lists, the launch templates, the AMIs expiry would look at (its candidates), and whether any
 * AMI is one cross-region-copy may copy. Read before a function's phases, outside the calls they are charged.
 */
record RegionFacts(String region, int images, int snapshots, int launchTemplates, Set<String> expiryCandidates,
                   boolean copySources) {

    RegionFacts {
        expiryCandidates = Set.copyOf(expiryCandidates);
    }

    /** Reads every region through the gateway; {@code launchTemplates} are the seed's counts per region. */
    static List<RegionFacts> read(Ec2Gateway gateway, Config config, Map<String, Integer> launchTemplates,
                                  Instant now) {
        ExpiryPolicy expiry = new ExpiryPolicy(config.expiry());
        List<RegionFacts> facts = new ArrayList<>();
        for (String region : config.regions()) {
            Inventory inventory = gateway.readInventory(region);
            Set<String> candidates = config.expiry().enabled()
                    ? expiry.candidates(inventory, now).stream().map(Image::imageId).collect(Collectors.toSet())
                    : Set.of();
            boolean copySources = config.crossRegionCopy().enabled() && inventory.images().stream()
                    .anyMatch(i -> i.state() == ImageState.AVAILABLE && i.isSelectedBy(config.crossRegionCopy().selector()));
            facts.add(new RegionFacts(region, inventory.images().size(), inventory.snapshots().size(),
                    launchTemplates.getOrDefault(region, 0), candidates, copySources));
        }
        return facts;
    }
}
