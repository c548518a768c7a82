package io.runnerorchestrator.bench;

import io.runnerorchestrator.bench.policy.BenchPolicy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The command line: which backends, traces, policies and modes to run (all by default), where the
 * traces are and where the results go; or {@code generate-traces} to write the trace files again.
 * Scale-set mode runs the policies named with {@code --policy}; without one, only {@link #SCALESET_DEFAULT_POLICIES}.
 *
 * @param policiesNamed whether {@code --policy} was given
 */
public record BenchOptions(boolean generateTraces, Set<String> backends, List<String> traces,
                           List<BenchPolicy> policies, boolean policiesNamed, List<Mode> modes, Path traceDir,
                           Path outDir) {

    /**
     * The policies scale-set mode runs unless others are named: ours, and demand (how
     * actions-runner-controller sizes a scale set). The static pool ignores demand, and the seed's
     * literal thresholds are the same in every mode, so their scale-set rows would say nothing new.
     */
    public static final List<BenchPolicy> SCALESET_DEFAULT_POLICIES = List.of(BenchPolicy.DEMAND, BenchPolicy.OURS);

    public static final String USAGE = """
            usage: bench [--backend docker|swarm|virtual]... [--trace NAME]... [--policy static|seed|demand|ours]...
                         [--mode webhook|polling|scaleset]... [--traces DIR] [--out DIR]
                   bench generate-traces [--traces DIR]
            Every option may be repeated; without one of a kind, all of that kind run (swarm only when named;
            scale-set mode without --policy: demand and ours).""";

    public static BenchOptions parse(String... args) {
        List<String> backends = new ArrayList<>();
        List<String> traces = new ArrayList<>();
        List<BenchPolicy> policies = new ArrayList<>();
        List<Mode> modes = new ArrayList<>();
        Path traceDir = Path.of("bench", "traces");
        Path outDir = Path.of("bench", "target", "results");
        boolean generate = args.length > 0 && args[0].equals("generate-traces");
        for (int i = generate ? 1 : 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--backend" -> backends.add(oneOf(option, value, Scenario.DOCKER, Scenario.SWARM, Scenario.VIRTUAL));
                case "--trace" -> traces.add(value);
                case "--policy" -> policies.add(BenchPolicy.parse(value));
                case "--mode" -> modes.add(Mode.valueOf(oneOf(option, value, "webhook", "polling", "scaleset").toUpperCase()));
                case "--traces" -> traceDir = Path.of(value);
                case "--out" -> outDir = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new BenchOptions(generate,
                Set.copyOf(backends.isEmpty() ? List.of(Scenario.DOCKER, Scenario.VIRTUAL) : backends),
                List.copyOf(traces), policies.isEmpty() ? List.of(BenchPolicy.values()) : List.copyOf(policies),
                !policies.isEmpty(), modes.isEmpty() ? List.of(Mode.values()) : List.copyOf(modes), traceDir, outDir);
    }

    /** The policies to run in this mode, in order. */
    public List<BenchPolicy> policiesFor(Mode mode) {
        if (mode != Mode.SCALESET || policiesNamed) {
            return policies;
        }
        return policies.stream().filter(SCALESET_DEFAULT_POLICIES::contains).toList();
    }

    /** The default scenarios this command line selects. */
    public List<Scenario> scenarios() {
        return Scenario.defaults().stream()
                .filter(s -> backends.contains(s.backend()))
                .filter(s -> traces.isEmpty() || traces.contains(s.trace()))
                .toList();
    }

    private static String oneOf(String option, String value, String... allowed) {
        if (!Arrays.asList(allowed).contains(value)) {
            throw new IllegalArgumentException(option + " must be one of " + String.join(", ", allowed) + ", got '"
                    + value + "'");
        }
        return value;
    }
}
