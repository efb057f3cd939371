package dev.amihousekeeping.sandbox;

import java.util.List;

/** One EC2 request filter: a name and the values any of which may match. */
record Filter(String name, List<String> values) {
}
