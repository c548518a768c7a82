package io.runnerorchestrator.app.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

import java.util.List;
import java.util.Map;

/**
 * Keeps the exposition clean for {@code promtool check metrics}: drops the few built-in meters whose
 * names break Prometheus' conventions (abbreviated units, a gauge ending in _count, servlet sessions
 * this stateless API never has) and gives the HTTP server meters the help text they lack.
 */
final class LintCleanExposition implements MeterFilter {

    private static final List<String> DROPPED = List.of("jvm.compilation.time", "process.cpu.time", "system.cpu.count",
            "tomcat.sessions");
    private static final Map<String, String> HELP = Map.of(
            "http.server.requests", "HTTP requests answered, by method, URI template, status and outcome",
            "http.server.requests.active", "HTTP requests being answered now");

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        return DROPPED.stream().anyMatch(id.getName()::startsWith) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        String help = HELP.get(id.getName());
        if (help == null || id.getDescription() != null) {
            return id;
        }
        return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(),
                help, id.getType());
    }
}
