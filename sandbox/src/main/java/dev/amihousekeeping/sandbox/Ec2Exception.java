package dev.amihousekeeping.sandbox;

import java.util.List;

/** An EC2 API error: the code and HTTP status a client sees in the {@code <Response><Errors>} document. */
final class Ec2Exception extends RuntimeException {

    private final String code;
    private final int status;

    Ec2Exception(String code, String message, int status) {
        super(message);
        this.code = code;
        this.status = status;
    }

    Ec2Exception(String code, String message) {
        this(code, message, 400);
    }

    String code() {
        return code;
    }

    int status() {
        return status;
    }

    static Ec2Exception missingParameter(String name) {
        return new Ec2Exception("MissingParameter", "The request must contain the parameter " + name);
    }

    static Ec2Exception invalidValue(String message) {
        return new Ec2Exception("InvalidParameterValue", message);
    }

    static Ec2Exception combination(String message) {
        return new Ec2Exception("InvalidParameterCombination", message);
    }

    static Ec2Exception imagesNotFound(List<String> imageIds) {
        return imageIds.size() == 1
                ? new Ec2Exception("InvalidAMIID.NotFound", "The image id '[" + imageIds.get(0) + "]' does not exist")
                : new Ec2Exception("InvalidAMIID.NotFound",
                "The image ids '[" + String.join(", ", imageIds) + "]' do not exist");
    }

    static Ec2Exception imageMalformed(String imageId) {
        return new Ec2Exception("InvalidAMIID.Malformed", "Invalid id: \"" + imageId + "\" (expecting \"ami-...\")");
    }

    static Ec2Exception snapshotNotFound(String snapshotId) {
        return new Ec2Exception("InvalidSnapshot.NotFound", "The snapshot '" + snapshotId + "' does not exist.");
    }

    static Ec2Exception snapshotMalformed(String snapshotId) {
        return new Ec2Exception("InvalidSnapshotID.Malformed",
                "Invalid id: \"" + snapshotId + "\" (expecting \"snap-...\")");
    }

    static Ec2Exception instanceNotFound(String instanceId) {
        return new Ec2Exception("InvalidInstanceID.NotFound", "The instance ID '" + instanceId + "' does not exist");
    }

    static Ec2Exception notAuthorized(String resourceId) {
        return new Ec2Exception("AuthFailure", "Not authorized for image:" + resourceId);
    }

    static Ec2Exception operationNotPermitted(String message) {
        return new Ec2Exception("OperationNotPermitted", message);
    }

    static Ec2Exception incorrectState(String message) {
        return new Ec2Exception("IncorrectState", message);
    }
}
