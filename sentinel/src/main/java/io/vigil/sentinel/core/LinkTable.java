package io.vigil.sentinel.core;

import io.vigil.election.Address;
import io.vigil.monitor.InstanceAddress;
import io.vigil.monitor.InstanceKind;
import io.vigil.monitor.InstanceLink;
import io.vigil.monitor.LinkListener;
import io.vigil.monitor.LinkSettings;
import io.vigil.monitor.LinkTarget;
import io.vigil.monitor.MonitorService;
import io.vigil.monitor.TlsSettings;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The open links of one sentinel, keyed by address: one link per watched instance (master or replica) and one per
 * peer sentinel, shared by every master that names the address. Links open on first use and close when no master
 * needs them any more. Used from the sentinel's event loop only.
 */
final class LinkTable {

    /** Credentials for a link, looked up when it opens. */
    record Credentials(Optional<String> user, Optional<String> password) {
        static final Credentials NONE = new Credentials(Optional.empty(), Optional.empty());
    }

    private final MonitorService monitor;
    private final LinkSettings settings;
    private final TlsSettings tls;
    private final Function<Address, LinkListener> listeners;
    private final Map<Address, InstanceLink> instances = new HashMap<>();
    private final Map<Address, InstanceLink> sentinels = new HashMap<>();

    LinkTable(
            MonitorService monitor, LinkSettings settings, TlsSettings tls, Function<Address, LinkListener> listeners) {
        this.monitor = monitor;
        this.settings = settings;
        this.tls = tls;
        this.listeners = listeners;
    }

    /** The link to a master or replica, opened now if needed. */
    InstanceLink instance(Address address, Credentials credentials) {
        return instances.computeIfAbsent(address, a -> open(a, InstanceKind.MASTER, credentials));
    }

    /** The link to a peer sentinel, opened now if needed. */
    InstanceLink sentinel(Address address, Credentials credentials) {
        return sentinels.computeIfAbsent(address, a -> open(a, InstanceKind.SENTINEL, credentials));
    }

    /** The open link to {@code address}, of either kind, if there is one. */
    Optional<InstanceLink> open(Address address) {
        InstanceLink link = instances.get(address);
        return Optional.ofNullable(link != null ? link : sentinels.get(address));
    }

    /** The pending command count of the link to {@code address}, 0 when none is open. */
    long pendingCommands(Address address) {
        return open(address).map(InstanceLink::pendingCommands).orElse(0);
    }

    /** Closes the links whose address is in neither set. */
    void retain(Set<Address> wantedInstances, Set<Address> wantedSentinels) {
        closeOthers(instances, wantedInstances);
        closeOthers(sentinels, wantedSentinels);
    }

    /** Closes every link. */
    void closeAll() {
        closeOthers(instances, Set.of());
        closeOthers(sentinels, Set.of());
    }

    private static void closeOthers(Map<Address, InstanceLink> links, Set<Address> wanted) {
        for (Iterator<Map.Entry<Address, InstanceLink>> it = links.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Address, InstanceLink> e = it.next();
            if (!wanted.contains(e.getKey())) {
                e.getValue().close();
                it.remove();
            }
        }
    }

    private InstanceLink open(Address address, InstanceKind kind, Credentials credentials) {
        LinkTarget target = LinkTarget.of(address.host(), address.port(), kind).withTls(tls);
        if (credentials.password().isPresent()) {
            target = credentials.user().isPresent()
                    ? target.withUser(
                            credentials.user().get(), credentials.password().get())
                    : target.withPassword(credentials.password().get());
        }
        return monitor.open(target, settings, listeners.apply(address));
    }

    static Address address(InstanceAddress a) {
        return new Address(a.host(), a.port());
    }
}
