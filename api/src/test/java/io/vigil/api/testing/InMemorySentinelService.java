package io.vigil.api.testing;

import io.vigil.api.resp.EventPublisher;
import io.vigil.api.sentinel.CachedInfo;
import io.vigil.api.sentinel.DebugParameter;
import io.vigil.api.sentinel.FailoverRequestOutcome;
import io.vigil.api.sentinel.FailoverStateName;
import io.vigil.api.sentinel.GlobPattern;
import io.vigil.api.sentinel.GlobalParameter;
import io.vigil.api.sentinel.InstanceFlag;
import io.vigil.api.sentinel.LinkView;
import io.vigil.api.sentinel.MasterAddress;
import io.vigil.api.sentinel.MasterDownAnswer;
import io.vigil.api.sentinel.MasterSetting;
import io.vigil.api.sentinel.MasterView;
import io.vigil.api.sentinel.QuorumCheck;
import io.vigil.api.sentinel.ReplicaView;
import io.vigil.api.sentinel.ReportedRole;
import io.vigil.api.sentinel.SentinelCommandException;
import io.vigil.api.sentinel.SentinelPeerView;
import io.vigil.api.sentinel.SentinelService;
import io.vigil.api.sentinel.SentinelStatus;
import io.vigil.api.sentinel.SimulatedFailure;
import io.vigil.resp.RespError;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small, real {@link SentinelService} for tests: masters, replicas and peers held in memory, one vote per epoch
 * (recorded as "persisted" before the answer completes), forced failovers, settings, and the events Redis emits for
 * MONITOR, REMOVE, SET and RESET. Votes can be made to wait, to test that replies wait for persistence.
 */
public final class InMemorySentinelService implements SentinelService {

    /** A monitored master and what it knows. */
    public static final class Master {
        final String name;
        String ip;
        int port;
        int quorum;
        long downAfterMs = 30_000;
        long failoverTimeoutMs = 180_000;
        int parallelSyncs = 1;
        long configEpoch;
        boolean sdown;
        boolean odown;
        boolean failoverRunning;
        String votedLeader;
        long votedEpoch;
        Optional<String> notificationScript = Optional.empty();
        final List<ReplicaView> replicas = new ArrayList<>();
        final List<SentinelPeerView> peers = new ArrayList<>();

        Master(String name, String ip, int port, int quorum) {
            this.name = name;
            this.ip = ip;
            this.port = port;
            this.quorum = quorum;
        }
    }

    private final String myId;
    private final Map<String, Master> masters = new LinkedHashMap<>();
    private final Map<GlobalParameter, String> global = new EnumMap<>(GlobalParameter.class);
    private final Map<DebugParameter, Long> debug = new EnumMap<>(DebugParameter.class);
    private final Set<SimulatedFailure> simulated = EnumSet.noneOf(SimulatedFailure.class);
    private final List<String> hellos = new CopyOnWriteArrayList<>();
    private final List<String> persisted = new CopyOnWriteArrayList<>();
    private volatile EventPublisher events = (channel, message) -> 0;
    private volatile CompletableFuture<Void> votePersistence = CompletableFuture.completedFuture(null);
    private volatile boolean tilt;
    private volatile int shutdowns;

    /** A service with id {@code myId} and no masters. */
    public InMemorySentinelService(String myId) {
        this.myId = myId;
        global.put(GlobalParameter.RESOLVE_HOSTNAMES, "no");
        global.put(GlobalParameter.ANNOUNCE_HOSTNAMES, "no");
        global.put(GlobalParameter.ANNOUNCE_IP, "");
        global.put(GlobalParameter.ANNOUNCE_PORT, "0");
        global.put(GlobalParameter.SENTINEL_USER, "");
        global.put(GlobalParameter.SENTINEL_PASS, "");
        long[] defaults = {10000, 1000, 1000, 2000, 30000, 180000, 2000, 30000, 10000, 15000, 10000, 60000, 30000};
        for (DebugParameter parameter : DebugParameter.values()) {
            debug.put(parameter, defaults[parameter.ordinal()]);
        }
    }

    /** Publishes MONITOR/REMOVE/SET/RESET events to {@code events}. */
    public InMemorySentinelService events(EventPublisher events) {
        this.events = events;
        return this;
    }

