package dev.amihousekeeping.infra;

import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.sns.ITopic;

/**
 * What every {@link HousekeepingFunction} in a stack shares.
 *
 * @param code               the shaded functions jar
 * @param topic              notifications and alarms go here
 * @param key                encrypts the topic and the DLQs
 * @param policyJson         minified policy, the functions' {@code HOUSEKEEPING_CONFIG}
 * @param reserveConcurrency reserve 1 concurrent execution for each purely scheduled function (context, default off)
 */
public record SharedResources(
        Code code, ITopic topic, IKey key, String policyJson, int logRetentionDays, boolean reserveConcurrency) {
}
