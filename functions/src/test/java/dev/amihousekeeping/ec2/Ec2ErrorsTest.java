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
            assertThat(e.isNotOffered(true)).isFalse();
            assertThat(e.isNotOffered(false)).isFalse();
        });
    }

    @ParameterizedTest
    @CsvSource({"InvalidAction, 400", "UnsupportedOperation, 400", ", 501", "NotImplemented, 501", ", 500"})
    void recognisesAnEmulatorWithoutTheOperation(String code, int status) {
        assertThat(Ec2Exception.of("DescribeImageReferences", "us-east-1", ec2Error(code, status))
                .isNotOffered(true)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"InvalidAction, 400", "UnsupportedOperation, 400"})
    void takesAnExplicitCode_asNotOffered_fromAwsItself(String code, int status) {
        assertThat(Ec2Exception.of("DescribeImageReferences", "us-east-1", ec2Error(code, status))
                .isNotOffered(false)).isTrue();
    }

    /** Invariant 12: against AWS (no endpoint override) a 5xx, bare or not, is a failure, never "not offered". */
    @ParameterizedTest
    @CsvSource({", 500", ", 501", "NotImplemented, 501", ", 502", ", 503", "InvalidAction, 500"})
    void neverTakesA5xx_fromAwsItself_forAMissingOperation(String code, int status) {
        assertThat(Ec2Exception.of("DescribeLaunchConfigurations", "us-east-1", ec2Error(code, status))
                .isNotOffered(false)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"InternalError, 500", "ServiceUnavailable, 503", ", 502", ", 503", "UnauthorizedOperation, 403"})
    void doesNotMistakeAFailure_forAMissingOperation_evenFromAnEmulator(String code, int status) {
        assertThat(Ec2Exception.of("DescribeImages", "us-east-1", ec2Error(code, status)).isNotOffered(true))
                .isFalse();
    }

    @Test
    void decidesByTheClients_endpointOverride() {
        Ec2Exception bare500 = Ec2Exception.of("DescribeLaunchConfigurations", "us-east-1", ec2Error(null, 500));
        try (Ec2Clients aws = new Ec2Clients(ClientSettings.defaults());
             Ec2Clients emulator = new Ec2Clients(ClientSettings.defaults()
                     .withEndpoint(java.net.URI.create("http://127.0.0.1:5000")))) {
            assertThat(aws.notOffered(bare500)).isFalse();
            assertThat(emulator.notOffered(bare500)).isTrue();
        }
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
