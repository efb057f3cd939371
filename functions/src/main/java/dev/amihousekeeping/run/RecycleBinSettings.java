package dev.amihousekeeping.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.amihousekeeping.core.StageTagKeys;

/**
 * The policy's {@code recycleBin} section (DESIGN §4) and the stage tags a restore removes, read from the policy
 * document itself. Interim: until {@code Config} carries {@code recycleBin} and {@code expiry.noticeTagKey}, the
 * stack's Recycle Bin rules (infra) and {@code ami-housekeeping restore} (cli) read them here, in one place; read
 * after the policy was validated, so only well-typed values are taken and anything else is the default.
 *
 * @param enabled       the stacks create tag-level Recycle Bin rules and the functions tag what they delete
 * @param retentionDays how long the rules keep what carries {@code tagKey} = {@code true}
 * @param tagKey        the tag the functions put on what they deregister or delete, and the rules look for
 * @param noticeTagKey  {@code expiry.noticeTagKey}: the tag of the notice stage
 */
public record RecycleBinSettings(boolean enabled, int retentionDays, String tagKey, String noticeTagKey) {

    public static final String RUN_ID_TAG = "HousekeepingRunId";
    public static final String DISABLED_ON_TAG = "HousekeepingDisabledOn";

    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();

    public static RecycleBinSettings defaults() {
        return new RecycleBinSettings(true, 7, "HousekeepingRecycle", "HousekeepingNotice");
    }

    /** The settings of a policy document (JSON, comments allowed); a key left out is its default. */
    public static RecycleBinSettings fromPolicy(String policyJson) {
        JsonNode root;
        try {
            root = JSON.readTree(policyJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("policy is not JSON: " + e.getOriginalMessage(), e);
        }
        RecycleBinSettings defaults = defaults();
        JsonNode bin = root == null ? JSON.missingNode() : root.path("recycleBin");
        JsonNode enabled = bin.path("enabled");
        JsonNode days = bin.path("retentionDays");
        JsonNode tagKey = bin.path("tagKey");
        JsonNode noticeTagKey = root == null ? JSON.missingNode() : root.path("expiry").path("noticeTagKey");
        return new RecycleBinSettings(
                enabled.isBoolean() ? enabled.booleanValue() : defaults.enabled(),
                days.isInt() ? days.intValue() : defaults.retentionDays(),
                tagKey.isTextual() ? tagKey.textValue() : defaults.tagKey(),
                noticeTagKey.isTextual() ? noticeTagKey.textValue() : defaults.noticeTagKey());
    }

    /** The tags of every stage, which a restore removes. */
    public StageTagKeys stageTagKeys() {
        return new StageTagKeys(tagKey, RUN_ID_TAG, noticeTagKey, DISABLED_ON_TAG);
    }
}