    /** Adds a master. */
    public synchronized Master addMaster(String name, String ip, int port, int quorum) {
        Master master = new Master(name, ip, port, quorum);
        masters.put(name, master);
        return master;
    }

    /** Adds an announced, healthy replica to master {@code name}. */
    public synchronized InMemorySentinelService addReplica(String name, String ip, int port, long offset) {
        Master master = masters.get(name);
        master.replicas.add(new ReplicaView(
                link(ip, port, "", EnumSet.of(InstanceFlag.SLAVE), master.downAfterMs),
                100,
                ReportedRole.SLAVE,
                5000,
                0,
                true,
                master.ip,
                master.port,
                100,
                offset,
                true));
        return this;
    }

    /** Adds a peer sentinel to master {@code name}. */
    public synchronized InMemorySentinelService addPeer(String name, String ip, int port, String runid, boolean down) {
        Master master = masters.get(name);
        Set<InstanceFlag> flags = EnumSet.of(InstanceFlag.SENTINEL);
        if (down) {
            flags.add(InstanceFlag.S_DOWN);
        }
        LinkView link = new LinkView(
                ip,
                port,
                runid,
                flags,
                0,
                1,
                0,
                200,
                200,
                down ? OptionalLong.of(1500) : OptionalLong.empty(),
                OptionalLong.empty(),
                master.downAfterMs);
        master.peers.add(new SentinelPeerView(link, 300, Optional.empty(), 0));
        return this;
    }

    /**
     * Records a completed failover of master {@code name} to the replica at {@code ip:port}: the address switches, the
     * old master becomes a replica, the config epoch rises, and {@code +switch-master} is published.
     *
     * @return how many subscriptions received {@code +switch-master}
     */
    public synchronized int promote(String name, String ip, int port) {
        Master master = masters.get(name);
        String oldIp = master.ip;
        int oldPort = master.port;
        master.replicas.removeIf(r -> r.link().ip().equals(ip) && r.link().port() == port);
        master.ip = ip;
        master.port = port;
        master.configEpoch++;
        master.failoverRunning = false;
        addReplica(name, oldIp, oldPort, 0);
        return events.publish("+switch-master", name + " " + oldIp + " " + oldPort + " " + ip + " " + port);
    }

    /** Marks master {@code name} subjectively (and optionally objectively) down. */
    public synchronized void markDown(String name, boolean objectively) {
        Master master = masters.get(name);
        master.sdown = true;
        master.odown = objectively;
    }

    /** Enters or leaves TILT. */
    public void tilt(boolean tilt) {
        this.tilt = tilt;
    }

    /** Makes vote answers wait until {@code persistence} completes (the stand-in for an fsync). */
    public void votePersistence(CompletableFuture<Void> persistence) {
        this.votePersistence = persistence;
    }

    /** Hello messages handed over with PUBLISH. */
    public List<String> hellos() {
        return hellos;
    }

    /** What was "persisted", in order (votes, config flushes). */
    public List<String> persisted() {
        return persisted;
    }

    /** How many times SHUTDOWN was asked. */
    public int shutdowns() {
        return shutdowns;
    }

    /** The armed simulated failures. */
    public synchronized Set<SimulatedFailure> simulated() {
        return EnumSet.copyOf(simulated.isEmpty() ? EnumSet.noneOf(SimulatedFailure.class) : simulated);
    }

    /** A master's down-after setting. */
    public synchronized long downAfter(String name) {
        return masters.get(name).downAfterMs;
    }

    /** A master's quorum. */
    public synchronized int quorum(String name) {
        return masters.get(name).quorum;
    }

    @Override
    public String myId() {
        return myId;
    }

    @Override
    public synchronized List<MasterView> masters() {
        List<MasterView> views = new ArrayList<>();
        for (Master master : masters.values()) {
            views.add(view(master));
        }
        return views;
    }

    @Override
    public synchronized Optional<MasterView> master(String name) {
        return Optional.ofNullable(masters.get(name)).map(this::view);
    }

    @Override
    public synchronized Optional<List<ReplicaView>> replicas(String name) {
        return Optional.ofNullable(masters.get(name)).map(m -> List.copyOf(m.replicas));
    }

