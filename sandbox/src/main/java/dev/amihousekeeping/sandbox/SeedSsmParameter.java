package dev.amihousekeeping.sandbox;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An SSM parameter (DESIGN §8): served by the SSM API on the sandbox's port and seen by
 * {@code DescribeImageReferences}. A seed needs only {@code name} and {@code value}; what PutParameter adds
 * (type, data type, version, time) shows in {@code GET /_sandbox/state}.
 *
 * @param type             {@code String} (default), {@code StringList} or {@code SecureString}
 * @param dataType         {@code text} or {@code aws:ec2:image}; absent in a seed: {@code aws:ec2:image} when
 *                         the value is an AMI id (the seed's parameters are the ones that name AMIs, as
 *                         {@code DescribeImageReferences} reads them), else {@code text}
 * @param version          counts up from 1 with every overwrite
 * @param lastModifiedDate null: the seed's "now"
 * @param tags             the parameter's tags, by key
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeedSsmParameter(String name, String value, String type, String dataType, Long version,
                               Instant lastModifiedDate,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> tags) {

    static final String TEXT = "text";
    static final String IMAGE = "aws:ec2:image";
    static final List<String> TYPES = List.of("String", "StringList", "SecureString");
    static final List<String> DATA_TYPES = List.of(TEXT, IMAGE);

    public SeedSsmParameter {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an ssm parameter needs a name");
        }
        if (type != null && !TYPES.contains(type)) {
            throw new IllegalArgumentException("ssm parameter " + name + ": type '" + type + "' is not one of "
                    + TYPES);
        }
        if (dataType != null && !DATA_TYPES.contains(dataType)) {
            throw new IllegalArgumentException("ssm parameter " + name + ": dataType '" + dataType
                    + "' is not one of " + DATA_TYPES);
        }
        if (version != null && version < 1) {
            throw new IllegalArgumentException("ssm parameter " + name + ": version must be at least 1");
        }
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    /** A parameter as a seed names it: a name and a value. */
    public SeedSsmParameter(String name, String value) {
        this(name, value, null, null, null, null, null);
    }

    @JsonIgnore
    String effectiveType() {
        return type != null ? type : "String";
    }

    @JsonIgnore
    String effectiveDataType() {
        return dataType != null ? dataType : IdGenerator.isImageId(value) ? IMAGE : TEXT;
    }

    @JsonIgnore
    long effectiveVersion() {
        return version != null ? version : 1;
    }

    SeedSsmParameter withTags(Map<String, String> newTags) {
        return new SeedSsmParameter(name, value, type, dataType, version, lastModifiedDate, newTags);
    }
}
