package io.vigil.election;

/** Builds event payloads exactly as PROTOCOL.md section 4 specifies. */
public final class EventFormat {

    private EventFormat() {}

    /**
     * Instance details of a master: {@code master <name> <ip> <port>}.
     *
     * @param name master name
     * @param address master address
     * @return payload
     */
    public static String master(String name, Address address) {
        return "master " + name + " " + address.host() + " " + address.port();
    }

    /**
     * Instance details of a replica: {@code slave <ip:port> <ip> <port> @ <master-name> <master-ip> <master-port>}.
     *
     * @param replica replica address
     * @param masterName master name
     * @param master master address
     * @return payload
     */
    public static String replica(Address replica, String masterName, Address master) {
        return "slave " + replica + " " + replica.host() + " " + replica.port() + " @ " + masterName + " "
                + master.host() + " " + master.port();
    }

    /**
     * Instance details of a sentinel: {@code sentinel <runid> <ip> <port> @ <master-name> <master-ip> <master-port>}.
     *
     * @param runId sentinel run id
     * @param sentinel sentinel address
     * @param masterName master name
     * @param master master address
     * @return payload
     */
    public static String sentinel(String runId, Address sentinel, String masterName, Address master) {
        return "sentinel " + runId + " " + sentinel.host() + " " + sentinel.port() + " @ " + masterName + " "
                + master.host() + " " + master.port();
    }

    /**
     * Payload of {@code +switch-master}: {@code <name> <oldip> <oldport> <newip> <newport>}.
     *
     * @param name master name
     * @param from old address
     * @param to new address
     * @return payload
     */
    public static String switchMaster(String name, Address from, Address to) {
        return name + " " + from.host() + " " + from.port() + " " + to.host() + " " + to.port();
    }
}
