package slash.core.train;

import java.util.Map;

/**
 * One epoch: mean training loss, dev metrics (0-100), how long it took, and how many steps had to
 * be recomputed because their first gradient was not finite (see {@link Trainer}).
 */
public record EpochResult(int epoch, double trainLoss, Map<String, Double> metrics,
    double trainSeconds, double msPerStep, int recomputedSteps) {}
