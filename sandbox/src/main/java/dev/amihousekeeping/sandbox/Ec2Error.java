package dev.amihousekeeping.sandbox;

import java.util.List;

/** An EC2 API error: the code and HTTP status a client sees in the {@code <Response><Errors>} document. */
final class Ec2Error extends RuntimeException {

    private final String code;
    private final int status;

    Ec2Error(String code, String message, int status) {
        super(message);
        this.code = code;
        this.status = status;
    }

    Ec2Error(String code, String message) {
        this(code, message, 400);
    }

    String code() {
        return code;
    }

    int status() {
        return status;
    }

    static Ec2Error missingParameter(String name) {
        return new Ec2Error("MissingParameter", "The request must contain the parameter " + name);
    }

    static Ec2Error invalidValue(String message) {
        return new Ec2Error("InvalidParameterValue", message);
    }

    static Ec2Error combination(String message) {
        return new Ec2Error("InvalidParameterCombination", message);
    }

    static Ec2Error imagesNotFound(List<String> imageIds) {
        return imageIds.size() == 1
                ? new Ec2Error("InvalidAMIID.NotFound", "The image id '[" + imageIds.get(0) + "]' does not exist")
                : new Ec2Error("InvalidAMIID.NotFound",
                "The image ids '[" + String.join(", ", imageIds) + "]' do not exist");
    }

    static Ec2Error imageMalformed(String imageId) {
        return malformed("InvalidAMIID.Malformed", imageId, "ami-");
    }

    static Ec2Error snapshotNotFound(String snapshotId) {
        return new Ec2Error("InvalidSnapshot.NotFound", "The snapshot '" + snapshotId + "' does not exist.");
    }

    static Ec2Error snapshotMalformed(String snapshotId) {
        return malformed("InvalidSnapshotID.Malformed", snapshotId, "snap-");
    }

    /** An id that is not of the shape {@code prefix} and hex digits. */
    static Ec2Error malformed(String code, String id, String prefix) {
        return new Ec2Error(code, "Invalid id: \"" + id + "\" (expecting \"" + prefix + "...\")");
    }

    static Ec2Error instanceNotFound(String instanceId) {
        return new Ec2Error("InvalidInstanceID.NotFound", "The instance ID '" + instanceId + "' does not exist");
    }

    static Ec2Error notAuthorized(String resourceId) {
        return new Ec2Error("AuthFailure", "Not authorized for image:" + resourceId);
    }

    static Ec2Error operationNotPermitted(String message) {
        return new Ec2Error("OperationNotPermitted", message);
    }

    static Ec2Error incorrectState(String message) {
        return new Ec2Error("IncorrectState", message);
    }
}
