package io.runnerorchestrator.bench.measure;

import java.util.List;
import java.util.Locale;

/**
 * The per-run table as Markdown, one row per run: what the issue asks to see side by side. When a run
 * called the Actions service (scale-set mode), a last column shows those calls per job, apart from the
 * GitHub (REST) requests: registering ones (admin connection and JIT configs) / all others.
 */
public final class ResultTable {
    private static final String HEADER = "| policy | mode | jobs done | wait p50 / p95 / max (s) | added pickup p50 / p95 (s)"
            + " | idle / busy runner-s (idle %) | peak runners | GitHub req per job: counted / 304"
            + " | per idle hour: counted / 304 | pass p50 / p99 (ms) | heap (MB) | CPU |";
    private static final String ACTIONS_HEADER = " Actions calls per job: JIT + registration / other |";

    private ResultTable() {
    }

    public static String markdown(List<RunSummary> rows) {
        boolean actions = rows.stream().anyMatch(RunSummary::usedActionsService);
        StringBuilder table = new StringBuilder(HEADER).append(actions ? ACTIONS_HEADER : "").append('\n')
                .append("|---".repeat(actions ? 13 : 12)).append("|\n");
        for (RunSummary s : rows) {
            table.append("| ").append(s.label().policy().label())
                    .append(" | ").append(s.label().mode().label())
                    .append(" | ").append(s.completed()).append('/').append(s.jobs())
                    .append(" | ").append(num(s.waitSeconds().at(50))).append(" / ").append(num(s.waitSeconds().at(95)))
                    .append(" / ").append(num(s.waitSeconds().max()))
                    .append(" | ").append(num(s.pickupSeconds().at(50))).append(" / ")
                    .append(num(s.pickupSeconds().at(95)))
                    .append(" | ").append(big(s.idleRunnerSeconds())).append(" / ").append(big(s.busyRunnerSeconds()))
                    .append(" (").append(String.format(Locale.ROOT, "%.0f %%", s.idleShare())).append(')')
                    .append(" | ").append(s.peakRunners())
                    .append(" | ").append(num(s.countedPerJob())).append(" / ").append(num(s.notModifiedPerJob()))
                    .append(" | ").append(num(s.countedPerIdleHour())).append(" / ").append(num(s.notModifiedPerIdleHour()))
                    .append(" | ").append(num(s.passMillis().at(50))).append(" / ").append(num(s.passMillis().at(99)))
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f", s.heapMegabytes()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2g %%", s.cpuPercent()));
            if (actions) {
                table.append(" | ").append(s.usedActionsService() ? num(s.actionsRegisteringPerJob()) + " / "
                        + num(s.actionsOtherPerJob()) : "-");
            }
            table.append(" |\n");
        }
        return table.toString();
    }

    /** Two significant decimals for small figures, none for large ones; "n/a" when there is no sample. */
    static String num(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 10 ? "%.1f" : "%.2f", value);
    }

    /** Runner-seconds: thousands as k, millions as M. */
    static String big(double value) {
        if (value >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", value / 1e6);
        }
        if (value >= 1e4) {
            return String.format(Locale.ROOT, "%.0fk", value / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", value);
    }
}
