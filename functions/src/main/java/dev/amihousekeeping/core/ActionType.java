package dev.amihousekeeping.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.amihousekeeping.config.JsonNamed;
import java.util.Optional;

/** The closed set of changes the functions make (DESIGN §7). */
public enum ActionType implements JsonNamed {
    @JsonProperty("mark") MARK(ResourceType.IMAGE),
    @JsonProperty("deprecate") DEPRECATE(ResourceType.IMAGE),
    @JsonProperty("disable") DISABLE(ResourceType.IMAGE),
    @JsonProperty("deregister") DEREGISTER(ResourceType.IMAGE),
    @JsonProperty("delete-snapshot") DELETE_SNAPSHOT(ResourceType.SNAPSHOT),
    @JsonProperty("remove-grant") REMOVE_GRANT(null),
    @JsonProperty("enable-block-public-access") ENABLE_BLOCK_PUBLIC_ACCESS(ResourceType.ACCOUNT),
    @JsonProperty("copy") COPY(ResourceType.IMAGE),
    @JsonProperty("tag") TAG(null),
    @JsonProperty("restore") RESTORE(null),
    @JsonProperty("set-parameter") SET_PARAMETER(ResourceType.PARAMETER);

    private final ResourceType resourceType;

    ActionType(ResourceType resourceType) {
        this.resourceType = resourceType;
    }

    /** What every action of this type changes; empty where the action names it (a grant or a tag: image or snapshot). */
    public Optional<ResourceType> resourceType() {
        return Optional.ofNullable(resourceType);
    }
}
