package slash.core.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.smoke.SmokeData;
import slash.core.smoke.SmokeTokenizers;

/** Picks the encoder a run uses: seeded random (smoke), MiniLM (mini), a Hugging Face folder. */
public final class EncoderSources {
  /** Seed of the smoke encoder's weights: fixed, so every smoke run shares one "pretrained" model. */
  public static final long SMOKE_WEIGHTS_SEED = 20230531L;
  /**
   * Larger than BERT's 0.02: at 0.02 a random encoder's attention adds ~10% to the residual stream,
   * so a token barely sees its neighbours and the smoke tasks are not learnable through it.
   */
  public static final double SMOKE_WEIGHTS_STD = 0.5;

  private EncoderSources() {}

  public static EncoderWeights load(RunConfig config, Path cacheDir) {
    if (config.model() != null) {
      return EncoderWeights.fromHuggingFace(Path.of(config.model()));
    }
    return switch (config.scale()) {
      case SMOKE -> smoke(cacheDir);
      case MINI -> MiniLm.load(cacheDir);
      case FULL -> throw new IllegalArgumentException(
          "full scale needs --model <Hugging Face folder>");
    };
  }

  public static EncoderWeights smoke(Path cacheDir) {
    Path tokenizer = cacheDir.resolve("smoke-tokenizer.json");
    List<String> vocabulary = SmokeData.vocabulary();
    if (!Files.isRegularFile(tokenizer)) {
      SmokeTokenizers.writeWordPiece(tokenizer, vocabulary);
    }
    EncoderConfig config = EncoderConfig.smoke(SmokeTokenizers.BERT_SPECIALS.size()
        + vocabulary.size());
    return EncoderWeights.random(config, SMOKE_WEIGHTS_SEED, SMOKE_WEIGHTS_STD, tokenizer);
  }

  /**
   * The RoBERTa twin of {@link #smoke}: the same sizes with RoBERTa's layout (positions from
   * padding_idx + 1, one token type, eps 1e-5) over a byte-level BPE tokenizer. Tests use it to
   * check both engines on the layout the paper's GLUE tables use.
   */
  public static EncoderWeights smokeRoberta(Path cacheDir) {
    Path tokenizer = cacheDir.resolve("smoke-roberta-tokenizer.json");
    if (!Files.isRegularFile(tokenizer)) {
      SmokeTokenizers.writeByteLevelBpe(tokenizer, List.of(new String[] {"t", "h"},
          new String[] {"th", "e"}, new String[] {"\u0120", "the"}));
    }
    int vocabulary = SmokeTokenizers.ROBERTA_SPECIALS.size() + 256 + 3;
    EncoderConfig config = new EncoderConfig("roberta", vocabulary, 32, 2, 4, 64, 130, 1, 1e-5, 1,
        0.1, 0.1);
    return EncoderWeights.random(config, SMOKE_WEIGHTS_SEED, SMOKE_WEIGHTS_STD, tokenizer);
  }

  /** Default data folder of a scale: generated files for smoke, the user's folder otherwise. */
  public static boolean generatesData(Scale scale) {
    return scale == Scale.SMOKE;
  }
}
