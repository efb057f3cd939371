package dev.amihousekeeping.core;

import java.util.Locale;

/** The states EC2 reports for an image (DescribeImages {@code imageState}). */
public enum ImageState {
    PENDING, AVAILABLE, INVALID, DEREGISTERED, TRANSIENT, FAILED, ERROR, DISABLED;

    public static ImageState fromApi(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public String apiValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
