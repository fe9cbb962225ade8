package slash.core.train;

import java.util.Map;

/** One epoch: mean training loss, dev metrics (0-100), and how long it took. */
public record EpochResult(int epoch, double trainLoss, Map<String, Double> metrics,
    double trainSeconds, double msPerStep) {}
