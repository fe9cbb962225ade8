package slash.repro.tables;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardXYItemLabelGenerator;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import slash.core.io.AtomicFiles;
import slash.repro.paper.PaperCell;
import slash.repro.paper.PaperTables;

/**
 * The paper's Figure 1: average GLUE score against per-task trainable parameters (log x), one point
 * per method of Table 2. Two series: the paper's (RoBERTa-large) and ours at this scale (on this
 * scale's encoder, averaged over the tasks that have data), so neither is mistaken for the other.
 */
public final class Figure1 {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 560;

  private Figure1() {}

  /** One point: a Table 2 row, its parameter count and average score. */
  public record Point(String row, double parameters, double average) {}

  /** Our points: rows of Table 2 with a value in every column that has data. */
  public static List<Point> ours(TableSpec table2, List<Cell> cells,
      Map<String, long[]> parameterCounts) {
    return table2.rows().stream().filter(RowSpec::reproduced).map(row -> {
      List<Cell> mine = cells.stream().filter(c -> c.row().equals(row.paperRow())
          && !c.status().equals("no data")).toList();
      boolean complete = !mine.isEmpty() && mine.stream().allMatch(Cell::hasOurs);
      return complete ? new Point(row.paperRow(), parameterCounts.get(row.paperRow())[0],
          mine.stream().mapToDouble(Cell::ours).average().orElseThrow()) : null;
    }).filter(p -> p != null).toList();
  }

  /** The paper's points: Table 2's Avg column against its # Params column. */
  public static List<Point> paper(PaperTables paper) {
    return paper.rows("2", PaperModel.ROBERTA_LARGE.id()).entrySet().stream()
        .filter(e -> e.getValue().containsKey("Avg"))
        .map(e -> {
          PaperCell avg = e.getValue().get("Avg");
          return new Point(e.getKey(), parseCount(avg.params()), avg.value());
        }).toList();
  }

  /** "4.1K" -> 4100, "355M" -> 355e6. */
  static double parseCount(String text) {
    String t = text.strip().replace(",", "");
    double scale = switch (t.charAt(t.length() - 1)) {
      case 'K' -> 1e3;
      case 'M' -> 1e6;
      default -> 1;
    };
    return Double.parseDouble(scale == 1 ? t : t.substring(0, t.length() - 1)) * scale;
  }

  public static void write(Path dir, List<Point> paper, List<Point> ours, String oursLabel,
      String averageOver) {
    JFreeChart chart = chart(paper, ours, oursLabel, averageOver);
    try {
      Files.createDirectories(dir);
      Path png = dir.resolve("figure1.png.tmp");
      ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
      Files.move(png, dir.resolve("figure1.png"),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      SVGGraphics2D svg = new SVGGraphics2D(WIDTH, HEIGHT);
      chart.draw(svg, new Rectangle(0, 0, WIDTH, HEIGHT));
      AtomicFiles.writeString(dir.resolve("figure1.svg"), svg.getSVGDocument());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write Figure 1 into " + dir, e);
    }
  }

  static JFreeChart chart(List<Point> paper, List<Point> ours, String oursLabel,
      String averageOver) {
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(series("paper (RoBERTa-large, Table 2)", paper));
    data.addSeries(series("ours (" + oursLabel + ")", ours));
    LogAxis x = new LogAxis("trainable parameters per task (log scale)");
    x.setBase(10);
    x.setSmallestValue(100);
    NumberAxis y = new NumberAxis("average score");
    y.setAutoRangeIncludesZero(false);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
    renderer.setSeriesPaint(0, new Color(0x1f77b4));
    renderer.setSeriesPaint(1, new Color(0xd62728));
    renderer.setDefaultItemLabelGenerator(new StandardXYItemLabelGenerator() {
      @Override
      public String generateLabel(org.jfree.data.xy.XYDataset dataset, int s, int i) {
        return ((XYSeries) ((XYSeriesCollection) dataset).getSeries(s)).getDataItem(i)
            instanceof LabelledItem item ? item.label : "";
      }
    });
    renderer.setDefaultItemLabelsVisible(true);
    renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setDomainGridlineStroke(new BasicStroke(0.5f));
    JFreeChart chart = new JFreeChart("Figure 1: average score vs trainable parameters",
        JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.addSubtitle(new org.jfree.chart.title.TextTitle("average " + averageOver,
        new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static XYSeries series(String name, List<Point> points) {
    XYSeries series = new XYSeries(name, false, true);
    for (Point p : points) {
      series.add(new LabelledItem(p.parameters(), p.average(), shortLabel(p.row())));
    }
    return series;
  }

  static String shortLabel(String row) {
    return row.replace("Ours", "SLaSh").replace(" Classifier", "");
  }

  /** A data item that carries its row label. */
  private static final class LabelledItem extends org.jfree.data.xy.XYDataItem {
    private final String label;

    LabelledItem(double x, double y, String label) {
      super(x, y);
      this.label = label;
    }
  }
}
