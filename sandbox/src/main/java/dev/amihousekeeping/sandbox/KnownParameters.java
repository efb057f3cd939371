package dev.amihousekeeping.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The request parameters each EC2 action accepts, as the EC2 API reference lists them, and the two refusals EC2
 * makes before it looks at the values: a parameter it does not know ({@code UnknownParameter}, HTTP 400) and more
 * filter values than it takes in one call ({@code FilterLimitExceeded}). A client that misspells a parameter, or a
 * gateway that sends one a newer API version added, then fails here as it would on AWS rather than being ignored.
 * <p>
 * Names are written as in the API reference: {@code N}, {@code M}, {@code K} stand for a list index
 * ({@code Filter.N.Value.M} matches {@code Filter.1.Value.2}); {@code {A,B}} is either name.
 */
final class KnownParameters {

    /**
     * EC2's limit on filter values in one call: "The maximum number of filter values specified on a single call
     * is 200" ({@code FilterLimitExceeded}), per the EC2 API reference's error codes page.
     */
    static final int MAX_FILTER_VALUES = 200;

    /**
     * Accepted on every action: the Query API's common parameters, including SigV4 query-string authentication
     * (EC2 API reference, "Common query parameters"), and {@code DryRun}, which every action the sandbox serves
     * takes.
     */
    private static final List<String> COMMON = List.of("Action", "Version", "DryRun",
            "X-Amz-{Algorithm,Credential,Date,Expires,Security-Token,Signature,SignedHeaders}");

    private static final List<String> FILTERS = List.of("Filter.N.Name", "Filter.N.Value.M");
    private static final List<String> PAGES = List.of("MaxResults", "NextToken");
    private static final List<String> TAG_SPECIFICATIONS =
            List.of("TagSpecification.N.ResourceType", "TagSpecification.N.Tag.M.{Key,Value}");
    private static final List<String> BLOCK_DEVICE_MAPPINGS = List.of(
            "BlockDeviceMapping.N.{DeviceName,NoDevice,VirtualName}",
            "BlockDeviceMapping.N.Ebs.{DeleteOnTermination,Encrypted,Iops,KmsKeyId,OutpostArn,SnapshotId,Throughput,"
                    + "VolumeSize,VolumeType,AvailabilityZone,AvailabilityZoneId,VolumeInitializationRate,"
                    + "EbsCardIndex}");
    private static final Pattern FILTER_VALUE = compile("Filter.N.Value.M");

    private static final Map<String, List<String>> DECLARED = Map.ofEntries(
            Map.entry("DescribeImages", of(FILTERS, PAGES,
                    List.of("ExecutableBy.N", "ImageId.N", "Owner.N", "IncludeDeprecated", "IncludeDisabled"))),
            Map.entry("DescribeImageAttribute", of("Attribute", "ImageId")),
            Map.entry("ModifyImageAttribute", of("Attribute", "ImageId", "Description.Value", "ImdsSupport.Value",
                    "Value", "OperationType", "ProductCode.N", "UserGroup.N", "UserId.N", "OrganizationArn.N",
                    "OrganizationalUnitArn.N",
                    "LaunchPermission.{Add,Remove}.N.{Group,UserId,OrganizationArn,OrganizationalUnitArn}")),
            Map.entry("ResetImageAttribute", of("Attribute", "ImageId")),
            Map.entry("DeregisterImage", of("ImageId", "DeleteAssociatedSnapshots")),
            Map.entry("CreateImage", of(BLOCK_DEVICE_MAPPINGS, TAG_SPECIFICATIONS,
                    List.of("Description", "InstanceId", "Name", "NoReboot", "SnapshotLocation"))),
            Map.entry("RegisterImage", of(BLOCK_DEVICE_MAPPINGS, TAG_SPECIFICATIONS,
                    List.of("Architecture", "BillingProduct.N", "BootMode", "Description", "EnaSupport",
                            "ImageLocation", "ImdsSupport", "KernelId", "Name", "RamdiskId", "RootDeviceName",
                            "SriovNetSupport", "TpmSupport", "UefiData", "VirtualizationType"))),
            Map.entry("CopyImage", of(TAG_SPECIFICATIONS, List.of("ClientToken", "CopyImageTags", "Description",
                    "DestinationOutpostArn", "Encrypted", "KmsKeyId", "Name", "SourceImageId", "SourceRegion",
                    "SnapshotCopyCompletionDurationMinutes", "DestinationAvailabilityZone",
                    "DestinationAvailabilityZoneId"))),
            Map.entry("EnableImageDeprecation", of("ImageId", "DeprecateAt")),
            Map.entry("DisableImageDeprecation", of("ImageId")),
            Map.entry("EnableImage", of("ImageId")),
            Map.entry("DisableImage", of("ImageId")),
            Map.entry("EnableImageDeregistrationProtection", of("ImageId", "WithCooldown")),
            Map.entry("DisableImageDeregistrationProtection", of("ImageId")),
            Map.entry("DescribeImageReferences", of(PAGES, List.of("ImageId.N", "IncludeAllResourceTypes",
                    "ResourceType.N.ResourceType", "ResourceType.N.ResourceTypeOption.M.OptionName",
                    "ResourceType.N.ResourceTypeOption.M.OptionValue.K"))),
            Map.entry("GetImageBlockPublicAccessState", of()),
            Map.entry("EnableImageBlockPublicAccess", of("ImageBlockPublicAccessState")),
            Map.entry("DisableImageBlockPublicAccess", of()),
            Map.entry("GetSnapshotBlockPublicAccessState", of()),
            Map.entry("EnableSnapshotBlockPublicAccess", of("State")),
            Map.entry("DisableSnapshotBlockPublicAccess", of()),
            Map.entry("DescribeSnapshots", of(FILTERS, PAGES,
                    List.of("Owner.N", "RestorableBy.N", "SnapshotId.N"))),
            Map.entry("DescribeSnapshotAttribute", of("Attribute", "SnapshotId")),
            Map.entry("ModifySnapshotAttribute", of("Attribute", "SnapshotId", "OperationType", "UserGroup.N",
                    "UserId.N", "CreateVolumePermission.{Add,Remove}.N.{Group,UserId}")),
            Map.entry("DeleteSnapshot", of("SnapshotId")),
            Map.entry("DescribeVolumes", of(FILTERS, PAGES, List.of("VolumeId.N"))),
            Map.entry("DescribeInstances", of(FILTERS, PAGES, List.of("InstanceId.N"))),
            Map.entry("DescribeLaunchTemplates", of(FILTERS, PAGES,
                    List.of("LaunchTemplateId.N", "LaunchTemplateName.N"))),
            Map.entry("DescribeLaunchTemplateVersions", of(FILTERS, PAGES, List.of("LaunchTemplateId",
                    "LaunchTemplateName", "LaunchTemplateVersion.N", "MinVersion", "MaxVersion", "ResolveAlias"))),
            Map.entry("CreateTags", of("ResourceId.N", "Tag.N.{Key,Value}")),
            Map.entry("DeleteTags", of("ResourceId.N", "Tag.N.{Key,Value}")),
            Map.entry("DescribeTags", of(FILTERS, PAGES)),
            Map.entry("DescribeRegions", of(FILTERS, List.of("AllRegions", "RegionName.N"))),
            Map.entry("ListImagesInRecycleBin", of(PAGES, List.of("ImageId.N"))),
            Map.entry("ListSnapshotsInRecycleBin", of(PAGES, List.of("SnapshotId.N"))),
            Map.entry("RestoreImageFromRecycleBin", of("ImageId")),
            Map.entry("RestoreSnapshotFromRecycleBin", of("SnapshotId")));

