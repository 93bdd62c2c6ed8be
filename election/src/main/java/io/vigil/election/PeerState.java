package io.vigil.election;

/** A peer sentinel watching the same master, with its latest answer and vote. Package-private, mutable. */
final class PeerState {
    final String runId;
    Address address;
    final Link link;
    long lastHelloReceived = -1;
    boolean masterDown;
    long lastDownReply = -1;
    String leader;
    long leaderEpoch;
    long lastAskSent = -1;

    PeerState(String runId, Address address, long now) {
        this.runId = runId;
        this.address = address;
        this.link = new Link(now);
    }

    void expireAnswer() {
        masterDown = false;
        leader = null;
        leaderEpoch = 0;
    }
}
