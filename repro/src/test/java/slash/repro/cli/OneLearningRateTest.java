package slash.repro.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import slash.core.config.EngineName;
import slash.core.config.RunConfig;
import slash.core.config.Scale;
import slash.core.data.Task;
import slash.core.model.MiniLm;
import slash.methods.MethodEntry;
import slash.methods.MethodRegistry;
import slash.repro.tables.PaperModel;
import slash.repro.tables.ScalePlan;
import slash.repro.tables.Variant;

/**
 * {@code train} and {@code repro} give the same cell the same learning rate (one function,
 * {@code LearningRates}), for every registered method, private or not, at smoke and mini scale;
 * {@code --lr} overrides it.
 */
class OneLearningRateTest {
  @TempDir Path dir;

  /** The run {@code slash train ARGS} would train, as the command builds it. */
  private static RunConfig train(String... args) {
    CommandLine top = Commands.line(false, new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()));
    List<String> line = new ArrayList<>(List.of("train"));
    line.addAll(List.of(args));
    top.parseArgs(line.toArray(String[]::new));
    TrainCommand command = top.getSubcommands().get("train").getCommand();
    return command.privacy.apply(TrainCommand.config(command.run, command.methods, command.spec,
        command.privacy.enabled));
  }

  @Test
  void trainAndReproGiveEveryMethodTheSameRateAtSmokeAndMini() {
    for (MethodEntry<?> entry : MethodRegistry.all()) {
      for (Scale scale : List.of(Scale.SMOKE, Scale.MINI)) {
        for (boolean privately : new boolean[] {false, true}) {
          ScalePlan plan = new ScalePlan(scale, EngineName.DJL, dir, null, 1, false);
          Variant cell = privately ? Variant.of(entry.defaults()).privately()
              : Variant.of(entry.defaults());
          double rate = plan.learningRates(cell, Task.SST2, PaperModel.ROBERTA_BASE).get(0);
          RunConfig repro = plan.run(cell, Task.SST2, PaperModel.ROBERTA_BASE, MiniLm.CONFIG, 0,
              rate);
          List<String> args = new ArrayList<>(List.of("--task", "sst2", "--scale",
              scale.name().toLowerCase(Locale.ROOT), "--method", entry.id(), "--data",
              dir.toString()));
          if (privately) {
            args.add("--private");
          }
          String what = entry.id() + (privately ? " private" : "") + " at " + scale;
          assertEquals(repro.learningRate(), train(args.toArray(String[]::new)).learningRate(),
              what);
        }
      }
    }
  }

  @Test
  void atFullScaleTrainTakesThePapersBestForTheModelItIsGiven() throws Exception {
    Path model = dir.resolve("roberta-base");
    java.nio.file.Files.createDirectories(model);
    java.nio.file.Files.writeString(model.resolve("config.json"), "{\"model_type\": \"roberta\", "
        + "\"vocab_size\": 50265, \"hidden_size\": 768, \"num_hidden_layers\": 12, "
        + "\"num_attention_heads\": 12, \"intermediate_size\": 3072, "
        + "\"max_position_embeddings\": 514}");
    ScalePlan plan = new ScalePlan(Scale.FULL, EngineName.DJL, dir, model.toString(), 1, false);
    RunConfig repro = plan.run(Variant.slash(5000), Task.SST2, PaperModel.ROBERTA_BASE,
        PaperModel.ROBERTA_BASE.config(), 0, plan.learningRates(Variant.slash(5000), Task.SST2,
            PaperModel.ROBERTA_BASE).get(0));
    RunConfig trained = train("--task", "sst2", "--scale", "full", "--model", model.toString(),
        "--method", "slash", "--d", "5000", "--data", dir.toString());
    assertEquals(1e-2, repro.learningRate(), "Table 11: SLaSh d = 5K on SST-2");
    assertEquals(repro.learningRate(), trained.learningRate());
    // another model: no paper row to take, the family's full-scale rate
    assertEquals(3e-3, train("--task", "sst2", "--scale", "full", "--model",
        dir.resolve("elsewhere").toString(), "--method", "slash", "--d", "5000", "--data",
        dir.toString()).learningRate());
  }

  @Test
  void aGivenRateWins() {
    assertEquals(0.25, train("--task", "sst2", "--method", "full", "--lr", "0.25", "--data",
        dir.toString()).learningRate());
    assertEquals(5e-5, train("--task", "sst2", "--scale", "mini", "--method", "full", "--data",
        dir.toString()).learningRate(), "full finetuning's mini rate, not 1e-3");
  }
}
