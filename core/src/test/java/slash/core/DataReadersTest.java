package slash.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slash.core.data.ConllReader;
import slash.core.data.DataFormatException;
import slash.core.data.GlueReader;
import slash.core.data.SentenceExample;
import slash.core.data.Split;
import slash.core.data.Task;
import slash.core.data.TaskFiles;
import slash.core.data.TokenExample;
import slash.core.smoke.SmokeData;

class DataReadersTest {
  @TempDir Path dir;

  @Test
  void readsEveryTaskInItsOfficialLayout() {
    SmokeData.write(dir, 7, 40, 12);
    for (Task task : Task.values()) {
      if (task == Task.CONLL2003) {
        assertEquals(40, TaskFiles.readTokens(dir, Split.TRAIN).size());
        assertEquals(12, TaskFiles.readTokens(dir, Split.DEV).size());
        continue;
      }
      List<SentenceExample> train = TaskFiles.readSentences(dir, task, Split.TRAIN);
      List<SentenceExample> dev = TaskFiles.readSentences(dir, task, Split.DEV);
      assertEquals(40, train.size(), task.dirName());
      assertEquals(12, dev.size(), task.dirName());
      boolean pair = task != Task.SST2 && task != Task.COLA;
      assertEquals(pair, train.get(0).isPair(), task.dirName());
    }
    assertEquals(12, TaskFiles.readSentences(dir, Task.MNLI, Split.DEV_MISMATCHED).size());
  }

  @Test
  void smokeDataIsDeterministic() throws IOException {
    SmokeData.write(dir.resolve("a"), 3, 20, 5);
    SmokeData.write(dir.resolve("b"), 3, 20, 5);
    SmokeData.write(dir.resolve("c"), 4, 20, 5);
    Path a = dir.resolve("a/QQP/train.tsv");
    assertEquals(Files.readString(a), Files.readString(dir.resolve("b/QQP/train.tsv")));
    assertTrue(!Files.readString(a).equals(Files.readString(dir.resolve("c/QQP/train.tsv"))));
  }

  @Test
  void parsesOfficialRowsByColumnName() throws IOException {
    Path mnli = write("mnli.tsv", "index\tpromptID\tpairID\tgenre\tsentence1_binary_parse\t"
        + "sentence2_binary_parse\tsentence1_parse\tsentence2_parse\tsentence1\tsentence2\t"
        + "label1\tgold_label\n0\t1\t1e\tfic\t( a )\t( b )\t(ROOT a)\t(ROOT b)\tThe cat sat.\t"
        + "A cat \"sat\tneutral\tcontradiction\n");
    SentenceExample row = GlueReader.read(Task.MNLI, mnli).get(0);
    assertEquals("The cat sat.", row.first());
    assertEquals("A cat \"sat", row.second()); // a stray quote is text, not a delimiter
    assertEquals(2, row.classIndex()); // entailment, neutral, contradiction

    Path cola = write("cola.tsv", "gj04\t1\t\tOur friends won't buy this analysis.\n"
        + "gj04\t0\t*\tThey drank the pub.\n");
    List<SentenceExample> colaRows = GlueReader.read(Task.COLA, cola);
    assertEquals("They drank the pub.", colaRows.get(1).first());
    assertNull(colaRows.get(1).second());
    assertEquals(0, colaRows.get(1).classIndex());

    Path stsb = write("stsb.tsv", "index\tgenre\tfilename\tyear\told_index\tsource1\tsource2\t"
        + "sentence1\tsentence2\tscore\n0\tmain\tMSRvid\t2012\t1\tnone\tnone\tA plane.\t"
        + "An air plane.\t4.750\n");
    assertEquals(4.75, GlueReader.read(Task.STSB, stsb).get(0).label(), 1e-12);

    Path mrpc = write("mrpc.tsv", "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n"
        + "1\t702876\t702977\tAmrozi accused his brother.\tHe accused his brother.\n");
    SentenceExample mrpcRow = GlueReader.read(Task.MRPC, mrpc).get(0);
    assertEquals("He accused his brother.", mrpcRow.second());
    assertEquals(1, mrpcRow.classIndex());
    // the official MRPC files start with a UTF-8 byte-order mark
    Path bom = write("mrpc-bom.tsv", "\uFEFFQuality\t#1 ID\t#2 ID\t#1 String\t#2 String\n"
        + "0\t1\t2\tA cat.\tA dog.\n");
    assertEquals("A dog.", GlueReader.read(Task.MRPC, bom).get(0).second());
  }

  /** The real task files, where the tester hands them over ({@code SLASH_DATA}); else null. */
  private static Path realData() {
    String dir = System.getenv(slash.core.data.DataFolders.DATA_ENV);
    return dir == null || dir.isBlank() ? null : Path.of(dir);
  }

