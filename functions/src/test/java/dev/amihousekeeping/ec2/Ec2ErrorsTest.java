package dev.amihousekeeping.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class Ec2ErrorsTest {

    private static AwsServiceException ec2Error(String code, int status) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("message of " + code).build())
                .build();
    }

    @ParameterizedTest
    @CsvSource({
            "InvalidAMIID.NotFound, GONE",
            "InvalidAMIID.Unavailable, GONE",
            "InvalidSnapshot.NotFound, GONE",
            "InvalidSnapshot.InUse, IN_USE"})
    void mapsOutcomeCodes_toOutcomesNotFailures(String code, Ec2OutcomeException.Kind kind) {
        assertThatThrownBy(() -> Ec2Gateway.withOutcomes("DeleteSnapshot", "us-east-1", () -> {
            throw ec2Error(code, 400);
        })).isInstanceOfSatisfying(Ec2OutcomeException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.errorCode()).isEqualTo(code);
            assertThat(e.errorMessage()).isEqualTo("message of " + code);
        });
    }

    @ParameterizedTest
    @CsvSource({"UnauthorizedOperation", "InvalidAMIID.Malformed", "RequestLimitExceeded"})
    void keepsOtherCodes_asFailuresWithCodeAndMessage(String code) {
        assertThatThrownBy(() -> Ec2Gateway.withOutcomes("DeregisterImage", "eu-west-1", () -> {
            throw ec2Error(code, 400);
        })).isInstanceOfSatisfying(Ec2Exception.class, e -> {
            assertThat(e.errorCode()).isEqualTo(code);
            assertThat(e.errorMessage()).isEqualTo("message of " + code);
            assertThat(e.operation()).isEqualTo("DeregisterImage");
            assertThat(e.region()).isEqualTo("eu-west-1");
            assertThat(e.isUnsupportedOperation()).isFalse();
        });
    }

    @ParameterizedTest
    @CsvSource({"InvalidAction, 400", "UnsupportedOperation, 400", ", 501", ", 500"})
    void recognisesAnEndpointWithoutTheOperation(String code, int status) {
        assertThat(Ec2Exception.of("DescribeImageReferences", "us-east-1", ec2Error(code, status))
                .isUnsupportedOperation()).isTrue();
    }

    @Test
    void doesNotMistakeAnEc2InternalError_forAMissingOperation() {
        assertThat(Ec2Exception.of("DescribeImages", "us-east-1", ec2Error("InternalError", 500))
                .isUnsupportedOperation()).isFalse();
    }

    @Test
    void namesAClientSideFailure_byItsClass() {
        Ec2Exception e = Ec2Exception.of("DescribeImages", "us-east-1",
                SdkClientException.create("Unable to execute HTTP request: Connection refused"));

        assertThat(e.errorCode()).isEqualTo("SdkClientException");
        assertThat(e.statusCode()).isZero();
        assertThat(e.errorMessage()).contains("Connection refused");
    }
}
