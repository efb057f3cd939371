package dev.amihousekeeping.infra;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * The KMS permissions of {@code CopyImage}: on the one key configured for a destination
 * ({@code crossRegionCopy.kmsKeyIds}), only through EC2 in that region; and on the key of an encrypted source AMI.
 * The actions are the ones {@code run/FunctionCalls} gives (declared beside {@code Ec2ActionApplier}'s copy).
 * A key given by alias is matched with {@code kms:ResourceAliases}, since IAM cannot name a key by its alias.
 */
final class KmsKeyGrant {
    private static final Pattern KEY_ID = Pattern.compile("(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
    private static final Pattern KEY_ARN = Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/" + KEY_ID.pattern());
    private static final Pattern ALIAS_ARN = Pattern.compile("(arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}):(alias/[A-Za-z0-9/_-]+)");
    private static final Pattern ALIAS = Pattern.compile("alias/[A-Za-z0-9/_-]+");

    private static final String CREATE_GRANT = "kms:CreateGrant";

    private KmsKeyGrant() {
    }

    /**
     * Statements that let EC2 read a source AMI encrypted with a customer managed key of this account in one of
     * {@code sourceRegions}: which key is the AMI owner's choice, so {@code key/*} in those regions, only through
     * EC2 in one of {@code viaRegions} (the sources and destinations: the copy is made by EC2 in the destination) and,
     * for the grant EBS holds while it copies, only a grant for an AWS resource. AWS managed keys ({@code aws/ebs})
     * need none of this: their key policy admits the account's principals through EC2.
     */
    static List<PolicyStatement> forSourcesIn(List<String> actions, List<String> sourceRegions, List<String> viaRegions) {
        List<String> keys = sourceRegions.stream()
                .map(r -> "arn:" + Aws.PARTITION + ":kms:" + r + ":" + Aws.ACCOUNT_ID + ":key/*").toList();
        Map<String, Object> viaEc2 = Map.of("StringEquals", Map.of("kms:ViaService",
                viaRegions.stream().map(r -> "ec2." + r + ".amazonaws.com").toList()));
        Map<String, Object> grantConditions = new HashMap<>(viaEc2);
        grantConditions.put("Bool", Map.of("kms:GrantIsForAWSResource", "true"));
        return List.of(
                PolicyStatement.Builder.create().sid("ReadEncryptedSources")
                        .actions(withoutGrant(actions))
                        .resources(keys).conditions(viaEc2).build(),
                PolicyStatement.Builder.create().sid("LetEbsReadEncryptedSources")
                        .actions(grantOnly(actions))
                        .resources(keys).conditions(grantConditions).build());
    }

    /** Statements that let EC2 in {@code region} use {@code keyId} (key id, key ARN, alias name or alias ARN). */
    static List<PolicyStatement> forCopiesInto(List<String> actions, String region, String keyId) {
        String keyResource;
        String alias = null;
        var aliasArn = ALIAS_ARN.matcher(keyId);
        if (KEY_ARN.matcher(keyId).matches()) {
            keyResource = keyId;
        } else if (aliasArn.matches()) {
            keyResource = aliasArn.group(1) + ":key/*";
            alias = aliasArn.group(2);
        } else if (ALIAS.matcher(keyId).matches()) {
            keyResource = "arn:" + Aws.PARTITION + ":kms:" + region + ":" + Aws.ACCOUNT_ID + ":key/*";
            alias = keyId;
        } else if (KEY_ID.matcher(keyId).matches()) {
            keyResource = "arn:" + Aws.PARTITION + ":kms:" + region + ":" + Aws.ACCOUNT_ID + ":key/" + keyId;
        } else {
            throw new InvalidSettingsException("crossRegionCopy.kmsKeyIds." + region + " = \"" + keyId
                    + "\" is not a KMS key id, key ARN, alias name (alias/...) or alias ARN");
        }
        Map<String, Object> viaEc2 = Map.of("kms:ViaService", "ec2." + region + ".amazonaws.com");
        Map<String, Object> conditions = alias == null
                ? Map.of("StringEquals", viaEc2)
                : Map.of("StringEquals", viaEc2, "ForAnyValue:StringEquals", Map.of("kms:ResourceAliases", alias));
        Map<String, Object> grantConditions = new HashMap<>(conditions);
        grantConditions.put("Bool", Map.of("kms:GrantIsForAWSResource", "true"));
        String sid = region.replace("-", "");
        return List.of(
                PolicyStatement.Builder.create().sid("EncryptCopiesIn" + sid)
                        .actions(withoutGrant(actions))
                        .resources(List.of(keyResource)).conditions(conditions).build(),
                // EBS holds a grant on the key while it copies; it may create one only for itself.
                PolicyStatement.Builder.create().sid("LetEbsUseKeyIn" + sid)
                        .actions(grantOnly(actions))
                        .resources(List.of(keyResource)).conditions(grantConditions).build());
    }

    /** The actions EC2 itself uses the key with; {@code kms:CreateGrant} goes in a statement of its own. */
    private static List<String> withoutGrant(List<String> actions) {
        return actions.stream().filter(a -> !a.equals(CREATE_GRANT)).toList();
    }

    /**
     * {@code kms:CreateGrant}, which EBS needs while it copies and which is held to grants for AWS resources; a
     * declaration without it is a change of what EC2 needs, and stops the synth rather than grant less silently.
     */
    private static List<String> grantOnly(List<String> actions) {
        if (!actions.contains(CREATE_GRANT)) {
            throw new IllegalStateException("the copy's KMS actions " + actions + " lack " + CREATE_GRANT);
        }
        return List.of(CREATE_GRANT);
    }
}
