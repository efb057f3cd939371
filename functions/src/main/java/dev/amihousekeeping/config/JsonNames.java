package dev.amihousekeeping.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Each {@link JsonNamed} enum's names, read from its constants' {@link JsonProperty} once per enum. */
final class JsonNames extends ClassValue<String[]> {

    static final JsonNames OF = new JsonNames();

    private JsonNames() {
    }

    @Override
    protected String[] computeValue(Class<?> type) {
        Object[] constants = type.getEnumConstants();
        String[] names = new String[constants.length];
        for (int i = 0; i < constants.length; i++) {
            String name = ((Enum<?>) constants[i]).name();
            JsonProperty property;
            try {
                property = type.getField(name).getAnnotation(JsonProperty.class);
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(type.getName() + "." + name + " is not a field", e);
            }
            if (property == null) {
                throw new IllegalStateException(type.getName() + "." + name + " has no @JsonProperty");
            }
            names[i] = property.value();
        }
        return names;
    }
}