    private final Map<String, Pattern> byAction = new HashMap<>();

    /** The table for {@code actions}; an action without a declared parameter list is a bug, found at startup. */
    KnownParameters(Collection<String> actions) {
        List<String> undeclared = actions.stream().filter(a -> !DECLARED.containsKey(a)).sorted().toList();
        if (!undeclared.isEmpty()) {
            throw new IllegalStateException("no known parameters declared for " + undeclared);
        }
        Pattern common = compileAll(COMMON);
        for (String action : actions) {
            List<String> names = new ArrayList<>();
            names.add(common.pattern());
            names.add(compileAll(DECLARED.get(action)).pattern());
            byAction.put(action, Pattern.compile(String.join("|", names)));
        }
    }

    /** Refuses the request as EC2 would when it names a parameter the action does not take or too many filter values. */
    void check(String action, Collection<String> parameters) {
        Pattern known = byAction.get(action);
        TreeSet<String> unknown = parameters.stream().filter(p -> !known.matcher(p).matches())
                .collect(Collectors.toCollection(TreeSet::new));
        if (!unknown.isEmpty()) {
            throw new Ec2Error("UnknownParameter", "The parameter " + unknown.first() + " is not recognized");
        }
        long filterValues = parameters.stream().filter(p -> FILTER_VALUE.matcher(p).matches()).count();
        if (filterValues > MAX_FILTER_VALUES) {
            throw new Ec2Error("FilterLimitExceeded", "The maximum number of filter values specified on a single "
                    + "call is " + MAX_FILTER_VALUES + "; this call specified " + filterValues + ".");
        }
    }

    /** Parameter names and groups of them ({@link #FILTERS}, ...), as one list. */
    @SuppressWarnings("unchecked")
    private static List<String> of(Object... namesAndGroups) {
        return Stream.of(namesAndGroups).flatMap(item -> item instanceof List<?> group
                ? ((List<String>) group).stream() : Stream.of((String) item)).toList();
    }

    private static Pattern compileAll(List<String> names) {
        return Pattern.compile(names.stream().map(name -> "(?:" + compile(name).pattern() + ")")
                .collect(Collectors.joining("|")));
    }

    /** {@code Filter.N.Value.M} -> {@code Filter\.[1-9][0-9]*\.Value\.[1-9][0-9]*}; {@code {A,B}} -> {@code (?:A|B)}. */
    static Pattern compile(String name) {
        List<String> segments = new ArrayList<>();
        for (String segment : name.split("\\.(?![^{]*})")) {
            if (segment.equals("N") || segment.equals("M") || segment.equals("K")) {
                segments.add("[1-9][0-9]*");
            } else if (segment.startsWith("{") && segment.endsWith("}")) {
                segments.add(Stream.of(segment.substring(1, segment.length() - 1).split(","))
                        .map(Pattern::quote).collect(Collectors.joining("|", "(?:", ")")));
            } else if (segment.contains("{")) {
                // X-Amz-{Algorithm,...}: a fixed head and alternatives in one segment.
                int brace = segment.indexOf('{');
                segments.add(Pattern.quote(segment.substring(0, brace)) + Stream.of(segment
                        .substring(brace + 1, segment.length() - 1).split(","))
                        .map(Pattern::quote).collect(Collectors.joining("|", "(?:", ")")));
            } else {
                segments.add(Pattern.quote(segment));
            }
        }
        return Pattern.compile(String.join("\\.", segments));
    }
}
