package io.payrail.app;

/**
 * What one Payrail node starts.
 *
 * @param httpPort      the gateway's port (0 for a free one)
 * @param simulatedBank whether to start the simulated bank when no real bank is configured
 */
record NodeSettings(int httpPort, boolean simulatedBank) {}
