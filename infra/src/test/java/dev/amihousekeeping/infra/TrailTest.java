package dev.amihousekeeping.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

class TrailTest {

    @Test
    void createTrail_addsAMultiRegionTrailIntoAnEncryptedSslOnlyBucketThatForgets() {
        HousekeeperStack home = AppFixture.synth(Map.of("createTrail", true)).home();
        JsonNode template = AppFixture.template(home);
        JsonNode trail = AppFixture.resources(template, "AWS::CloudTrail::Trail").get(0).path("Properties");
        assertThat(trail.path("IsMultiRegionTrail").asBoolean()).isTrue();
        assertThat(trail.path("IsLogging").asBoolean()).isTrue();
        assertThat(trail.path("EnableLogFileValidation").asBoolean()).isTrue();
        assertThat(trail.path("EventSelectors").get(0).path("ReadWriteType").asText()).isEqualTo("WriteOnly");
        assertThat(trail.path("EventSelectors").get(0).path("IncludeManagementEvents").asBoolean()).isTrue();

        JsonNode bucket = AppFixture.resources(template, "AWS::S3::Bucket").get(0).path("Properties");
        assertThat(bucket.path("BucketEncryption").toString()).contains("AES256");
        assertThat(bucket.path("PublicAccessBlockConfiguration").path("RestrictPublicBuckets").asBoolean()).isTrue();
        assertThat(bucket.path("LifecycleConfiguration").path("Rules").get(0).path("ExpirationInDays").asInt()).isEqualTo(90);
        assertThat(AppFixture.resources(template, "AWS::S3::BucketPolicy").toString())
                .contains("aws:SecureTransport", "cloudtrail.amazonaws.com");
        assertThat(Annotations.fromStack(home).findError("*", Match.anyValue())).isEmpty();
    }
}