    @Override
    public synchronized Optional<List<SentinelPeerView>> sentinels(String name) {
        return Optional.ofNullable(masters.get(name)).map(m -> List.copyOf(m.peers));
    }

    @Override
    public synchronized Optional<MasterAddress> masterAddress(String name) {
        return Optional.ofNullable(masters.get(name)).map(m -> new MasterAddress(m.ip, m.port));
    }

    @Override
    public SentinelStatus status() {
        return new SentinelStatus(tilt, tilt ? 3 : -1, 0, 0, simulated());
    }

    @Override
    public synchronized Optional<QuorumCheck> checkQuorum(String name) {
        return Optional.ofNullable(masters.get(name)).map(m -> {
            int usable = 1
                    + (int) m.peers.stream()
                            .filter(p -> !p.link().has(InstanceFlag.S_DOWN)
                                    && !p.link().has(InstanceFlag.O_DOWN))
                            .count();
            return new QuorumCheck(usable, m.peers.size() + 1, m.quorum);
        });
    }

    @Override
    public CompletionStage<MasterDownAnswer> isMasterDownByAddr(
            String ip, int port, long epoch, Optional<String> voteFor) {
        MasterDownAnswer answer;
        synchronized (this) {
            Master master = masters.values().stream()
                    .filter(m -> m.ip.equals(ip) && m.port == port)
                    .findFirst()
                    .orElse(null);
            if (master == null) {
                return CompletableFuture.completedFuture(MasterDownAnswer.withoutVote(false));
            }
            boolean down = !tilt && master.sdown;
            if (voteFor.isEmpty()) {
                return CompletableFuture.completedFuture(MasterDownAnswer.withoutVote(down));
            }
            if (master.votedEpoch < epoch) {
                master.votedLeader = voteFor.get();
                master.votedEpoch = epoch;
            }
            answer = new MasterDownAnswer(down, Optional.of(master.votedLeader), master.votedEpoch);
        }
        return votePersistence.thenApply(done -> {
            persisted.add("vote " + answer.leader().orElseThrow() + " " + answer.leaderEpoch());
            return answer;
        });
    }

    @Override
    public synchronized CompletionStage<FailoverRequestOutcome> failover(String name) {
        Master master = masters.get(name);
        if (master.failoverRunning) {
            return CompletableFuture.completedFuture(FailoverRequestOutcome.ALREADY_IN_PROGRESS);
        }
        if (master.replicas.isEmpty()) {
            return CompletableFuture.completedFuture(FailoverRequestOutcome.NO_GOOD_REPLICA);
        }
        master.failoverRunning = true;
        return CompletableFuture.completedFuture(FailoverRequestOutcome.STARTED);
    }

    @Override
    public synchronized CompletionStage<Integer> reset(String pattern) {
        int count = 0;
        for (Master master : masters.values()) {
            if (GlobPattern.matches(pattern, master.name)) {
                master.replicas.clear();
                master.peers.clear();
                master.failoverRunning = false;
                events.publish("+reset-master", "master " + master.name + " " + master.ip + " " + master.port);
                count++;
            }
        }
        return CompletableFuture.completedFuture(count);
    }

