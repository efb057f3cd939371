package dev.amihousekeeping.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amihousekeeping.core.SnapshotOrigin.Kind;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SnapshotOriginTest {

    static Stream<Arguments> descriptions() {
        return Stream.of(
                // EC2 CreateImage, current wording (no volume)
                Arguments.of("Created by CreateImage(i-0123456789abcdef0) for ami-0123456789abcdef0",
                        Kind.CREATE_IMAGE, "ami-0123456789abcdef0"),
                // EC2 CreateImage, wording with the source volume
                Arguments.of("Created by CreateImage(i-0123456789abcdef0) for ami-0123456789abcdef0 from vol-0123456789abcdef0",
                        Kind.CREATE_IMAGE, "ami-0123456789abcdef0"),
                // older 8-hex ids, as in pre-2018 accounts
                Arguments.of("Created by CreateImage(i-87654321) for ami-abcdefab from vol-90abcdef",
                        Kind.CREATE_IMAGE, "ami-abcdefab"),
                // EC2 CopyImage: the destination AMI (this region) owns the snapshot, not the source AMI
                Arguments.of("Copied for DestinationAmi ami-0aaaaaaaaaaaaaaa1 from SourceAmi ami-0bbbbbbbbbbbbbbb2 "
                                + "for SourceSnapshot snap-0ccccccccccccccc3. Task created on 1,566,308,778,174.",
                        Kind.COPY_IMAGE, "ami-0aaaaaaaaaaaaaaa1"),
                Arguments.of("Copied for DestinationAmi ami-0aaaaaaaaaaaaaaa1 from SourceAmi ami-0bbbbbbbbbbbbbbb2",
                        Kind.COPY_IMAGE, "ami-0aaaaaaaaaaaaaaa1"),
                // CopySnapshot (console default): a deliberate copy; the AMI it repeats is in the source region
                Arguments.of("[Copied snap-0123456789abcdef0 from us-east-1] Created by CreateImage(i-0123456789abcdef0) "
                                + "for ami-0123456789abcdef0", Kind.COPY_SNAPSHOT, null),
                Arguments.of("[Copied snap-00f74e7eba4a187e1 from us-gov-west-1]", Kind.COPY_SNAPSHOT, null),
                Arguments.of("This snapshot is created by the AWS Backup service.", Kind.AWS_BACKUP, null),
                Arguments.of("[Copied snap-0123456789abcdef0 from eu-west-1] This snapshot is created by the AWS Backup service.",
                        Kind.AWS_BACKUP, null),
                Arguments.of("Created for policy: policy-0123456789abcdef0 schedule: Default Schedule", Kind.DLM, null),
                Arguments.of("Created by AWS-VMImport service for import-ami-0123456789abcdef0", Kind.VM_IMPORT, null),
                // malformed or user-written: must not yield an AMI id
                Arguments.of("", Kind.OTHER, null),
                Arguments.of(null, Kind.OTHER, null),
                Arguments.of("nightly backup of ami-0123456789abcdef0", Kind.OTHER, null),
                Arguments.of("Created by CreateImage(i-0123456789abcdef0) for ami-xyz", Kind.OTHER, null),
                Arguments.of("Created by CreateImage(i-0123456789abcdef0) for ami-0123456789abcdef", Kind.OTHER, null),
                Arguments.of("Created by CreateImage(i-0123456789abcdef0) for ami-0123456789ABCDEF0", Kind.OTHER, null),
                Arguments.of("created by createimage(i-0123456789abcdef0) for ami-0123456789abcdef0", Kind.OTHER, null),
                Arguments.of("Created by CreateImage(i-0123456789abcdef0) for ami-0123456789abcdef0 (keep me)", Kind.OTHER, null),
                Arguments.of("copy: Created by CreateImage(i-0123456789abcdef0) for ami-0123456789abcdef0", Kind.OTHER, null),
                Arguments.of("Created by CreateImage() for ami-0123456789abcdef0", Kind.OTHER, null),
                Arguments.of("Copied for DestinationAmi ami- from SourceAmi ami-0bbbbbbbbbbbbbbb2", Kind.OTHER, null),
                Arguments.of("Created by RegisterImage for web-2026-10-01", Kind.OTHER, null));
    }

    @ParameterizedTest(name = "[{index}] {1} {2} <- {0}")
    @MethodSource("descriptions")
    void parse_readsWhoMadeTheSnapshot(String description, Kind kind, String amiId) {
        SnapshotOrigin origin = SnapshotOrigin.parse(description);

        assertThat(origin.kind()).isEqualTo(kind);
        assertThat(origin.amiId()).isEqualTo(java.util.Optional.ofNullable(amiId));
    }

    @Test
    void parse_keepsSourceOfCopiedSnapshot() {
        SnapshotOrigin origin = SnapshotOrigin.parse("[Copied snap-0123456789abcdef0 from ap-southeast-2] web");

        assertThat(origin.sourceSnapshotId()).isEqualTo("snap-0123456789abcdef0");
        assertThat(origin.sourceRegion()).isEqualTo("ap-southeast-2");
    }
}
