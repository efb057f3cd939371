package dev.amihousekeeping.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InUseIndexTest {

    @Test
    void uses_mergesRepeatsAndKeepsOrderFound() {
        InUseIndex index = InUseIndex.checking(List.of("ami-1")).use("ami-1", "i-0abc (running)")
                .use("ami-1", "lt-0abc $Default").use("ami-1", "i-0abc (running)").build();

        assertThat(index.uses("ami-1")).containsExactly("i-0abc (running)", "lt-0abc $Default");
        assertThat(index.uses("ami-2")).isEmpty();
    }

    @Test
    void unknown_whenImageWasNotAskedAbout() {
        InUseIndex index = InUseIndex.checking(List.of("ami-1")).build();

        assertThat(index.unknown("ami-1")).isEmpty();
        assertThat(index.unknown("ami-2")).contains("not checked");
    }

    @Test
    void unknown_forEveryImage_whenASourceFailed() {
        InUseIndex index = InUseIndex.checkingAll()
                .failed("DescribeLaunchConfigurations: UnauthorizedOperation")
                .failed("DescribeInstances: RequestLimitExceeded").build();

        assertThat(index.unknown("ami-1"))
                .contains("DescribeLaunchConfigurations: UnauthorizedOperation, DescribeInstances: RequestLimitExceeded");
    }

    @Test
    void covers_everyImage_whenCheckingAll() {
        assertThat(InUseIndex.checkingAll().build().unknown("ami-anything")).isEmpty();
    }
}
