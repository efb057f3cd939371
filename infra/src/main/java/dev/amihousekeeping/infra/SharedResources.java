package dev.amihousekeeping.infra;

import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.sns.ITopic;

/**
 * What every {@link HousekeepingFunction} in a stack shares.
 *
 * @param code               the shaded functions jar
 * @param topic              notifications and alarms go here
 * @param key                encrypts the topic and the DLQs (and, in an organization, the run results)
 * @param policyJson         minified policy, the functions' {@code HOUSEKEEPING_CONFIG}
 * @param reserveConcurrency reserve concurrency for each purely scheduled function (context, default off)
 * @param organization       null for a single account; else schedules start an {@link OrganizationRun} each
 * @param runResults         the organization runs' results bucket; null for a single account
 */
public record SharedResources(
        Code code, ITopic topic, IKey key, String policyJson, int logRetentionDays, boolean reserveConcurrency,
        OrganizationSettings organization, IBucket runResults) {
}
