package dev.heavyweight.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The PNG charts of a load run (JFreeChart, headless). */
final class Charts {

    private Charts() {
    }

    @SuppressWarnings("unchecked")
    static void write(Path out, List<LoadTest.Sample> samples, TaskFigures figures, Map<String, Object> summary)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeries finished = new XYSeries("images finished / s");
        XYSeries interactive = new XYSeries("queue depth: interactive");
        XYSeries batch = new XYSeries("queue depth: batch");
        for (LoadTest.Sample s : samples) {
            finished.add(s.atSeconds(), s.finishedPerSecond());
            interactive.add(s.atSeconds(), Double.isNaN(s.interactiveDepth()) ? 0 : s.interactiveDepth());
            batch.add(s.atSeconds(), Double.isNaN(s.batchDepth()) ? 0 : s.batchDepth());
        }
        XYSeriesCollection throughput = new XYSeriesCollection(finished);
        JFreeChart chart = ChartFactory.createXYLineChart("Throughput and queue depth over time", "seconds since start",
                "images finished per second", throughput, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setDataset(1, new XYSeriesCollection() {
            {
                addSeries(interactive);
                addSeries(batch);
            }
        });
        plot.setRangeAxis(1, new NumberAxis("jobs waiting in the lane queue"));
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, new XYLineAndShapeRenderer(true, false));
        ChartUtils.saveChartAsPNG(out.resolve("throughput-and-queue-depth.png").toFile(), chart, 1000, 500);

        DefaultCategoryDataset latency = new DefaultCategoryDataset();
        figures.endToEnd().forEach((lane, p) -> p.forEach((name, value) -> {
            if (!name.equals("max")) {
                latency.addValue(value, lane + " end to end", name);
            }
        }));
        figures.queueWait().forEach((lane, p) -> p.forEach((name, value) -> {
            if (!name.equals("max")) {
                latency.addValue(value, lane + " queue wait", name);
            }
        }));
        ChartUtils.saveChartAsPNG(out.resolve("latency-percentiles.png").toFile(), ChartFactory.createBarChart(
                "Latency percentiles per lane (succeeded tasks)", "percentile", "seconds", latency), 900, 500);

        Object curve = summary.get("cost_curve");
        if (curve instanceof List<?> points && !points.isEmpty()) {
            XYSeries cost = new XYSeries("cost per image");
            XYSeries utilisation = new XYSeries("utilisation");
            for (Object o : points) {
                Map<String, Object> p = (Map<String, Object>) o;
                if (p.get("cost_per_image") != null && p.get("utilisation") != null) {
                    cost.add((Double) p.get("utilisation"), (Double) p.get("cost_per_image"));
                    utilisation.add((Double) p.get("offered_load"), (Double) p.get("utilisation"));
                }
            }
            JFreeChart costChart = ChartFactory.createXYLineChart("Cost per image falls as utilisation rises",
                    "GPU utilisation", "cost per image (USD)", new XYSeriesCollection(cost), PlotOrientation.VERTICAL,
                    true, false, false);
            costChart.getXYPlot().setRenderer(new XYLineAndShapeRenderer(true, true));
            ChartUtils.saveChartAsPNG(out.resolve("cost-curve.png").toFile(), costChart, 800, 500);
        }
    }
}
