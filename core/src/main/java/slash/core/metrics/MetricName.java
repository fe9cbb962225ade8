package slash.core.metrics;

/** The metrics the paper reports, scaled to 0-100 in tables as the paper does. */
public enum MetricName {
  ACCURACY("acc"),
  F1("f1"),
  MATTHEWS("mcc"),
  PEARSON("pearson"),
  SPEARMAN("spearman"),
  ENTITY_F1("entity_f1");

  private final String key;

  MetricName(String key) {
    this.key = key;
  }

  /** Short name used in result files. */
  public String key() {
    return key;
  }
}
