package dev.amihousekeeping.ec2;

import static dev.amihousekeeping.testing.Fixtures.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amihousekeeping.core.ImageReference;
import dev.amihousekeeping.sandbox.Seed;
import dev.amihousekeeping.testing.SandboxHarness;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** In-use evidence against the sandbox: DescribeImageReferences with its options, batching, and the fallback. */
class ImageReferenceReaderSandboxTest {

    private static String ami(int n) {
        return String.format("ami-%017x", n);
    }

    /**
     * 25 images. ami-1: running instance; ami-2: stopped instance; ami-3: only a terminated instance; template
     * lt-1 has 12 versions: v1 ($Default) uses ami-5, v2 uses ami-6, v3..v12 use ami-4; ami-7 is in an SSM
     * parameter; the rest are unused.
     */
    private static Seed seed() {
        String images = IntStream.rangeClosed(1, 25).mapToObj(n -> "{\"imageId\":\"" + ami(n) + "\",\"name\":\"app-" + n
                + "\",\"creationDate\":\"2026-01-01T00:00:00Z\"}").collect(Collectors.joining(","));
        String versions = IntStream.rangeClosed(1, 12).mapToObj(v -> "{\"versionNumber\":" + v + ",\"imageId\":\""
                + (v == 1 ? ami(5) : v == 2 ? ami(6) : ami(4)) + "\"}").collect(Collectors.joining(","));
        return Seed.parse("{\"now\":\"2026-11-01T00:00:00Z\",\"regions\":{\"" + REGION + "\":{"
                + "\"images\":[" + images + "],"
                + "\"instances\":["
                + "{\"instanceId\":\"i-00000000000000001\",\"imageId\":\"" + ami(1) + "\",\"state\":\"running\"},"
                + "{\"instanceId\":\"i-00000000000000002\",\"imageId\":\"" + ami(2) + "\",\"state\":\"stopped\"},"
                + "{\"instanceId\":\"i-00000000000000003\",\"imageId\":\"" + ami(3) + "\",\"state\":\"terminated\"}],"
                + "\"launchTemplates\":[{\"launchTemplateId\":\"lt-00000000000000001\",\"name\":\"web\","
                + "\"defaultVersion\":1,\"versions\":[" + versions + "]}],"
                + "\"ssmParameters\":[{\"name\":\"/ami/web/latest\",\"value\":\"" + ami(7) + "\"}]}}}");
    }

    private static List<String> allImageIds() {
        return IntStream.rangeClosed(1, 25).mapToObj(ImageReferenceReaderSandboxTest::ami).toList();
    }

    @Test
    void findsWhatUsesEachImage_tenImagesACall() throws Exception {
        try (SandboxHarness fixture = SandboxHarness.start(seed())) {
            List<ImageReference> references = new ImageReferenceReader(fixture.clients())
                    .describeImageReferences(REGION, allImageIds());

            assertThat(fixture.calls(REGION, "DescribeImageReferences")).isEqualTo(3);
            assertThat(references).extracting(ImageReference::imageId).containsOnly(ami(1), ami(2), ami(4), ami(7));
            assertThat(references).contains(
                    new ImageReference(ami(1), ImageReference.INSTANCE, "i-00000000000000001"),
                    new ImageReference(ami(2), ImageReference.INSTANCE, "i-00000000000000002"),
                    new ImageReference(ami(7), ImageReference.SSM_PARAMETER, "ssm:/ami/web/latest"));
        }
    }

    @Test
    void readsEveryTemplatesDefaultVersion_howeverOld_andItsNewestTen() {
        try (SandboxHarness fixture = SandboxHarness.start(seed())) {
            List<ImageReference> references = new ImageReferenceReader(fixture.clients())
                    .launchTemplates(REGION, ImageReferenceReader.LAUNCH_TEMPLATE_VERSION_DEPTH);

            assertThat(references).extracting(ImageReference::imageId).containsOnly(ami(4), ami(5));
            assertThat(references).contains(
                    new ImageReference(ami(5), ImageReference.LAUNCH_TEMPLATE, "lt-00000000000000001 $Default"),
                    new ImageReference(ami(4), ImageReference.LAUNCH_TEMPLATE, "lt-00000000000000001 $Latest"),
                    new ImageReference(ami(4), ImageReference.LAUNCH_TEMPLATE, "lt-00000000000000001 v3"));
            assertThat(references).hasSize(11);
        }
    }

    @Test
    void signalsTheFallback_andReadsLiveInstancesItself_whenTheEndpointLacksDescribeImageReferences() {
        try (SandboxHarness fixture = SandboxHarness.start(seed())) {
            fixture.fault("{\"action\":\"DescribeImageReferences\",\"error\":\"InvalidAction\",\"status\":400}");
            ImageReferenceReader reader = new ImageReferenceReader(fixture.clients());

            assertThatThrownBy(() -> reader.describeImageReferences(REGION, allImageIds()))
                    .isInstanceOf(OperationUnavailableException.class);
            assertThat(reader.instances(REGION)).containsExactlyInAnyOrder(
                    new ImageReference(ami(1), ImageReference.INSTANCE, "i-00000000000000001 (running)"),
                    new ImageReference(ami(2), ImageReference.INSTANCE, "i-00000000000000002 (stopped)"));
        }
    }

    @Test
    void failsClosed_whenAnInUseSourceCannotBeRead() {
        try (SandboxHarness fixture = SandboxHarness.start(seed())) {
            fixture.fault("{\"action\":\"DescribeImageReferences\",\"error\":\"UnauthorizedOperation\"}");
            fixture.fault("{\"action\":\"DescribeLaunchTemplates\",\"error\":\"UnauthorizedOperation\"}");
            ImageReferenceReader reader = new ImageReferenceReader(fixture.clients());

            assertThatThrownBy(() -> reader.describeImageReferences(REGION, allImageIds()))
                    .isInstanceOfSatisfying(Ec2Exception.class,
                            e -> assertThat(e.errorCode()).isEqualTo("UnauthorizedOperation"));
            assertThatThrownBy(() -> reader.launchTemplates(REGION, 10)).isInstanceOf(Ec2Exception.class);
        }
    }
}
