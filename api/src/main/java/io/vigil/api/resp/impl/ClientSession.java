package io.vigil.api.resp.impl;

import io.vigil.resp.RespVersion;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One client connection's state: id, name, protocol, authentication and subscriptions. Commands read and change it
 * on the connection's thread; {@link #push} may be called from any thread (the sink hops to the connection's).
 */
public final class ClientSession {

    private final long id;
    private final String address;
    private final String localAddress;
    private final long createdMillis;
    private final Consumer<Reply> pushSink;
    private final Runnable closer;
    private final Set<String> channels = Collections.synchronizedSet(new LinkedHashSet<>());
    private final Set<String> patterns = Collections.synchronizedSet(new LinkedHashSet<>());
    private volatile String name = "";
    private volatile RespVersion version = RespVersion.RESP2;
    private volatile boolean authenticated;
    private volatile long lastCommandMillis;
    private volatile String lastCommand = "NULL";
    private volatile String libName = "";
    private volatile String libVersion = "";

    /**
     * A session.
     *
     * @param id the client id ({@code CLIENT ID})
     * @param address the peer's {@code ip:port}
     * @param localAddress the server side's {@code ip:port}
     * @param createdMillis when the connection was accepted
     * @param authenticated whether the connection starts authenticated (no password configured)
     * @param pushSink receives pub/sub messages for this client, from any thread
     * @param closer closes the connection (CLIENT KILL), from any thread
     */
    public ClientSession(
            long id,
            String address,
            String localAddress,
            long createdMillis,
            boolean authenticated,
            Consumer<Reply> pushSink,
            Runnable closer) {
        this.id = id;
        this.address = address;
        this.localAddress = localAddress;
        this.createdMillis = createdMillis;
        this.lastCommandMillis = createdMillis;
        this.authenticated = authenticated;
        this.pushSink = pushSink;
        this.closer = closer;
    }

    /** The client id. */
    public long id() {
        return id;
    }

    /** The peer's {@code ip:port}. */
    public String address() {
        return address;
    }

    /** The server side's {@code ip:port}. */
    public String localAddress() {
        return localAddress;
    }

    /** When the connection was accepted (clock millis). */
    public long createdMillis() {
        return createdMillis;
    }

    /** The name set with CLIENT SETNAME or HELLO SETNAME; empty when none. */
    public String name() {
        return name;
    }

    /** Sets the name (already checked). */
    public void name(String name) {
        this.name = name;
    }

    /** The protocol replies are written in. */
    public RespVersion version() {
        return version;
    }

    /** Switches the protocol (HELLO). */
    public void version(RespVersion version) {
        this.version = version;
    }

    /** Whether the client may run commands other than AUTH/HELLO. */
    public boolean authenticated() {
        return authenticated;
    }

    /** Marks the client authenticated or not. */
    public void authenticated(boolean authenticated) {
        this.authenticated = authenticated;
    }

    /** Records the command being run, for CLIENT LIST's {@code cmd} and {@code idle}. */
    public void touch(String command, long nowMillis) {
        this.lastCommand = command;
        this.lastCommandMillis = nowMillis;
    }

    /** The last command run (lower case, {@code a|b} for subcommands). */
    public String lastCommand() {
        return lastCommand;
    }

    /** When the last command ran. */
    public long lastCommandMillis() {
        return lastCommandMillis;
    }

    /** CLIENT SETINFO values. */
    public void libInfo(String libName, String libVersion) {
        this.libName = libName;
        this.libVersion = libVersion;
    }

    /** CLIENT SETINFO lib-name, empty when not set. */
    public String libName() {
        return libName;
    }

    /** CLIENT SETINFO lib-ver, empty when not set. */
    public String libVersion() {
        return libVersion;
    }

    /** The channels this client subscribed to (live view; synchronize to iterate). */
    public Set<String> channels() {
        return channels;
    }

    /** The patterns this client subscribed to (live view; synchronize to iterate). */
    public Set<String> patterns() {
        return patterns;
    }

    /** Channel plus pattern subscriptions: what subscribe confirmations count. */
    public int subscriptionCount() {
        return channels.size() + patterns.size();
    }

    /** Whether the client is in subscribed mode (RESP2 then only accepts (un)subscribe commands and PING). */
    public boolean subscribed() {
        return subscriptionCount() > 0;
    }

    /** Delivers a pub/sub message to the client (any thread). */
    public void push(Reply message) {
        pushSink.accept(message);
    }

    /** Closes the connection (any thread). */
    public void close() {
        closer.run();
    }
}
