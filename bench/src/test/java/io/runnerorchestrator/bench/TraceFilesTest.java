package io.runnerorchestrator.bench;

import io.runnerorchestrator.bench.trace.Trace;
import io.runnerorchestrator.bench.trace.TraceFile;
import io.runnerorchestrator.bench.trace.TraceGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The trace files are what their seeds make, and a broken file is named with its line. */
class TraceFilesTest {

    @Test
    void checkedInTracesAreWhatTheGeneratorMakesFromTheirSeeds(@TempDir Path dir) throws IOException {
        for (Trace trace : TraceGenerator.all()) {
            Path fresh = dir.resolve(trace.name() + ".trace");
            TraceFile.write(trace, fresh);
            Path checkedIn = Path.of("traces", trace.name() + ".trace");

            assertThat(Files.readString(checkedIn)).as(checkedIn.toString()).isEqualTo(Files.readString(fresh));
            assertThat(TraceFile.read(checkedIn)).isEqualTo(trace);
        }
    }

    @Test
    void aBadLineIsReportedWithFileAndLineNumber(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.trace");
        Files.writeString(file, "# name: bad\n# seed: 1\n# span_s: 60\n0.0 2 10.0\n5.0 two 10.0\n");

        assertThatThrownBy(() -> TraceFile.read(file))
                .hasMessageStartingWith(file + ":5: ")
                .hasMessageContaining("two");
    }
}
