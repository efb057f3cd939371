package dev.amihousekeeping.ec2;

import dev.amihousekeeping.core.SsmParameter;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.Tag;

/**
 * The latest-AMI parameters in SSM Parameter Store: read one with its tags, create one with tags, overwrite one's
 * value. Parameters are {@code String} of data type {@value #IMAGE_DATA_TYPE}, so that SSM checks the value is an AMI
 * of the region and EC2 and CloudFormation resolve them as image ids.
 */
public final class ParameterStore {

    /** SSM's data type for a value that is an AMI id (SSM user guide, "Native parameter support for AMI IDs"). */
    public static final String IMAGE_DATA_TYPE = "aws:ec2:image";
    /** The IAM actions of {@link #read}: the value, then the tags that say whose the parameter is. */
    public static final Set<String> IAM_READ = Set.of("ssm:GetParameter", "ssm:ListTagsForResource");

    /**
     * The IAM actions of {@link #readText} and {@link #writeText}: one plain parameter of the deployment's own (the
     * public-share sweep's cursor), read and overwritten, never tagged.
     */
    public static final Set<String> IAM_TEXT = Set.of("ssm:GetParameter", "ssm:PutParameter");

    private final Ec2Clients clients;

    ParameterStore(Ec2Clients clients) {
        this.clients = clients;
    }

    /** The parameter {@code name} as it is now, with its tags; empty when SSM has none ({@code ParameterNotFound}). */
    public Optional<SsmParameter> read(String region, String name) {
        String value;
        try {
            value = call("GetParameter", region, () -> clients.ssm(region).getParameter(r -> r.name(name))
                    .parameter().value());
        } catch (Ec2Exception e) {
            if (e.getCause() instanceof ParameterNotFoundException) {
                return Optional.empty();
            }
            throw e;
        }
        Map<String, String> tags = new TreeMap<>();
        call("ListTagsForResource", region, () -> clients.ssm(region).listTagsForResource(r -> r
                .resourceType(ResourceTypeForTagging.PARAMETER).resourceId(name)).tagList())
                .forEach(tag -> tags.put(tag.key(), tag.value()));
        return Optional.of(new SsmParameter(region, name, value, tags));
    }

    /**
     * Creates {@code name} = {@code imageId} with {@code tags}, never overwriting: SSM refuses Tags together with
     * Overwrite (ValidationException), and a parameter someone created meanwhile is theirs. False when it exists.
     */
    public boolean create(String region, String name, String imageId, Map<String, String> tags) {
        try {
            call("PutParameter", region, () -> clients.ssm(region).putParameter(r -> r.name(name).value(imageId)
                    .type(ParameterType.STRING).dataType(IMAGE_DATA_TYPE).overwrite(false)
                    .tags(tags.entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
                            .toList())));
            return true;
        } catch (Ec2Exception e) {
            if (e.getCause() instanceof ParameterAlreadyExistsException) {
                return false;
            }
            throw e;
        }
    }

    /** Overwrites the value of the existing parameter {@code name} with {@code imageId} (its tags stay); the version. */
    public long overwrite(String region, String name, String imageId) {
        return call("PutParameter", region, () -> clients.ssm(region).putParameter(r -> r.name(name).value(imageId)
                .type(ParameterType.STRING).dataType(IMAGE_DATA_TYPE).overwrite(true)).version());
    }

    /** The value of the {@code String} parameter {@code name}; empty when SSM has none ({@code ParameterNotFound}). */
    public Optional<String> readText(String region, String name) {
        try {
            return Optional.of(call("GetParameter", region, () -> clients.ssm(region).getParameter(r -> r.name(name))
                    .parameter().value()));
        } catch (Ec2Exception e) {
            if (e.getCause() instanceof ParameterNotFoundException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Sets the {@code String} parameter {@code name} (data type text) to {@code value}, creating it if need be. */
    public void writeText(String region, String name, String value) {
        call("PutParameter", region, () -> clients.ssm(region).putParameter(r -> r.name(name).value(value)
                .type(ParameterType.STRING).overwrite(true)));
    }

    private static <T> T call(String operation, String region, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw Ec2Exception.of(operation, region, e);
        }
    }
}
