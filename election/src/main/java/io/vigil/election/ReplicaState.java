package io.vigil.election;

/** A replica of a monitored master, as seen by this node. Package-private, mutable. */
final class ReplicaState {

    /** Progress of a replica during RECONF_SLAVES. */
    enum Reconf {
        NONE,
        SENT,
        INPROG,
        DONE
    }

    final Address address;
    final Link link;
    String masterHost;
    int masterPort;
    boolean masterLinkUp;
    long masterLinkDownMs;
    int priority = 100;
    long offset;
    boolean announced = true;
    long slaveConfChangeTime;
    boolean promoted;
    Reconf reconf = Reconf.NONE;
    long reconfSentTime = -1;
    long lastReconfigureSent = -1;

    ReplicaState(Address address, long now) {
        this.address = address;
        this.link = new Link(now);
        this.slaveConfChangeTime = now;
    }

    boolean pointsAt(Address a) {
        return a.host().equals(masterHost) && a.port() == masterPort;
    }
}
