package io.runnerorchestrator.e2e.cluster;

import io.runnerorchestrator.e2e.cluster.FaultSchedule.Fault;
import io.runnerorchestrator.e2e.cluster.FaultSchedule.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FaultScheduleTest {

    @Test
    void theSameSeedGivesTheSameSchedule() {
        assertThat(FaultSchedule.draw(4, Duration.ofMinutes(60), 2))
                .isEqualTo(FaultSchedule.draw(4, Duration.ofMinutes(60), 2));
    }

    @Test
    void everySoakBeginsWithAnEngineRestartSoEvenAShortOneHasOne() {
        for (long seed = 0; seed < 50; seed++) {
            List<Fault> faults = FaultSchedule.draw(seed, Duration.ofMinutes(3), 2);
            assertThat(faults).as("seed %d", seed).isNotEmpty();
            assertThat(faults.get(0).kind()).as("seed %d", seed).isEqualTo(Kind.DOCKERD_RESTART);
        }
    }

    @Test
    void everyKindComesOnceBeforeAnyComesAgain() {
        List<Fault> faults = FaultSchedule.draw(2026, Duration.ofMinutes(60), 2);
        int kinds = Kind.values().length;
        assertThat(faults.size()).isGreaterThan(2 * kinds);
        for (int round = 0; round + kinds <= faults.size(); round += kinds) {
            Set<Kind> seen = EnumSet.noneOf(Kind.class);
            faults.subList(round, round + kinds).forEach(f -> seen.add(f.kind()));
            assertThat(seen).as("round from fault %d", round).hasSize(kinds);
        }
    }

    @Test
    void engineRestartsUseBothSignalsAndOnlyTheyHaveOne() {
        List<Fault> faults = FaultSchedule.draw(2026, Duration.ofMinutes(60), 2);
        assertThat(faults).filteredOn(f -> f.kind() == Kind.DOCKERD_RESTART).extracting(Fault::sigkill)
                .contains(true, false);
        assertThat(faults).filteredOn(f -> f.kind() != Kind.DOCKERD_RESTART).extracting(Fault::sigkill)
                .containsOnly(false);
    }

    @Test
    void faultsFollowOneAnotherAndEndBeforeTheQuietTail() {
        Duration total = Duration.ofMinutes(30);
        List<Fault> faults = FaultSchedule.draw(7, total, 2);
        for (int i = 1; i < faults.size(); i++) {
            assertThat(faults.get(i).at()).isGreaterThan(faults.get(i - 1).end());
        }
        assertThat(faults.get(faults.size() - 1).end()).isLessThanOrEqualTo(total.minus(FaultSchedule.QUIET_TAIL));
    }
}
