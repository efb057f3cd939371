package dev.amihousekeeping.sandbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void startsFull_emptiesAfterItsCapacity_andRefillsAtItsRateUpToItsCapacity() {
        TokenBucket bucket = new TokenBucket(100, 20, 0);
        int taken = 0;
        while (bucket.tryTake(0)) {
            taken++;
        }

        assertThat(taken).isEqualTo(100);
        int afterOneSecond = 0;
        while (bucket.tryTake(SECOND)) {
            afterOneSecond++;
        }
        assertThat(afterOneSecond).isEqualTo(20);
        int afterAnHour = 0;
        while (bucket.tryTake(SECOND + 3600 * SECOND)) {
            afterAnHour++;
        }
        assertThat(afterAnHour).isEqualTo(100);
    }

    @Test
    void categoriesFollowTheEc2ThrottlingPage() {
        assertThat(Ec2RequestCategory.of(QueryRequest.parse(null, "Action=DeleteSnapshot&SnapshotId=snap-1", null)))
                .isEqualTo(Ec2RequestCategory.MUTATING);
        assertThat(Ec2RequestCategory.of(QueryRequest.parse(null, "Action=DescribeImages&Owner.1=self", null)))
                .isEqualTo(Ec2RequestCategory.NON_MUTATING);
        assertThat(Ec2RequestCategory.of(QueryRequest.parse(null, "Action=DescribeSnapshots&MaxResults=5", null)))
                .isEqualTo(Ec2RequestCategory.NON_MUTATING);
        assertThat(Ec2RequestCategory.of(QueryRequest.parse(null,
                "Action=DescribeSnapshots&Version=2016-11-15", null)))
                .isEqualTo(Ec2RequestCategory.UNFILTERED_UNPAGINATED);
        assertThat(Ec2RequestCategory.MUTATING.capacity).isEqualTo(200);
        assertThat(Ec2RequestCategory.MUTATING.refillPerSecond).isEqualTo(5);
    }
}
