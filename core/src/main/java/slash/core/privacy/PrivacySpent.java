package slash.core.privacy;

/**
 * What an accountant reports, ready for result.json. {@code epsilon} is the guarantee
 * (the PRV's upper bound, as Opacus returns; the RDP value itself). {@code epsilonLower} and
 * {@code epsilonUpper} bracket the true epsilon of the mechanism; RDP has no lower bound and
 * reports 0 there (as Microsoft's prv_accountant does for its RDP accountant).
 */
public record PrivacySpent(String accountant, double epsilon, double epsilonLower,
    double epsilonEstimate, double epsilonUpper, double delta, double noiseMultiplier,
    double sampleRate, int steps) {}
