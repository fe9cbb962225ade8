package slash.repro.tables;

import slash.core.model.EncoderConfig;

/**
 * The pretrained encoders of the paper's tables, with their Hugging Face shapes: enough to count
 * every method's parameters at full scale without downloading a weight.
 */
public enum PaperModel {
  ROBERTA_LARGE("roberta-large", new EncoderConfig("roberta", 50265, 1024, 24, 16, 4096, 514, 1,
      1e-5, 1, 0.1, 0.1)),
  ROBERTA_BASE("roberta-base", new EncoderConfig("roberta", 50265, 768, 12, 12, 3072, 514, 1,
      1e-5, 1, 0.1, 0.1)),
  BERT_BASE_CASED("bert-base-cased", new EncoderConfig("bert", 28996, 768, 12, 12, 3072, 512, 2,
      1e-12, 0, 0.1, 0.1));

  private final String id;
  private final EncoderConfig config;

  PaperModel(String id, EncoderConfig config) {
    this.id = id;
    this.config = config;
  }

  /** The name the paper-data file uses for this part ({@code roberta-large}, ...). */
  public String id() {
    return id;
  }

  public EncoderConfig config() {
    return config;
  }

  /** Whether {@code encoder} is this model: same architecture, layers, hidden, vocabulary. */
  public boolean sameShape(EncoderConfig encoder) {
    return config.modelType().equals(encoder.modelType()) && config.layers() == encoder.layers()
        && config.hidden() == encoder.hidden() && config.vocabSize() == encoder.vocabSize();
  }
}
