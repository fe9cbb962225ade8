package slash.spark;

import java.io.Serializable;

/**
 * One run as a Spark task receives it: its key, its config as JSON (the config's own format, so
 * nothing but strings crosses the wire), and the shipped data folder it reads ({@link
 * ShippedData}), null when the config's data path is one every node sees.
 */
record RunSpec(String key, String config, ShippedData.Folder shippedData)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}
