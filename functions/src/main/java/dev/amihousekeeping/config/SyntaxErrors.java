package dev.amihousekeeping.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a JSON syntax error into a one-line {@link ConfigException} with line and column. */
final class SyntaxErrors {

    private static final Pattern CHARACTER_CODE = Pattern.compile(" \\(code \\d+\\)");
    private static final Pattern START_MARKER =
            Pattern.compile("\\(start marker at \\[Source: .*?; line: (\\d+), column: (\\d+)]\\)");

    private SyntaxErrors() {
    }

    static ConfigException translate(JsonProcessingException e) {
        String reason = reason(e.getOriginalMessage());
        if (reason.startsWith("Duplicate Object property") || reason.startsWith("Duplicate field")) {
            // STRICT_DUPLICATE_DETECTION: a policy with "dryRun" twice would silently take the last one.
            String path = e.getProcessor() instanceof JsonParser parser ? pathOf(parser.getParsingContext()) : "";
            return new ConfigException(path, "duplicate key");
        }
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new ConfigException("", "policy file is not valid JSON" + where + ": " + reason);
    }

    private static String pathOf(JsonStreamContext context) {
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.push(c);
        }
        String path = "";
        for (JsonStreamContext c : chain) {
            if (c.inObject() && c.getCurrentName() != null) {
                path = KeyPath.field(path, c.getCurrentName());
            } else if (c.inArray()) {
                path = KeyPath.element(path, Math.max(c.getCurrentIndex(), 0));
            }
        }
        return path;
    }

    /** Jackson's reason without what only a Jackson user can read: character codes, source dumps, feature names. */
    private static String reason(String message) {
        if (message == null) {
            return "unreadable input";
        }
        if (message.startsWith("Trailing token")) {
            return "more content after the end of the policy object";
        }
        int end = message.indexOf('\n');
        String line = (end < 0 ? message : message.substring(0, end)).strip();
        line = CHARACTER_CODE.matcher(line).replaceAll("");
        Matcher startMarker = START_MARKER.matcher(line);
        if (startMarker.find()) {
            line = line.substring(0, startMarker.start())
                    + "(opened at line " + startMarker.group(1) + ", column " + startMarker.group(2) + ")"
                    + line.substring(startMarker.end());
        }
        return line;
    }
}
