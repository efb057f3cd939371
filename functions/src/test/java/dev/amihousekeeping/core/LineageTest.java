package dev.amihousekeeping.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LineageTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "web-2026-10-01                               | web",
            "web-v12                                      | web",
            "web-V3                                       | web",
            "web-1.4.2                                    | web",
            "web-v1.4.2                                   | web",
            "web-20261001T1200                            | web",
            "web-20261001T120000Z                         | web",
            "web-20261001                                 | web",
            "web_2026_10_01                               | web",
            "web.2026-10-01                               | web",
            "web-2026-10-01T12-00-00Z                     | web",
            "web-2026-10-01-1200                          | web",
            "web-12                                       | web",
            "web                                          | web",
            "web-prod                                     | web-prod",
            "web-prod-42                                  | web-prod",
            "api2-1.0                                     | api2",
            "ubuntu-jammy-22.04-amd64-server-20231101     | ubuntu-jammy-22.04-amd64-server",
            "Windows_Server-2022-English-Full-Base-2026.10.15 | Windows_Server-2022-English-Full-Base",
            "amzn2-ami-hvm-2.0.20231116.0-x86_64-gp2      | amzn2-ami-hvm-2.0.20231116.0-x86_64-gp2",
            "web-v12-arm64                                | web-v12-arm64",
            "web-a1b2c3d                                  | web-a1b2c3d",
            "web-rc1                                      | web-rc1",
            "2026-10-01                                   | 2026-10-01",
            "base image 2026-10-01                        | base image",
    })
    void fromName_removesTrailingVersionOrDate(String name, String lineage) {
        assertThat(Lineage.fromName(name)).isEqualTo(new Lineage(lineage));
    }

    @Test
    void of_prefersLineageTag() {
        Image image = ExpiryTestImage.expired("ami-0001").name("web-v3").tag("Lineage", "frontend").build();

        assertThat(Lineage.of(image, "Lineage")).isEqualTo(new Lineage("frontend"));
        assertThat(Lineage.of(image, null)).isEqualTo(new Lineage("web"));
        assertThat(Lineage.of(image, "Missing")).isEqualTo(new Lineage("web"));
    }

    @Test
    void of_isTheImageId_whenNoNameAndNoTag() {
        Image image = ExpiryTestImage.expired("ami-0001").name(null).build();

        assertThat(Lineage.of(image, "Lineage")).isEqualTo(new Lineage("ami-0001"));
    }

    @Test
    void newest_protectsTheNewestOfEachLineageByCreationDate() {
        Image old = ExpiryTestImage.nth(1, "web-v1").build();
        Image mid = ExpiryTestImage.nth(2, "web-v2").build();
        Image fresh = ExpiryTestImage.nth(3, "web-2026-03-01").build();
        Image other = ExpiryTestImage.expired("ami-0004").name("api-v1").created("2025-01-01T00:00:00Z").build();

        Map<String, Lineage> newest = Lineage.newest(List.of(fresh, old, other, mid), 2, null);

        assertThat(newest).containsOnlyKeys("ami-0003", "ami-0002", "ami-0004");
        assertThat(newest.get("ami-0002")).isEqualTo(new Lineage("web"));
    }
}
