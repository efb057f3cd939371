package dev.amihousekeeping.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LambdaJvmTest {

    private static final List<String> PLAIN_JAR = List.of("-jar", "ami-housekeeping.jar", "expire", "--apply");
    private static final String MAIN = Main.class.getName();

    private static List<String> relaunch(List<String> jvmArguments, Map<String, String> env, boolean relaunched,
                                         String... args) {
        return LambdaJvm.relaunch(jvmArguments, env, "/jdk", "ami-housekeeping.jar", relaunched, args).orElse(null);
    }

    @Test
    void plainJavaJar_runsTheCommandAgain_withLambdasOptions_theSameJarAndArguments() {
        assertThat(relaunch(PLAIN_JAR, Map.of(), false, "expire", "--apply")).containsExactly(
                Path.of("/jdk", "bin", "java").toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dami-housekeeping.relaunched=true", "-cp", "ami-housekeeping.jar", MAIN, "expire", "--apply");
    }

    @Test
    void plainClassPathAndMain_isRelaunchedToo() {
        assertThat(relaunch(List.of("-cp", "a.jar:b.jar", MAIN, "orphans"), Map.of(), false, "orphans")).isNotNull();
    }

    @Test
    void theSecondJvm_neverStartsAThird() {
        assertThat(relaunch(PLAIN_JAR, Map.of(), true, "expire")).isNull();
    }

    @Test
    void jvmOptionsOfTheUsers_areKept_onTheCommandLineOrInTheEnvironment() {
        assertThat(relaunch(List.of("-Xmx256m", "-jar", "x.jar", "expire"), Map.of(), false, "expire")).isNull();
        assertThat(relaunch(List.of("-cp", "x.jar", "-Dk=v", MAIN, "expire"), Map.of(), false, "expire")).isNull();
        assertThat(relaunch(PLAIN_JAR, Map.of("JDK_JAVA_OPTIONS", "-XX:+UseG1GC"), false, "expire")).isNull();
        assertThat(relaunch(PLAIN_JAR, Map.of("JAVA_TOOL_OPTIONS", "-Xss2m"), false, "expire")).isNull();
        assertThat(relaunch(PLAIN_JAR, Map.of("_JAVA_OPTIONS", "-Xmx1g"), false, "expire")).isNull();
        assertThat(relaunch(PLAIN_JAR, Map.of("JDK_JAVA_OPTIONS", " "), false, "expire")).isNotNull();
    }

    @Test
    void optOut_isHonoured() {
        assertThat(relaunch(PLAIN_JAR, Map.of(LambdaJvm.OPT_OUT, "false"), false, "expire")).isNull();
        assertThat(relaunch(PLAIN_JAR, Map.of(LambdaJvm.OPT_OUT, "FALSE "), false, "expire")).isNull();
        assertThat(relaunch(PLAIN_JAR, Map.of(LambdaJvm.OPT_OUT, "true"), false, "expire")).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "bench", "config", "--help", "--version", "help"})
    void commandsThatServeMeasureOrEndAtOnce_runInTheFirstJvm(String command) {
        assertThat(relaunch(PLAIN_JAR, Map.of(), false, command)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"expire", "orphans", "public-share", "copy", "restore", "handle", "demo"})
    void commandsThatRunTheFunctions_areRelaunched(String command) {
        assertThat(relaunch(PLAIN_JAR, Map.of(), false, command)).endsWith(command);
    }

    @Test
    void noArguments_orAnUnknownCommandLine_runsInTheFirstJvm() {
        assertThat(relaunch(PLAIN_JAR, Map.of(), false)).isNull();
        assertThat(relaunch(List.of(), Map.of(), false, "expire")).isNull();
    }
}
