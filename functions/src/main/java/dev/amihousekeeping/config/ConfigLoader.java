package dev.amihousekeeping.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads and writes the policy file (DESIGN §4). Static methods over one shared, strict {@link ObjectMapper}:
 * the policy is read once per process (CDK synth, Lambda cold start, CLI start), so there is no state to hold.
 *
 * <p>Every way in ({@link #parse}, {@link #read}, {@link #fromEnvironment}) goes through {@link #parse}, so
 * CDK, Lambda and the CLI reject the same policies with the same one-line {@link ConfigException} message.
 * Strict means: unknown keys, duplicate keys, wrong JSON types (no {@code "false"} for {@code false}, no
 * {@code 2.0} for {@code 2}) and trailing content are errors. {@code //} and {@code /* *}{@code /} comments are
 * allowed, since people annotate policies as DESIGN §4 does. An explicit {@code null} is the same as leaving
 * the key out: the default applies.
 */
public final class ConfigLoader {

    /** The Lambda environment variable that carries the minified policy. */
    public static final String ENVIRONMENT_VARIABLE = "HOUSEKEEPING_CONFIG";

    /** Lambda's limit on all environment variables of a function together (keys and values), in bytes. */
    public static final int LAMBDA_ENVIRONMENT_LIMIT_BYTES = 4096;

    private static final ObjectMapper MAPPER = strictMapper();
    private static final ObjectWriter PRETTY = MAPPER.writer(prettyPrinter());
    // Leaving out nulls loses nothing (null means "default", and every default that is not null is written),
    // and the bytes matter under Lambda's 4 KB environment limit.
    private static final ObjectWriter MINIFIED = MAPPER.copy()
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
            .writer();

    private ConfigLoader() {
    }

    /** Parses and validates a policy document. */
    public static Config parse(String json) {
        if (json == null || json.isBlank()) {
            throw new ConfigException("", "policy file is empty");
        }
        JsonNode root = readTree(json);
        if (!root.isObject()) {
            throw new ConfigException("", "policy must be a JSON object, got " + JsonValueDescription.of(root));
        }
        Config config;
        try {
            config = MAPPER.treeToValue(root, Config.class);
        } catch (JsonProcessingException e) {
            throw BindingErrors.translate(e, root);
        }
        ConfigValidator.validate(config);
        return config;
    }

    /** Reads a UTF-8 policy file (a leading byte order mark is ignored) and parses it. */
    public static Config read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("", "policy file " + file + " does not exist");
        } catch (CharacterCodingException e) {
            throw new ConfigException("", "policy file " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException("", "cannot read policy file " + file + ": " + e.getClass().getSimpleName());
        }
        // Editors on Windows like to start UTF-8 files with a byte order mark; it is not JSON.
        return parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    /**
     * Parses the value of {@link #ENVIRONMENT_VARIABLE}. Unset is an error, not the defaults: a deployed function
     * always gets its policy from CDK, so a missing one means a broken deployment, and the function must not run.
     */
    public static Config fromEnvironment(String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(ENVIRONMENT_VARIABLE, "not set; the deployment passes the policy here");
        }
        return parse(value);
    }

    /** The effective policy, pretty-printed, with every default written out; {@link #parse} reads it back. */
    public static String toJson(Config config) {
        try {
            return PRETTY.writeValueAsString(config) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write policy as JSON", e);
        }
    }

    /** The effective policy on one line without nulls, for the Lambda environment; {@link #parse} reads it back. */
    public static String toMinifiedJson(Config config) {
        try {
            return MINIFIED.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write policy as JSON", e);
        }
    }

    private static JsonNode readTree(String json) {
        try (JsonParser parser = MAPPER.createParser(json)) {
            JsonNode root = MAPPER.readTree(parser);
            return root == null ? MAPPER.nullNode() : root;
        } catch (JsonProcessingException e) {
            throw SyntaxErrors.translate(e);
        } catch (IOException e) {
            // A String source does no I/O; this is only the checked signature.
            throw new IllegalStateException(e);
        }
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                // A null inside a list or map ("regions": [null]) is a mistake, not "default".
                .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
                .build();
        // A policy says exactly what it means: "false" is not false, 7.0 is not 7, 5 is not "5", "" is not null.
        // (An empty string stays a valid *string*: EC2 tag values may be empty; the validator decides elsewhere.)
        failCoercion(mapper, LogicalType.Boolean, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.String, CoercionInputShape.EmptyString);
        failCoercion(mapper, LogicalType.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean,
                CoercionInputShape.String, CoercionInputShape.EmptyString);
        failCoercion(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean);
        for (LogicalType type : new LogicalType[] {LogicalType.Enum, LogicalType.Collection, LogicalType.Map,
                LogicalType.POJO}) {
            failCoercion(mapper, type, CoercionInputShape.EmptyString, CoercionInputShape.String,
                    CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
        }
        return mapper;
    }

    private static void failCoercion(ObjectMapper mapper, LogicalType type, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        // Laid out as people write JSON by hand ("key": value, one array element a line, [] and {} when empty),
        // with \n on every platform so that the output is the same everywhere.
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withArrayEmptySeparator("")
                .withObjectEmptySeparator("");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withSeparators(separators);
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }
}
