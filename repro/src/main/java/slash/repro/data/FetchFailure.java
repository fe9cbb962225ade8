package slash.repro.data;

/** Why one task could not be fetched, as the one line {@code fetch-data} prints for it. */
final class FetchFailure extends Exception {
  FetchFailure(String message) {
    super(message, null, false, false);
  }
}
