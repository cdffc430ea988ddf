package io.rudp.examples;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code perf-client --plot}: goodput, congestion window, smoothed RTT and retransmits per interval,
 * over time, as four charts in a 2×2 grid, in PNG or SVG (XChart, drawn headless).
 */
final class PerfPlot
{
    private static final int CHART_WIDTH = 640;
    private static final int CHART_HEIGHT = 360;

    private PerfPlot()
    {
    }

    static void write(final Path file, final List<PerfReport.Interval> intervals, final boolean reverse) throws Exception
    {
        System.setProperty("java.awt.headless", "true");
        final int n = intervals.size();
        final double[] t = new double[Math.max(1, n)];
        final double[] mbps = new double[t.length];
        final double[] cwndKiB = new double[t.length];
        final double[] srttMs = new double[t.length];
        final double[] retransmits = new double[t.length];
        for (int i = 0; i < n; i++)
        {
            final PerfReport.Row sum = intervals.get(i).sum();
            t[i] = intervals.get(i).endSeconds();
            mbps[i] = sum.bitsPerSecond() / 1e6;
            cwndKiB[i] = sum.cwndBytes() / 1024.0;
            srttMs[i] = sum.srttNs() / 1e6;
            retransmits[i] = sum.retransmits();
        }
        final List<XYChart> charts = List.of(
            chart(reverse ? "Goodput received" : "Goodput (acknowledged)", "Mbit/s", t, mbps),
            chart(reverse ? "Congestion window (this side)" : "Congestion window", "KiB", t, cwndKiB),
            chart("Smoothed RTT", "ms", t, srttMs),
            chart("Retransmitted segments per interval", "segments", t, retransmits));
        if (file.toString().endsWith(".png"))
        {
            BitmapEncoder.saveBitmap(List.copyOf(charts), 2, 2, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            return;
        }
        final VectorGraphics2D g = new VectorGraphics2D();
        for (int i = 0; i < charts.size(); i++)
        {
            final java.awt.Graphics2D cell = (java.awt.Graphics2D)g.create((i % 2) * CHART_WIDTH, (i / 2) * CHART_HEIGHT,
                CHART_WIDTH, CHART_HEIGHT);
            ((Chart<?, ?>)charts.get(i)).paint(cell, CHART_WIDTH, CHART_HEIGHT);
            cell.dispose();
        }
        final Document svg = Processors.get("svg").getDocument(g.getCommands(),
            new PageSize(0, 0, 2.0 * CHART_WIDTH, 2.0 * CHART_HEIGHT));
        try (OutputStream out = Files.newOutputStream(file))
        {
            svg.writeTo(out);
        }
    }

    private static XYChart chart(final String title, final String unit, final double[] t, final double[] values)
    {
        final XYChart chart = new XYChartBuilder().width(CHART_WIDTH).height(CHART_HEIGHT).title(title)
            .xAxisTitle("s").yAxisTitle(unit).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setXAxisDecimalPattern("0.#");
        chart.getStyler().setYAxisDecimalPattern("#,##0.##");
        chart.getStyler().setYAxisMin(0.0);
        chart.addSeries(title, t, values);
        return chart;
    }
}
