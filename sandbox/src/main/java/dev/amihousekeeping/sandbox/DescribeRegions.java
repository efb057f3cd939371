package dev.amihousekeeping.sandbox;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** {@code DescribeRegions}: the commercial regions that need no opt-in, plus any region the state holds. */
final class DescribeRegions implements Ec2Action {

    static final List<String> DEFAULT_REGIONS = List.of("us-east-1", "us-east-2", "us-west-1", "us-west-2",
            "ca-central-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "ap-south-1",
            "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "sa-east-1");

    private static final ResourceFilter<String> FILTERS = ResourceFilter.<String>withTags(null)
            .field("region-name", name -> name)
            .field("endpoint", DescribeRegions::endpoint)
            .field("opt-in-status", name -> "opt-in-not-required");

    @Override
    public void run(Ec2Call call) {
        Set<String> regions = new TreeSet<>(DEFAULT_REGIONS);
        regions.addAll(call.state().regionNames());
        List<String> named = call.request().list("RegionName");
        Predicate<String> wanted = FILTERS.compile(call.request().filters())
                .and(name -> named.isEmpty() || named.contains(name));
        XmlWriter xml = call.xml().start("regionInfo");
        for (String region : regions) {
            if (wanted.test(region)) {
                xml.start("item").leaf("regionName", region).leaf("regionEndpoint", endpoint(region))
                        .leaf("optInStatus", "opt-in-not-required").end();
            }
        }
        xml.end();
    }

    private static String endpoint(String region) {
        return "ec2." + region + ".amazonaws.com";
    }
}
