package dev.amihousekeeping.config;

/**
 * A user's value as it appears in an error message: a JSON string literal, so that a newline or a quote in
 * the value cannot break the one-line message, and shortened so that a pasted blob does not flood the log.
 */
final class Quoted {

    private static final int MAX_CHARS = 80;

    private Quoted() {
    }

    static String string(String value) {
        String shown = value.length() > MAX_CHARS ? value.substring(0, MAX_CHARS) + "..." : value;
        StringBuilder out = new StringBuilder("\"");
        for (char c : shown.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