    @Override
    public synchronized CompletionStage<Void> monitor(String name, String host, int port, int quorum) {
        if (masters.containsKey(name)) {
            return CompletableFuture.failedFuture(
                    new SentinelCommandException(RespError.err("Duplicate master name.")));
        }
        if (!host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return CompletableFuture.failedFuture(
                    new SentinelCommandException(RespError.err("Invalid IP address or hostname specified")));
        }
        addMaster(name, host, port, quorum);
        persisted.add("config");
        events.publish("+monitor", "master " + name + " " + host + " " + port + " quorum " + quorum);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<Void> remove(String name) {
        Master master = masters.remove(name);
        persisted.add("config");
        events.publish("-monitor", "master " + name + " " + master.ip + " " + master.port);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<Void> set(String name, List<MasterSetting> settings) {
        Master master = masters.get(name);
        for (MasterSetting setting : settings) {
            switch (setting.option()) {
                case DOWN_AFTER_MILLISECONDS -> master.downAfterMs = setting.longValue();
                case FAILOVER_TIMEOUT -> master.failoverTimeoutMs = setting.longValue();
                case PARALLEL_SYNCS -> master.parallelSyncs = (int) setting.longValue();
                case QUORUM -> master.quorum = (int) setting.longValue();
                case NOTIFICATION_SCRIPT ->
                    master.notificationScript = setting.values().get(0).isEmpty()
                            ? Optional.empty()
                            : Optional.of(setting.values().get(0));
                default -> {}
            }
            String shown = setting.option().redacted() ? "******" : String.join(" ", setting.values());
            events.publish(
                    "+set",
                    "master " + name + " " + master.ip + " " + master.port + " "
                            + setting.option().wireName() + " " + shown);
        }
        persisted.add("config");
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> flushConfig() {
        persisted.add("config");
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized Map<GlobalParameter, String> globalConfig() {
        return new EnumMap<>(global);
    }

    @Override
    public synchronized CompletionStage<Void> setGlobalConfig(GlobalParameter parameter, String value) {
        global.put(parameter, value);
        persisted.add("config");
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized List<CachedInfo> infoCache(List<String> names) {
        List<CachedInfo> result = new ArrayList<>();
        for (Master master : masters.values()) {
            if (!names.isEmpty() && !names.contains(master.name)) {
                continue;
            }
            List<CachedInfo.Entry> entries = new ArrayList<>();
            entries.add(new CachedInfo.Entry(120, Optional.of("# Replication\r\nrole:master\r\n")));
            for (ReplicaView ignored : master.replicas) {
                entries.add(new CachedInfo.Entry(0, Optional.empty()));
            }
            result.add(new CachedInfo(master.name, entries));
        }
        return result;
    }

    @Override
    public synchronized void simulateFailure(Set<SimulatedFailure> failures) {
        simulated.clear();
        simulated.addAll(failures);
    }

    @Override
    public synchronized Map<DebugParameter, Long> debugParameters() {
        return new EnumMap<>(debug);
    }

    @Override
    public synchronized void setDebugParameters(Map<DebugParameter, Long> values) {
        debug.putAll(values);
    }

    @Override
    public void receiveHello(String message) {
        hellos.add(message);
    }

    @Override
    public CompletionStage<Void> shutdown() {
        shutdowns++;
        return CompletableFuture.failedFuture(new IllegalStateException("test service refuses to stop"));
    }

    private MasterView view(Master master) {
        Set<InstanceFlag> flags = EnumSet.of(InstanceFlag.MASTER);
        if (master.sdown) {
            flags.add(InstanceFlag.S_DOWN);
        }
        if (master.odown) {
            flags.add(InstanceFlag.O_DOWN);
        }
        if (master.failoverRunning) {
            flags.add(InstanceFlag.FAILOVER_IN_PROGRESS);
            flags.add(InstanceFlag.FORCE_FAILOVER);
        }
        LinkView link = new LinkView(
                master.ip,
                master.port,
                "5c89d9440b44209dd7cafc96e7c1ce128883ed09",
                flags,
                0,
                1,
                master.sdown ? 2100 : 0,
                master.sdown ? 2100 : 400,
                master.sdown ? 2100 : 400,
                master.sdown ? OptionalLong.of(1100) : OptionalLong.empty(),
                master.odown ? OptionalLong.of(900) : OptionalLong.empty(),
                master.downAfterMs);
        return new MasterView(
                master.name,
                link,
                master.failoverRunning ? Optional.of(FailoverStateName.WAIT_START) : Optional.empty(),
                3000,
                ReportedRole.MASTER,
                60_000,
                master.configEpoch,
                master.replicas.size(),
                master.peers.size(),
                master.quorum,
                master.failoverTimeoutMs,
                master.parallelSyncs,
                master.notificationScript,
                Optional.empty());
    }

    private static LinkView link(String ip, int port, String runid, Set<InstanceFlag> flags, long downAfter) {
        return new LinkView(
                ip, port, runid, flags, 0, 1, 0, 300, 300, OptionalLong.empty(), OptionalLong.empty(), downAfter);
    }
}
