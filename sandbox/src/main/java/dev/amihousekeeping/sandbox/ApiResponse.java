package dev.amihousekeeping.sandbox;

/** An HTTP response body with its status and content type. */
record ApiResponse(int status, String contentType, String body) {

    static ApiResponse xml(int status, String body) {
        return new ApiResponse(status, "text/xml;charset=UTF-8", body);
    }

    static ApiResponse html(int status, String body) {
        return new ApiResponse(status, "text/html;charset=UTF-8", body);
    }

    /** The AWS JSON 1.1 protocol's content type (SSM, Organizations). */
    static ApiResponse awsJson(int status, String body) {
        return new ApiResponse(status, "application/x-amz-json-1.1", body);
    }

    static ApiResponse json(int status, String body) {
        return new ApiResponse(status, "application/json", body);
    }
}
