package slash.core.io;

/**
 * Places where a test may stop this process as a crash would, to check that the run folder
 * survives a kill there. With {@code -Dslash.fault=NAME} (and optionally {@code
 * -Dslash.fault.epoch=N}, the 1-based epoch), reaching the point of that name prints {@code
 * FAULT NAME} on stdout and sleeps until the process is killed (the test kills it with SIGKILL).
 * Without the property every point is a no-op. Names: {@code mid-epoch} (after the first step of
 * an epoch), {@code checkpoint-written} (after the new checkpoint, before the manifest), {@code
 * manifest-written} (after the manifest, before the checkpoints are renamed into place), {@code
 * best-renamed} (between the renames of best and last), {@code temp:FILE} (a temp file written
 * in full, before its rename onto FILE), {@code locked} (the folder's lock taken).
 */
public final class FaultPoint {
  private FaultPoint() {}

  private static volatile int epoch = -1;

  /** The epoch (1-based) this process is in, for points that do not know it (temp files). */
  public static void inEpoch(int number) {
    epoch = number;
  }

  /** The point {@code name} in the current epoch (see {@link #inEpoch}). */
  public static void reach(String name) {
    reach(name, epoch);
  }

  /** The point {@code name} in epoch {@code epoch} (1-based; -1 for any). */
  public static void reach(String name, int epoch) {
    String wanted = System.getProperty("slash.fault");
    if (wanted == null || !wanted.equals(name)) {
      return;
    }
    String wantedEpoch = System.getProperty("slash.fault.epoch");
    if (wantedEpoch != null && epoch >= 0 && Integer.parseInt(wantedEpoch) != epoch) {
      return;
    }
    System.out.println("FAULT " + name);
    System.out.flush();
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        // a fault point waits for SIGKILL, nothing else
      }
    }
  }
}
