package io.vigil.sentinel.core;

import io.vigil.api.election.ElectionViews;
import io.vigil.api.election.LinkCounts;
import io.vigil.api.sentinel.CachedInfo;
import io.vigil.api.sentinel.DebugParameter;
import io.vigil.api.sentinel.FailoverRequestOutcome;
import io.vigil.api.sentinel.GlobalParameter;
import io.vigil.api.sentinel.MasterAddress;
import io.vigil.api.sentinel.MasterDownAnswer;
import io.vigil.api.sentinel.MasterSetting;
import io.vigil.api.sentinel.MasterView;
import io.vigil.api.sentinel.QuorumCheck;
import io.vigil.api.sentinel.ReplicaView;
import io.vigil.api.sentinel.SentinelCommandException;
import io.vigil.api.sentinel.SentinelPeerView;
import io.vigil.api.sentinel.SentinelService;
import io.vigil.api.sentinel.SentinelStatus;
import io.vigil.api.sentinel.SimulatedFailure;
import io.vigil.config.sentinel.SentinelConfig;
import io.vigil.election.Action;
import io.vigil.election.Address;
import io.vigil.election.CommandOutcome;
import io.vigil.election.MasterSettings;
import io.vigil.election.NodeSnapshot;
import io.vigil.election.Timings;
import io.vigil.resp.RespError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The RESP port's view of the sentinel: reads answer from the loop's latest snapshot, commands run on the loop
 * thread against the core and complete when their actions (persisting first) have been performed.
 */
public final class CoreSentinelService implements SentinelService {

    private final SentinelLoop loop;
    private final SentinelConfig config;
    private final Timings timings;
    private final Supplier<CompletionStage<Void>> shutdown;

    /**
     * @param loop the running loop
     * @param config the configuration the process started with
     * @param timings the core's timings (for {@code SENTINEL DEBUG})
     * @param shutdown stops the process ({@code SHUTDOWN})
     */
    public CoreSentinelService(
            SentinelLoop loop, SentinelConfig config, Timings timings, Supplier<CompletionStage<Void>> shutdown) {
        this.loop = loop;
        this.config = config;
        this.timings = timings;
        this.shutdown = shutdown;
    }

    @Override
    public String myId() {
        return loop.views().snapshot().myId();
    }

    @Override
    public List<MasterView> masters() {
        SentinelLoop.Views v = loop.views();
        return views(v).masters(v.snapshot());
    }

    @Override
    public Optional<MasterView> master(String name) {
        SentinelLoop.Views v = loop.views();
        return views(v).master(v.snapshot(), name);
    }

    @Override
    public Optional<List<ReplicaView>> replicas(String name) {
        SentinelLoop.Views v = loop.views();
        return views(v).replicas(v.snapshot(), name);
    }

    @Override
    public Optional<List<SentinelPeerView>> sentinels(String name) {
        SentinelLoop.Views v = loop.views();
        return views(v).sentinels(v.snapshot(), name);
    }

    @Override
    public Optional<MasterAddress> masterAddress(String name) {
        SentinelLoop.Views v = loop.views();
        return views(v).masterAddress(v.snapshot(), name);
    }

    @Override
    public SentinelStatus status() {
        SentinelLoop.Views v = loop.views();
        return ElectionViews.status(v.snapshot(), v.runningScripts(), v.queuedScripts(), loop.simulated());
    }

    @Override
    public Optional<QuorumCheck> checkQuorum(String name) {
        SentinelLoop.Views v = loop.views();
        return views(v).checkQuorum(v.snapshot(), name);
    }

    @Override
    public CompletionStage<MasterDownAnswer> isMasterDownByAddr(
            String ip, int port, long epoch, Optional<String> voteFor) {
        CompletableFuture<Action.IsMasterDownAnswer> answer = new CompletableFuture<>();
        loop.call(() -> {
            long id = loop.expectAnswer(answer);
            loop.run(loop.node().onIsMasterDownRequest(id, ip, port, epoch, voteFor.orElse("*")));
            return null;
        });
        return answer.thenApply(a ->
                new MasterDownAnswer(a.down(), Optional.of(a.leader()).filter(l -> !"*".equals(l)), a.leaderEpoch()));
    }

    @Override
    public CompletionStage<FailoverRequestOutcome> failover(String name) {
        return loop.call(() -> {
            CommandOutcome outcome = loop.node().failover(name);
            loop.run(outcome.actions());
            return switch (outcome.status()) {
                case OK -> FailoverRequestOutcome.STARTED;
                case INPROG -> FailoverRequestOutcome.ALREADY_IN_PROGRESS;
                case NOGOODSLAVE -> FailoverRequestOutcome.NO_GOOD_REPLICA;
                default -> throw failure(outcome);
            };
        });
    }

    @Override
    public CompletionStage<Integer> reset(String pattern) {
        return loop.call(() -> {
            CommandOutcome outcome = loop.node().reset(pattern);
            loop.run(outcome.actions());
            return (int) outcome.count();
        });
    }

    @Override
    public CompletionStage<Void> monitor(String name, String host, int port, int quorum) {
        return loop.call(() -> {
            Address address;
            try {
                address = new Address(host, port);
            } catch (IllegalArgumentException e) {
                throw new SentinelCommandException(RespError.err("Invalid IP address or hostname specified"));
            }
            CommandOutcome outcome = loop.node()
                    .monitor(new MasterSettings(
                            name,
                            address,
                            quorum,
                            MasterSettings.DEFAULT_DOWN_AFTER_MS,
                            MasterSettings.DEFAULT_FAILOVER_TIMEOUT_MS,
                            1,
                            -1));
            loop.run(outcome.actions());
            if (outcome.status() == CommandOutcome.Status.DUPLICATE) {
                throw new SentinelCommandException(RespError.err("Duplicate master name."));
            }
            if (outcome.status() != CommandOutcome.Status.OK) {
                throw failure(outcome);
            }
            return null;
        });
    }

