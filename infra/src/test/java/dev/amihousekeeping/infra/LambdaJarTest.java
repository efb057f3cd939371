package dev.amihousekeeping.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The Lambda code the stack deploys: one HTTP client (url-connection) and nothing the functions never load. */
class LambdaJarTest {

    @Test
    void lambdaJar_holdsOnlyTheUrlConnectionHttpClient() throws IOException {
        Path jar = AppFixture.REPO_ROOT.resolve(DeploymentSettings.FUNCTIONS_JAR);
        assertThat(jar).as("build the functions module first (mvn package)").exists();

        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> entries = file.stream().map(e -> e.getName()).toList();

            assertThat(entries).anyMatch(n -> n.startsWith("software/amazon/awssdk/http/urlconnection/"));
            assertThat(entries).noneMatch(n -> n.startsWith("org/apache/http/") || n.startsWith("org/apache/hc/")
                    || n.startsWith("io/netty/") || n.startsWith("software/amazon/awssdk/http/apache")
                    || n.startsWith("software/amazon/awssdk/http/nio/netty/") || n.startsWith("org/joda/"));
        }
        assertThat(Files.size(jar)).as("jar size").isLessThan(50L * 1024 * 1024);
    }
}