  @Test
  void realMrpcFilesParseWhenGiven() {
    Path shared = realData();
    org.junit.jupiter.api.Assumptions.assumeTrue(shared != null
        && TaskFiles.exists(shared, Task.MRPC, Split.DEV), "SLASH_DATA has no MRPC (or is unset)");
    assertEquals(408, TaskFiles.readSentences(shared, Task.MRPC, Split.DEV).size());
    assertEquals(3668, TaskFiles.readSentences(shared, Task.MRPC, Split.TRAIN).size());
  }

  @Test
  void realSst2DevFileParsesWhenGiven() {
    Path shared = realData();
    org.junit.jupiter.api.Assumptions.assumeTrue(shared != null
        && TaskFiles.exists(shared, Task.SST2, Split.DEV), "SLASH_DATA has no SST-2 (or is unset)");
    List<SentenceExample> dev = TaskFiles.readSentences(shared, Task.SST2, Split.DEV);
    assertEquals(872, dev.size()); // the official dev count
  }

  @Test
  void malformedRowsNameFileAndLine() throws IOException {
    Path file = write("bad.tsv", "sentence\tlabel\ngood movie\t1\nbad movie\t0\textra\n");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> GlueReader.read(Task.SST2, file));
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("bad.tsv:3"), e.getMessage());
    assertTrue(e.getMessage().contains("expected 2"), e.getMessage());
  }

  @Test
  void unknownLabelNamesTheLabel() throws IOException {
    Path file = write("rte.tsv", "index\tsentence1\tsentence2\tlabel\n0\ta\tb\tentailment\n"
        + "1\ta\tb\tcontradiction\n");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> GlueReader.read(Task.RTE, file));
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("'contradiction'"), e.getMessage());
  }

  @Test
  void emptyHeaderOnlyMissingAndWrongFilesAreErrors() throws IOException {
    assertTrue(assertThrows(DataFormatException.class,
        () -> GlueReader.read(Task.SST2, write("empty.tsv", ""))).getMessage()
        .contains("empty file"));
    assertTrue(assertThrows(DataFormatException.class,
        () -> GlueReader.read(Task.SST2, write("header.tsv", "sentence\tlabel\n"))).getMessage()
        .contains("no examples"));
    assertTrue(assertThrows(DataFormatException.class,
        () -> GlueReader.read(Task.SST2, dir.resolve("missing.tsv"))).getMessage()
        .contains("file not found"));
    DataFormatException wrongTask = assertThrows(DataFormatException.class,
        () -> GlueReader.read(Task.QNLI, write("sst.tsv", "sentence\tlabel\nok\t1\n")));
    assertTrue(wrongTask.getMessage().contains("no column 'question'"), wrongTask.getMessage());
    assertThrows(DataFormatException.class,
        () -> GlueReader.read(Task.STSB, write("stsb-bad.tsv", "index\tgenre\tfilename\tyear\t"
            + "old_index\tsource1\tsource2\tsentence1\tsentence2\tscore\n0\tg\tf\t2012\t1\tn\tn\t"
            + "a\tb\tfive\n")));
  }

  @Test
  void conllIob1BecomesIob2AndDocstartSplitsSentences() throws IOException {
    Path file = write("conll.txt", "-DOCSTART- -X- -X- O\n\nEU NNP B-NP I-ORG\nrejects VBZ B-VP O\n"
        + "German JJ B-NP I-MISC\ncall NN I-NP O\n\nPeter NNP B-NP I-PER\nBlackburn NNP I-NP "
        + "I-PER\nJohn NNP I-NP B-PER\n\n");
    List<TokenExample> sentences = ConllReader.read(file);
    assertEquals(2, sentences.size());
    List<String> labels = Task.CONLL2003.labels();
    assertEquals(List.of("B-ORG", "O", "B-MISC", "O"),
        sentences.get(0).tags().stream().map(labels::get).toList());
    assertEquals(List.of("B-PER", "I-PER", "B-PER"),
        sentences.get(1).tags().stream().map(labels::get).toList());
    assertEquals(List.of("B-LOC", "I-LOC", "B-LOC"),
        ConllReader.toIob2(List.of("B-LOC", "I-LOC", "B-LOC"))); // IOB2 stays as it is
  }

  @Test
  void conllErrorsNameLine() throws IOException {
    Path badTag = write("tag.txt", "EU NNP B-NP B-ORG\nrejects VBZ B-VP B-THING\n");
    DataFormatException e = assertThrows(DataFormatException.class, () -> ConllReader.read(badTag));
    assertEquals(2, e.line());
    assertTrue(e.getMessage().contains("B-THING"));
    Path badColumns = write("cols.txt", "EU NNP B-NP B-ORG\nrejects O\n");
    assertEquals(2, assertThrows(DataFormatException.class,
        () -> ConllReader.read(badColumns)).line());
    assertThrows(DataFormatException.class, () -> ConllReader.read(write("e.txt", "\n\n")));
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
