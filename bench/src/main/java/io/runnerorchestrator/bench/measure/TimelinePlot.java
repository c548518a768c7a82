package io.runnerorchestrator.bench.measure;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One PNG per scenario: a panel per policy with queued jobs, runners up and runners busy over time. */
public final class TimelinePlot {
    private static final int WIDTH = 900;
    private static final int PANEL_HEIGHT = 240;

    private TimelinePlot() {
    }

    /** @param panels one timeline per policy, with the panel's title */
    public static void write(Path file, String title, List<Panel> panels) {
        List<XYChart> charts = panels.stream().map(panel -> chart(title, panel)).toList();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            BitmapEncoder.saveBitmap(charts, charts.size(), 1, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + file, e);
        }
    }

    /** One policy's timeline and the words above its panel. */
    public record Panel(String title, Timeline timeline) {
    }

    private static XYChart chart(String title, Panel panel) {
        Timeline t = panel.timeline();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT).title(title + ": " + panel.title())
                .xAxisTitle("time since the trace began (" + t.timeUnit() + ")").yAxisTitle("count").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        chart.getStyler().setXAxisDecimalPattern("#,##0.#");
        series(chart, "runners up", t.time(), t.runners(), new Color(33, 102, 172));
        series(chart, "runners busy", t.time(), t.busy(), new Color(146, 197, 222));
        series(chart, "jobs queued", t.time(), t.queued(), new Color(214, 96, 77));
        return chart;
    }

    private static void series(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
    }
}
