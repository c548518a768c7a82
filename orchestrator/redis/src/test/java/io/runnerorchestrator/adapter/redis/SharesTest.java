package io.runnerorchestrator.adapter.redis;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SharesTest {

    @ParameterizedTest(name = "{0} over {1}: {2} gets {3}")
    @CsvSource(delimiter = ';', value = {
            "10; a,b,c; a; 4",
            "10; a,b,c; b; 3",
            "10; a,b,c; c; 3",
            "2; a,b,c; c; 0",
            "5; ; a; 5",
            "5; b; a; 3",
            "0; a,b; a; 0",
    })
    void splitsEvenlyTheFirstInIdOrderTakingTheRemainder(int total, String members, String me, int share) {
        List<String> ids = members == null ? List.of() : List.of(members.split(","));
        assertThat(Shares.of(total, ids, me)).isEqualTo(share);
    }

    @ParameterizedTest
    @CsvSource({"7", "10", "1", "0"})
    void theSharesAddUpToTheTotal(int total) {
        List<String> ids = List.of("x", "y", "z");
        assertThat(ids.stream().mapToInt(id -> Shares.of(total, ids, id)).sum()).isEqualTo(total);
    }
}
