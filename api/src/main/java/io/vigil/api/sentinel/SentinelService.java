package io.vigil.api.sentinel;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * What the sentinel's RESP port needs from the sentinel: the {@code vigil} process implements it by adapting the
 * election core. The port parses and checks every request (arity, integers, option names) and renders every reply;
 * implementations only answer with values.
 *
 * <p>Threading: methods are called on the port's event-loop threads, possibly concurrently. Read methods must answer
 * from an immutable snapshot without blocking. Control methods return a stage that may complete on any thread; fail
 * it with {@link SentinelCommandException} to send a specific error reply (any other failure is replied as {@code
 * -ERR <message>}).
 */
public interface SentinelService {

    /** This sentinel's 40-hex id ({@code SENTINEL MYID}, {@code run_id} in INFO). */
    String myId();

    /** All monitored masters, in a stable order (the config order). */
    List<MasterView> masters();

    /** The master named {@code name}, if monitored. */
    Optional<MasterView> master(String name);

    /** The replicas of master {@code name}, or empty when no such master is monitored. */
    Optional<List<ReplicaView>> replicas(String name);

    /** The other sentinels known for master {@code name}, or empty when no such master is monitored. */
    Optional<List<SentinelPeerView>> sentinels(String name);

    /** The address clients should use for master {@code name} (the promoted replica's once promoted). */
    Optional<MasterAddress> masterAddress(String name);

    /** TILT, scripts and simulated failures, for {@code INFO sentinel}. */
    SentinelStatus status();

    /** The CKQUORUM counts for master {@code name}, or empty when no such master is monitored. */
    Optional<QuorumCheck> checkQuorum(String name);

    /**
     * A peer asks whether the master at {@code ip:port} is down and, when {@code voteFor} is present, asks for this
     * sentinel's vote in {@code epoch} for that run id. The stage must complete only after the vote and any epoch
     * change are persisted. An unknown address answers not down, no vote.
     */
    CompletionStage<MasterDownAnswer> isMasterDownByAddr(String ip, int port, long epoch, Optional<String> voteFor);

    /** Starts a forced failover of master {@code name} (which exists). */
    CompletionStage<FailoverRequestOutcome> failover(String name);

    /** Resets every master whose name matches the glob {@code pattern} (see {@link GlobPattern}); the count. */
    CompletionStage<Integer> reset(String pattern);

    /**
     * Starts monitoring a new master, then persists the config and emits {@code +monitor}. {@code quorum >= 1} and
     * the port range are checked already; the implementation checks the host (resolving it only when
     * resolve-hostnames is on) and the name, failing with {@code RespError.err("Invalid IP address or hostname
     * specified")} or {@code RespError.err("Duplicate master name.")}.
     */
    CompletionStage<Void> monitor(String name, String host, int port, int quorum);

    /** Stops monitoring master {@code name} (which exists), emitting {@code -monitor}. */
    CompletionStage<Void> remove(String name);

    /**
     * Applies settings to master {@code name} (which exists) in order, emitting one {@code +set} event per setting,
     * then persists the config when anything changed. Script checks (existence, deny-scripts-reconfig) are the
     * implementation's.
     */
    CompletionStage<Void> set(String name, List<MasterSetting> settings);

    /** Rewrites the config file with the current state. */
    CompletionStage<Void> flushConfig();

    /** The current value of every global parameter (booleans as {@code yes}/{@code no}, unset text as empty). */
    Map<GlobalParameter, String> globalConfig();

    /** Sets a global parameter to an already normalized value, then persists the config. */
    CompletionStage<Void> setGlobalConfig(GlobalParameter parameter, String value);

    /** The cached INFO of the named masters (unknown names skipped), or of all masters when {@code names} is empty. */
    List<CachedInfo> infoCache(List<String> names);

    /** Replaces the armed simulated failures (an empty set disarms them all). */
    void simulateFailure(Set<SimulatedFailure> failures);

    /** The current timing knobs. */
    Map<DebugParameter, Long> debugParameters();

    /** Sets timing knobs (every value > 0, already checked). */
    void setDebugParameters(Map<DebugParameter, Long> values);

    /**
     * A hello message a peer published to this sentinel ({@code PUBLISH __sentinel__:hello msg}); handled like one
     * received on a watched instance's hello channel. Malformed messages are ignored, as Redis ignores them.
     */
    void receiveHello(String message);

    /** {@code SHUTDOWN}: flush the config and stop the process. The stage fails if the process refuses to stop. */
    CompletionStage<Void> shutdown();
}
