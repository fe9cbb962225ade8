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

  /** Default data folder of a scale: generated files for smoke, the user's folder otherwise. */
  public static boolean generatesData(Scale scale) {
    return scale == Scale.SMOKE;
  }
}