    @Override
    public CompletionStage<Void> remove(String name) {
        return command(() -> loop.node().remove(name));
    }

    @Override
    public CompletionStage<Void> set(String name, List<MasterSetting> settings) {
        return loop.call(() -> {
            for (MasterSetting s : settings) {
                CommandOutcome outcome = loop.node().set(name, s.option().wireName(), String.join(" ", s.values()));
                loop.run(outcome.actions());
                if (outcome.status() != CommandOutcome.Status.OK) {
                    throw failure(outcome);
                }
            }
            return null;
        });
    }

    @Override
    public CompletionStage<Void> flushConfig() {
        return loop.call(() -> {
            try {
                loop.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }

    @Override
    public Map<GlobalParameter, String> globalConfig() {
        Map<GlobalParameter, String> values = new EnumMap<>(GlobalParameter.class);
        values.put(GlobalParameter.RESOLVE_HOSTNAMES, config.resolveHostnames() ? "yes" : "no");
        values.put(GlobalParameter.ANNOUNCE_HOSTNAMES, config.announceHostnames() ? "yes" : "no");
        values.put(GlobalParameter.ANNOUNCE_IP, config.announceIp().orElse(""));
        values.put(GlobalParameter.ANNOUNCE_PORT, Integer.toString(config.announcePort()));
        values.put(GlobalParameter.SENTINEL_USER, config.sentinelUser().orElse(""));
        values.put(GlobalParameter.SENTINEL_PASS, config.sentinelPass().orElse(""));
        return values;
    }

    @Override
    public CompletionStage<Void> setGlobalConfig(GlobalParameter parameter, String value) {
        return CompletableFuture.failedFuture(new SentinelCommandException(RespError.err(
                "SENTINEL CONFIG SET " + parameter.wireName() + " is not supported at run time by this Vigil"
                        + " version; set it in sentinel.conf and restart")));
    }

    @Override
    public List<CachedInfo> infoCache(List<String> names) {
        NodeSnapshot s = loop.views().snapshot();
        List<CachedInfo> out = new ArrayList<>();
        for (io.vigil.election.MasterView m : s.masters()) {
            if (!names.isEmpty() && !names.contains(m.name())) {
                continue;
            }
            List<CachedInfo.Entry> entries = new ArrayList<>();
            entries.add(entry(s.now(), m.currentAddress()));
            for (io.vigil.election.ReplicaView r : m.replicas()) {
                entries.add(entry(s.now(), r.address()));
            }
            out.add(new CachedInfo(m.name(), entries));
        }
        return out;
    }

    private CachedInfo.Entry entry(long now, Address address) {
        return loop.cachedInfo(address)
                .map(c -> new CachedInfo.Entry(Math.max(0, now - c.at()), Optional.of(c.text())))
                .orElse(new CachedInfo.Entry(0, Optional.empty()));
    }

    @Override
    public void simulateFailure(Set<SimulatedFailure> failures) {
        loop.simulate(failures);
    }

    @Override
    public Map<DebugParameter, Long> debugParameters() {
        Map<DebugParameter, Long> values = new LinkedHashMap<>();
        values.put(DebugParameter.INFO_PERIOD, timings.infoPeriodMs());
        values.put(DebugParameter.PING_PERIOD, timings.pingPeriodMs());
        values.put(DebugParameter.ASK_PERIOD, timings.askPeriodMs());
        values.put(DebugParameter.PUBLISH_PERIOD, timings.helloPeriodMs());
        values.put(DebugParameter.DEFAULT_DOWN_AFTER, MasterSettings.DEFAULT_DOWN_AFTER_MS);
        values.put(DebugParameter.DEFAULT_FAILOVER_TIMEOUT, MasterSettings.DEFAULT_FAILOVER_TIMEOUT_MS);
        values.put(DebugParameter.TILT_TRIGGER, timings.tiltTriggerMs());
        values.put(DebugParameter.TILT_PERIOD, timings.tiltPeriodMs());
        values.put(DebugParameter.SLAVE_RECONF_TIMEOUT, timings.replicaReconfTimeoutMs());
        values.put(DebugParameter.ELECTION_TIMEOUT, timings.electionTimeoutMaxMs());
        return values;
    }

    @Override
    public void setDebugParameters(Map<DebugParameter, Long> values) {
        throw new SentinelCommandException(RespError.err("SENTINEL DEBUG cannot change timings at run time in this"
                + " Vigil version; set them with 'vigil <option>' lines in sentinel.conf"));
    }

    @Override
    public void receiveHello(String message) {
        loop.call(() -> {
            loop.receiveHello(message);
            return null;
        });
    }

    @Override
    public CompletionStage<Void> shutdown() {
        return flushConfig().thenCompose(v -> shutdown.get());
    }

    private CompletionStage<Void> command(Supplier<CommandOutcome> work) {
        return loop.call(() -> {
            CommandOutcome outcome = work.get();
            loop.run(outcome.actions());
            if (outcome.status() != CommandOutcome.Status.OK) {
                throw failure(outcome);
            }
            return null;
        });
    }

    private static SentinelCommandException failure(CommandOutcome outcome) {
        if (outcome.status() == CommandOutcome.Status.NO_SUCH_MASTER) {
            return new SentinelCommandException(RespError.NO_SUCH_MASTER);
        }
        return new SentinelCommandException(RespError.err(outcome.detail()));
    }

    private static ElectionViews views(SentinelLoop.Views v) {
        return new ElectionViews(a -> new LinkCounts(v.pending().getOrDefault(a, 0L), 1));
    }
}
