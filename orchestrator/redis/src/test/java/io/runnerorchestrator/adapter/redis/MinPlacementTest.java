package io.runnerorchestrator.adapter.redis;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MinPlacementTest {

    @Test
    void minStaysWhereRunnersAlreadyAre() {
        assertThat(MinPlacement.place(3, Map.of("a", 0, "b", 5, "c", 1)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("a", 0, "b", 3, "c", 0));
        assertThat(MinPlacement.place(3, Map.of("a", 1, "b", 1, "c", 0)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("a", 1, "b", 1, "c", 1));
    }

    @Test
    void whatNoRunnerCoversIsSpreadEvenlyInIdOrder() {
        assertThat(MinPlacement.place(5, Map.of("a", 0, "b", 0, "c", 0)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("a", 2, "b", 2, "c", 1));
        assertThat(MinPlacement.place(4, Map.of("a", 2, "b", 0, "c", 0)))
                .containsExactlyInAnyOrderEntriesOf(Map.of("a", 2, "b", 1, "c", 1));
    }

    @Test
    void zeroMinOrNoMemberPlacesNothing() {
        assertThat(MinPlacement.place(0, Map.of("a", 3))).containsExactlyEntriesOf(Map.of("a", 0));
        assertThat(MinPlacement.place(4, Map.of())).isEmpty();
    }
}
