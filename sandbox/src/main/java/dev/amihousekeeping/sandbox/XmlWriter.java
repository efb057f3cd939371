package dev.amihousekeeping.sandbox;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming XML writer for Query API responses. Null leaves are left out, as EC2 leaves out unset
 * members; text is escaped and characters XML cannot carry are dropped.
 */
final class XmlWriter {

    private final StringBuilder out = new StringBuilder(8192);
    private final Deque<String> open = new ArrayDeque<>();

    private XmlWriter() {
    }

    static XmlWriter document(String root, String namespace) {
        XmlWriter xml = new XmlWriter();
        xml.out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(root);
        if (namespace != null) {
            xml.out.append(" xmlns=\"").append(namespace).append('"');
        }
        xml.out.append('>');
        xml.open.push(root);
        return xml;
    }

    XmlWriter start(String name) {
        out.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    XmlWriter end() {
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    XmlWriter leaf(String name, Object value) {
        if (value == null) {
            return this;
        }
        out.append('<').append(name).append('>');
        escape(value instanceof Instant instant ? Ec2Time.format(instant) : String.valueOf(value));
        out.append("</").append(name).append('>');
        return this;
    }

    /** {@code <name><value>v</value></name>}, EC2's AttributeValue; an empty element when v is null. */
    XmlWriter attributeValue(String name, Object value) {
        if (value == null) {
            out.append('<').append(name).append("/>");
            return this;
        }
        return start(name).leaf("value", value).end();
    }

    XmlWriter empty(String name) {
        out.append('<').append(name).append("/>");
        return this;
    }

    String finish() {
        while (!open.isEmpty()) {
            end();
        }
        return out.toString();
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\r' -> out.append("&#13;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
    }
}
